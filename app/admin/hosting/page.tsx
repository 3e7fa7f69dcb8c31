import type { Metadata } from 'next';
import Link from 'next/link';
import { forbidden } from 'next/navigation';
import { MeetingForm } from '@/components/meeting-form';
import { TableScroll } from '@/components/table-scroll';
import { requireAdminViewer } from '@/lib/auth/guards';
import { mayManageHosting } from '@/lib/flow/hosting';
import { HOSTING_TABS, hostingReads, type HostingTab } from '@/lib/flow/hosting-queries';
import { FEEDBACK_RATINGS } from '@/lib/flow/report-status';
import { recordAttendanceAtHost } from '@/lib/flow/temporary-branch-actions';
import { messages } from '@/lib/i18n/messages';
import { beijingDay } from '@/lib/time/beijing';
import { AcceptForm } from './accept-form';
import { FeedbackForm } from './feedback-form';

export const metadata: Metadata = { title: messages.flow.hosting.title };

const ho = messages.flow.hosting;

export default async function HostingPage({ searchParams }: { searchParams: Promise<{ tab?: string }> }) {
  const viewer = await requireAdminViewer('/admin/hosting');
  if (!mayManageHosting(viewer)) forbidden();
  const params = await searchParams;
  const tab: HostingTab = HOSTING_TABS.find((item) => item === params.tab) ?? 'pending';
  const [rows, placements] = await Promise.all([hostingReads.queue(viewer, tab), tab === 'pending' ? hostingReads.placements(viewer) : Promise.resolve([])]);
  const thisYear = Number(beijingDay().slice(0, 4));
  const th = 'px-3 py-2 text-left font-medium text-stone-600';
  const td = 'px-3 py-2 align-top';
  const ratings = FEEDBACK_RATINGS.map((value) => ({ value, label: ho.ratings[value] }));
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{ho.title}</h1>
      <p className="max-w-4xl text-stone-600">{ho.intro}</p>
      <nav aria-label={ho.title}>
        <ul className="flex flex-wrap gap-2">
          {HOSTING_TABS.map((item) => (
            <li key={item}>
              <Link
                href={`/admin/hosting?tab=${item}`}
                aria-current={item === tab ? 'page' : undefined}
                className={`inline-block rounded-lg border px-4 py-2 ${item === tab ? 'border-party text-party bg-white font-semibold' : 'border-stone-200 bg-white hover:border-stone-400'}`}
              >
                {ho.tabs[item]}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {tab === 'accepted' && rows.length > 0 && (
        <details className="max-w-5xl">
          <summary className="text-party min-h-11 cursor-pointer py-2 font-medium">{messages.temporaryBranches.list.recordMeeting}</summary>
          <MeetingForm
            id="host-meeting"
            action={recordAttendanceAtHost}
            heading={messages.temporaryBranches.list.attendanceHeading}
            hidden={{}}
            // Where each was placed, when the host places members in more than one org.
            attendees={rows.map((row) => ({ id: row.memberId, name: row.memberName, hint: new Set(rows.map((one) => one.placedName)).size > 1 ? (row.placedName ?? undefined) : undefined }))}
            attendeesChecked={false}
            today={beijingDay()}
          />
        </details>
      )}
      {rows.length === 0 ? (
        <p>{ho.empty}</p>
      ) : (
        <TableScroll label={ho.tabs[tab]}>
          <table className="w-full min-w-[56rem] text-sm">
            <thead className="bg-stone-50">
              <tr>
                <th className={th}>{ho.columns.member}</th>
                <th className={th}>{ho.columns.certificate}</th>
                <th className={th}>{ho.columns.reported}</th>
                <th className={th}>{ho.columns.status}</th>
                <th className={th}>{ho.columns.decision}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {rows.map((row) => {
                const years = [thisYear, thisYear - 1].filter((year) => !row.feedbackYears.includes(year) && year >= Number(row.reportedOn.slice(0, 4)));
                return (
                  <tr key={row.id}>
                    <td className={td}>
                      <span className="font-medium">{row.memberName}</span>
                      <span className="block text-stone-500">
                        {ho.columns.home}：{row.homeBranchName}
                      </span>
                    </td>
                    <td className={`${td} whitespace-nowrap`}>
                      {row.certificate ? (
                        <>
                          {row.certificate.number}
                          <span className="block text-stone-500 tabular-nums">
                            {messages.flow.certificate.validUntil} {row.certificate.validUntil}
                          </span>
                        </>
                      ) : (
                        <span className="text-stone-500">{ho.noCertificate}</span>
                      )}
                    </td>
                    <td className={`${td} whitespace-nowrap tabular-nums`}>{row.reportedOn}</td>
                    <td className={td}>
                      <span className="font-medium">{ho.statuses[row.status]}</span>
                      {row.hostName && <span className="block text-stone-500">{row.hostName}</span>}
                      {row.placedName && <span className="block text-stone-500">{ho.placedIn(row.placedName)}</span>}
                      {row.certificate && row.status === 'accepted' && <span className="block text-xs text-stone-500">{ho.noVote}</span>}
                      {row.status !== 'pending' && <span className="block text-stone-600">{ho.attended(row.attended)}</span>}
                    </td>
                    <td className={td}>
                      {row.status === 'pending' && (
                        <AcceptForm
                          registrationId={row.id}
                          memberName={row.memberName}
                          placements={placements.filter((placement) => placement.hostId === row.hostOrgId)}
                          holdsCertificate={row.certificate !== null}
                          labels={{ placement: ho.placement, certificateChecked: ho.certificateChecked, accept: ho.accept, decline: ho.decline, declineReason: ho.declineReason }}
                        />
                      )}
                      {row.status !== 'pending' && row.feedbackYears.length > 0 && (
                        <ul className="text-stone-600">
                          {row.feedbackYears.map((year) => (
                            <li key={year}>{ho.feedbackFiled(year)}</li>
                          ))}
                        </ul>
                      )}
                      {row.status !== 'pending' && years.length > 0 && (
                        <FeedbackForm
                          memberId={row.memberId}
                          years={years}
                          ratings={ratings}
                          labels={{ heading: ho.feedbackHeading, year: ho.feedbackYear, rating: ho.rating, content: ho.feedbackContent, submit: ho.fileFeedback, submitting: ho.filingFeedback }}
                        />
                      )}
                      {row.status === 'ended' && row.decisionNote && <p className="max-w-xs break-words">{row.decisionNote}</p>}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      )}
    </div>
  );
}
