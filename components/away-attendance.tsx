import type { AttendanceView, OwnTemporaryBranch } from '@/lib/flow/temporary-branch-queries';
import { messages } from '@/lib/i18n/messages';

const tb = messages.temporaryBranches;

/** Where a member away joins organisation life, and the meetings recorded there: for the member and the home branch. */
export function AwayAttendance({ id, branch, attendance }: { id: string; branch: OwnTemporaryBranch | null; attendance: AttendanceView[] }) {
  return (
    <section aria-labelledby={id} className="space-y-2">
      <h2 id={id} className="text-xl font-semibold">
        {tb.attendance.heading}
      </h2>
      {branch && (
        <p className="rounded-lg border border-stone-200 bg-white p-3">
          <span className="font-medium">{branch.name}</span>
          <span className="bg-party/10 text-party ml-2 rounded px-1.5 text-sm">{tb.roles[branch.role]}</span>
          <span className="block text-sm text-stone-600">
            {tb.list.since(branch.joinedOn)}
            {branch.secretaryName && ` · ${tb.roles.secretary}：${branch.secretaryName}`}
          </span>
        </p>
      )}
      {attendance.length === 0 ? (
        <p className="text-stone-600">{tb.attendance.empty}</p>
      ) : (
        <ul className="divide-y divide-stone-100 rounded-lg border border-stone-200 bg-white">
          {attendance.map((row) => (
            <li key={row.id} className="px-3 py-2 text-sm">
              {tb.attendance.line(row.heldOn, tb.meetingKinds[row.kind], row.topic, row.orgName)}
              {row.source === 'ecard' && <span className="ml-2 text-stone-500">{tb.attendance.viaCard}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
