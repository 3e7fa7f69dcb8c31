import type { Metadata } from 'next';
import Link from 'next/link';
import { forbidden } from 'next/navigation';
import { MeetingForm } from '@/components/meeting-form';
import { TableScroll } from '@/components/table-scroll';
import { requireAdminViewer } from '@/lib/auth/guards';
import { mayManageInflow } from '@/lib/flow/inflow';
import { recordInflowMeeting } from '@/lib/flow/inflow-actions';
import { INFLOW_PAGE_SIZE, INFLOW_TABS, inflowCursor, inflowReads, type InflowTab } from '@/lib/flow/inflow-queries';
import { EARLIEST_REPORT_DAY } from '@/lib/flow/inflow-rules';
import { messages } from '@/lib/i18n/messages';
import { beijingDay } from '@/lib/time/beijing';
import { LeaveForm } from './leave-form';
import { RegisterForm } from './register-form';

export const metadata: Metadata = { title: messages.inflow.title };

const inf = messages.inflow;
const genders = messages.memberFields.genders;

export default async function InflowPage({ searchParams }: { searchParams: Promise<{ tab?: string; before?: string }> }) {
  const viewer = await requireAdminViewer('/admin/inflow');
  if (!mayManageInflow(viewer)) forbidden();
  const params = await searchParams;
  const tab: InflowTab = INFLOW_TABS.find((item) => item === params.tab) ?? 'active';
  const [counts, rows, options] = await Promise.all([inflowReads.counts(viewer), inflowReads.list(viewer, { tab, before: params.before }), inflowReads.orgOptions(viewer)]);
  const today = beijingDay();
  // Most inflow members report to a 流入地党组织: offer the first host first.
  const defaultReceiving = options.receiving.find((org) => org.type === 'host') ?? options.receiving[0];
  const th = 'px-3 py-2 text-left font-medium text-stone-600';
  const td = 'px-3 py-2 align-top';
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{inf.title}</h1>
      <p className="max-w-4xl text-stone-600">{inf.intro}</p>
      {defaultReceiving && (
        <RegisterForm
          receiving={options.receiving}
          placements={options.placements}
          defaultReceivingId={defaultReceiving.id}
          today={today}
          earliest={EARLIEST_REPORT_DAY}
          labels={inf.form}
        />
      )}
      <nav aria-label={inf.title}>
        <ul className="flex flex-wrap gap-2">
          {INFLOW_TABS.map((item) => (
            <li key={item}>
              <Link
                href={`/admin/inflow?tab=${item}`}
                aria-current={item === tab ? 'page' : undefined}
                className={`inline-block rounded-lg border px-4 py-2 ${item === tab ? 'border-party text-party bg-white font-semibold' : 'border-stone-200 bg-white hover:border-stone-400'}`}
              >
                {inf.tabs[item]} <span className="tabular-nums">{counts[item]}</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {tab === 'active' && rows.length > 0 && (
        <details className="max-w-5xl">
          <summary className="text-party min-h-11 cursor-pointer py-2 font-medium">{messages.temporaryBranches.list.recordMeeting}</summary>
          <MeetingForm
            id="inflow-meeting"
            action={recordInflowMeeting}
            heading={messages.temporaryBranches.list.attendanceHeading}
            hidden={{}}
            attendees={rows.map((row) => ({ id: row.id, name: row.name, hint: row.placedOrgName }))}
            attendeesChecked={false}
            today={today}
          />
        </details>
      )}
      <section aria-labelledby="inflow-list" className="space-y-3">
        <h2 id="inflow-list" className="text-xl font-semibold">
          {inf.listHeading(inf.tabs[tab])}
        </h2>
        {rows.length === 0 ? (
          <p>{inf.empty[tab]}</p>
        ) : (
          <TableScroll label={inf.listHeading(inf.tabs[tab])}>
            <table className="w-full min-w-[64rem] text-sm">
              <thead className="bg-stone-50">
                <tr>
                  <th className={th}>{inf.columns.name}</th>
                  <th className={th}>{inf.columns.idNumber}</th>
                  <th className={th}>{inf.columns.phone}</th>
                  <th className={th}>{inf.columns.originalOrg}</th>
                  <th className={th}>{inf.columns.certificate}</th>
                  <th className={th}>{inf.columns.reportedOn}</th>
                  <th className={th}>{inf.columns.placedOrg}</th>
                  <th className={th}>{tab === 'active' ? inf.columns.action : inf.columns.leftOn}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-stone-100">
                {rows.map((row) => (
                  <tr key={row.id}>
                    <td className={td}>
                      <span className="font-medium">{row.name}</span>
                      <span className="block text-stone-500">{genders[row.gender]}</span>
                    </td>
                    <td className={`${td} font-mono whitespace-nowrap`}>{row.idNumberMasked}</td>
                    <td className={`${td} whitespace-nowrap tabular-nums`}>{row.phone}</td>
                    <td className={td}>
                      {row.originalOrgName}
                      {row.originalOrgContact && <span className="block text-stone-500">{row.originalOrgContact}</span>}
                    </td>
                    <td className={`${td} whitespace-nowrap`}>{row.certificateNumber ?? <span className="text-stone-500">{inf.noCertificate}</span>}</td>
                    <td className={`${td} whitespace-nowrap tabular-nums`}>
                      {row.reportedOn}
                      <span className="block text-stone-500">{messages.flow.hosting.attended(row.attended)}</span>
                    </td>
                    <td className={td}>
                      {row.placedOrgName}
                      {row.receivingOrgName !== row.placedOrgName && <span className="block text-stone-500">{inf.receivedBy(row.receivingOrgName)}</span>}
                    </td>
                    <td className={td}>
                      {tab === 'active' ? (
                        <LeaveForm inflowMemberId={row.id} name={row.name} reportedOn={row.reportedOn} today={today} labels={inf.leave} />
                      ) : (
                        <>
                          <span className="whitespace-nowrap tabular-nums">{row.leftOn}</span>
                          {row.note && <p className="max-w-xs break-words whitespace-pre-line text-stone-600">{row.note}</p>}
                        </>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        {rows.length === INFLOW_PAGE_SIZE && (
          <Link href={`/admin/inflow?${new URLSearchParams({ tab, before: inflowCursor(tab, rows.at(-1)!) }).toString()}`} className="text-party underline">
            {inf.more}
          </Link>
        )}
      </section>
    </div>
  );
}
