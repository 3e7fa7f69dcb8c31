import type { Metadata } from 'next';
import Link from 'next/link';
import { forbidden } from 'next/navigation';
import { MeetingForm } from '@/components/meeting-form';
import { RowAction } from '@/components/row-action';
import { requireAdminViewer } from '@/lib/auth/guards';
import { dissolveTemporaryBranchOrg, recordAttendanceAtTemporaryBranch } from '@/lib/flow/temporary-branch-actions';
import { CANDIDATE_LIMIT, temporaryBranchReads } from '@/lib/flow/temporary-branch-queries';
import { messages } from '@/lib/i18n/messages';
import { isArchiveAdmin } from '@/lib/members/record-edit';
import { beijingDay, formatBeijingDateTime } from '@/lib/time/beijing';
import { DecideForm } from './decide-form';
import { ProposeForm } from './propose-form';

export const metadata: Metadata = { title: messages.temporaryBranches.title };

const tb = messages.temporaryBranches;
const TABS = ['branches', 'pending', 'propose', 'decided'] as const;
type Tab = (typeof TABS)[number];

export default async function TemporaryBranchesPage({ searchParams }: { searchParams: Promise<{ tab?: string; place?: string }> }) {
  const viewer = await requireAdminViewer('/admin/temporary-branches');
  if (!isArchiveAdmin(viewer)) forbidden();
  const params = await searchParams;
  const tab: Tab = TABS.find((item) => item === params.tab) ?? 'branches';
  const today = beijingDay();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{tb.title}</h1>
      <p className="max-w-4xl text-stone-600">{tb.intro}</p>
      <nav aria-label={tb.title}>
        <ul className="flex flex-wrap gap-2">
          {TABS.map((item) => (
            <li key={item}>
              <Link
                href={`/admin/temporary-branches?tab=${item}`}
                aria-current={item === tab ? 'page' : undefined}
                className={`inline-flex min-h-11 items-center rounded-lg border px-4 ${item === tab ? 'border-party text-party bg-white font-semibold' : 'border-stone-200 bg-white hover:border-stone-400'}`}
              >
                {tb.tabs[item]}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {tab === 'branches' && <Branches today={today} viewer={viewer} />}
      {(tab === 'pending' || tab === 'decided') && <Applications which={tab} viewer={viewer} />}
      {tab === 'propose' && <Propose viewer={viewer} place={params.place} />}
    </div>
  );
}

type ViewerProp = { viewer: Awaited<ReturnType<typeof requireAdminViewer>> };

async function Branches({ viewer, today }: ViewerProp & { today: string }) {
  const branches = await temporaryBranchReads.branches(viewer);
  if (branches.length === 0) return <p>{tb.list.empty}</p>;
  return (
    <ul className="space-y-4">
      {branches.map((branch) => (
        <li key={branch.id}>
          <section aria-labelledby={`branch-${branch.id}`} className="space-y-3 rounded-lg border border-stone-200 bg-white p-4">
            <div className="flex flex-wrap items-start justify-between gap-3">
              <div>
                <h2 id={`branch-${branch.id}`} className="text-lg font-semibold">
                  {branch.name}
                </h2>
                <p className="text-sm text-stone-600">
                  {[tb.list.parent(branch.parentName), branch.place, tb.list.since(beijingDay(branch.createdAt)), tb.list.memberCount(branch.members.length)].filter(Boolean).join(' · ')}
                </p>
                {branch.state === 'too_few' && <p className="text-party text-sm font-medium">{tb.list.tooFew}</p>}
              </div>
              <RowAction action={dissolveTemporaryBranchOrg} fields={{ orgId: String(branch.id) }} label={tb.actions.dissolve} tone="danger" />
            </div>
            <ul className="grid gap-1 text-sm sm:grid-cols-2 lg:grid-cols-3">
              {branch.members.map((member) => (
                <li key={member.memberId}>
                  <Link href={`/admin/members/${member.memberId}`} className="text-party font-medium underline">
                    {member.name}
                  </Link>
                  {member.role === 'secretary' && <span className="bg-party/10 text-party ml-1 rounded px-1.5 text-xs">{tb.roles.secretary}</span>}
                  <span className="block text-stone-500">{member.homeBranchName}</span>
                </li>
              ))}
            </ul>
            <p className="text-sm text-stone-600">{tb.limits}</p>
            {branch.members.length > 0 && (
              <details className="group">
                <summary className="text-party min-h-11 cursor-pointer py-2 font-medium">{tb.list.recordMeeting}</summary>
                <MeetingForm
                id={`meeting-${branch.id}`}
                action={recordAttendanceAtTemporaryBranch}
                heading={tb.list.attendanceHeading}
                hidden={{ orgId: String(branch.id) }}
                  attendees={branch.members.map((member) => ({ id: member.memberId, name: member.name }))}
                  today={today}
                />
              </details>
            )}
          </section>
        </li>
      ))}
    </ul>
  );
}

async function Applications({ viewer, which }: ViewerProp & { which: 'pending' | 'decided' }) {
  const applications = await temporaryBranchReads.applications(viewer, which);
  if (applications.length === 0) return <p>{which === 'pending' ? tb.list.pendingEmpty : tb.list.decidedEmpty}</p>;
  return (
    <ul className="space-y-4">
      {applications.map((application) => (
        <li key={application.id}>
          <section aria-labelledby={`application-${application.id}`} className="space-y-3 rounded-lg border border-stone-200 bg-white p-4">
            <h2 id={`application-${application.id}`} className="text-lg font-semibold">
              {application.name}
              <span className="ml-2 text-sm font-normal text-stone-600">{tb.statuses[application.status]}</span>
            </h2>
            <p className="text-sm text-stone-600">
              {[application.place, tb.list.committee(application.committeeName), tb.list.proposedBy(application.proposedByName, formatBeijingDateTime(application.createdAt))].join(' · ')}
            </p>
            <p className="max-w-3xl">{application.reason}</p>
            <ul className="grid gap-1 text-sm sm:grid-cols-2 lg:grid-cols-3">
              {application.members.map((member) => (
                <li key={member.id}>
                  <span className="font-medium">{member.name}</span>
                  {member.id === application.secretaryMemberId && <span className="bg-party/10 text-party ml-1 rounded px-1.5 text-xs">{tb.roles.secretary}</span>}
                  {member.category !== 'full' && <span className="text-stone-500">（{tb.list.probationary}）</span>}
                  <span className="block text-stone-500">{member.homeBranchName}</span>
                </li>
              ))}
            </ul>
            {application.decisionNote && (
              <p className="text-sm">
                {tb.fields.decisionNote}：{application.decisionNote}
              </p>
            )}
            {which === 'pending' && !application.proposedByViewer && (
              <DecideForm
                applicationId={application.id}
                name={application.name}
                secretaryMemberId={application.secretaryMemberId}
                choices={application.members.filter((member) => member.category === 'full')}
              />
            )}
          </section>
        </li>
      ))}
    </ul>
  );
}

async function Propose({ viewer, place }: ViewerProp & { place?: string }) {
  const places = await temporaryBranchReads.candidatePlaces(viewer);
  const chosen = places.find((item) => item.key === place);
  const candidates = chosen ? await temporaryBranchReads.candidates(viewer, chosen.key) : [];
  return (
    <div className="space-y-4">
      <section aria-labelledby="places-heading" className="space-y-2">
        <h2 id="places-heading" className="text-lg font-semibold">
          {tb.fields.city}
        </h2>
        {!chosen && <p className="text-stone-600">{tb.list.chooseCity}</p>}
        <ul className="flex flex-wrap gap-2">
          {places.slice(0, 40).map((item) => (
            <li key={item.key}>
              <Link
                href={`/admin/temporary-branches?tab=propose&place=${item.key}`}
                aria-current={item.key === chosen?.key ? 'true' : undefined}
                className={`inline-flex min-h-11 items-center rounded-lg border px-3 text-sm ${item.key === chosen?.key ? 'border-party text-party bg-white font-semibold' : 'border-stone-200 bg-white hover:border-stone-400'}`}
              >
                {tb.list.cityOption(item.name, item.members)}
              </Link>
            </li>
          ))}
        </ul>
      </section>
      {chosen &&
        (candidates.length === 0 ? (
          <p>{tb.list.noCandidates}</p>
        ) : (
          <>
            {candidates.length === CANDIDATE_LIMIT && <p className="text-party max-w-4xl">{tb.list.truncated(CANDIDATE_LIMIT)}</p>}
            <ProposeForm candidates={candidates} regionCode={chosen.key.length === 2 ? `${chosen.key}0100` : `${chosen.key}00`} placeName={chosen.name} />
          </>
        ))}
    </div>
  );
}
