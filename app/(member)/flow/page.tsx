import type { Metadata } from 'next';
import { AwayAttendance } from '@/components/away-attendance';
import { CertificateStateBadge } from '@/components/certificate-state-badge';
import { submitOutflowReport, withdrawOwnOutflowReport } from '@/lib/flow/actions';
import { certificateReads } from '@/lib/flow/certificate-queries';
import { certificateState } from '@/lib/flow/certificate-rules';
import { hostingReads } from '@/lib/flow/hosting-queries';
import { temporaryBranchReads } from '@/lib/flow/temporary-branch-queries';
import { earliestReportDay } from '@/lib/flow/hosting-rules';
import { flowReads, type ReportView } from '@/lib/flow/queries';
import type { OutflowReportStatus } from '@/lib/flow/report-status';
import { messages } from '@/lib/i18n/messages';
import { OUTFLOW_REASONS } from '@/lib/members/member-status';
import { beijingDay, formatBeijingDateTime } from '@/lib/time/beijing';
import { ActionButton } from '../archive/action-button';
import { requireMember } from '../archive/member-viewer';
import { RegistrationForm } from './registration-form';
import { OutflowReportForm } from '@/components/outflow-report-form';

export const metadata: Metadata = { title: messages.flow.member.title };

const t = messages.flow;
const m = t.member;
const ce = t.certificate;
const ho = t.hosting;
const reasons = messages.memberFields.outflowReasons;
const statusTone: Record<OutflowReportStatus, string> = {
  pending: 'bg-amber-100 text-amber-900',
  confirmed: 'bg-green-100 text-green-900',
  returned: 'bg-party/10 text-party-dark',
  withdrawn: 'bg-stone-200 text-stone-700',
};

function ReportSummary({ report }: { report: ReportView }) {
  const r = t.review;
  return (
    <dl className="grid gap-x-3 gap-y-0.5 text-lg sm:grid-cols-[auto_1fr] sm:gap-y-1">
      <dt className="text-base text-stone-600 sm:text-lg">{t.fields.region}</dt>
      <dd className="min-w-0 break-words">
        {report.region} {report.place}
      </dd>
      <dt className="mt-1 text-base text-stone-600 sm:mt-0 sm:text-lg">{t.fields.reason}</dt>
      <dd>{reasons[report.reason]}</dd>
      <dt className="mt-1 text-base text-stone-600 sm:mt-0 sm:text-lg">{t.fields.leavesOn}</dt>
      <dd className="tabular-nums">
        {report.leavesOn}（{r.months(report.expectedMonths)}）
      </dd>
      {report.plannedHost && (
        <>
          <dt className="mt-1 text-base text-stone-600 sm:mt-0 sm:text-lg">{t.fields.plannedHost}</dt>
          <dd className="min-w-0 break-words">{report.plannedHost}</dd>
        </>
      )}
    </dl>
  );
}

export default async function FlowPage({ searchParams }: { searchParams: Promise<{ filed?: string }> }) {
  const viewer = await requireMember('/flow');
  const [flow, certificates, [registrations], hosts, temporaryBranch, attendance, params] = await Promise.all([
    flowReads.own(viewer),
    certificateReads.ofMember(viewer.memberId),
    hostingReads.ofMember(viewer.memberId),
    hostingReads.hostOrgs(),
    temporaryBranchReads.ownBranch(viewer.memberId),
    temporaryBranchReads.attendanceOf(viewer.memberId),
    searchParams,
  ]);
  const liveRegistration = registrations.find((registration) => registration.status === 'pending' || registration.status === 'accepted' || registration.status === 'outside');
  const declined = registrations.find((registration) => registration.status === 'declined');
  const today = beijingDay();
  const held = certificates.find((certificate) => certificate.status === 'valid');
  const heldState = held && certificateState(held.status, held.validUntil, today);
  const history = flow?.reports.filter((report) => report.status !== 'pending') ?? [];
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-bold">{m.title}</h1>
      {params.filed === '1' && flow?.pending && (
        <p role="status" className="rounded-xl border border-green-300 bg-green-50 p-3 text-lg text-green-900">
          {m.filed}
        </p>
      )}
      <p className="text-lg leading-relaxed text-stone-700">{m.intro}</p>
      {flow?.away && (
        <section aria-labelledby="away-heading" className="space-y-2 rounded-2xl border-2 border-green-300 bg-green-50 p-4">
          <h2 id="away-heading" className="text-xl font-semibold">
            {m.awayHeading}
          </h2>
          <p className="text-lg">
            {flow.away.region} {flow.away.place}
          </p>
          <p className="text-stone-700">
            {m.awaySince(flow.away.startedOn)} · {reasons[flow.away.reason]}
            {flow.away.hostOrgName && ` · ${flow.away.hostOrgName}`}
          </p>
        </section>
      )}
      {held && heldState && (
        <section aria-labelledby="certificate-heading" className="space-y-2 rounded-2xl bg-white p-4 shadow-sm">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2 id="certificate-heading" className="text-xl font-semibold">
              {ce.memberHeading}
            </h2>
            <CertificateStateBadge state={heldState} />
          </div>
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-lg">
            <dt className="text-stone-600">{ce.number}</dt>
            <dd>{held.number}</dd>
            <dt className="text-stone-600">{ce.issuer}</dt>
            <dd className="min-w-0 break-words">{held.issuerName}</dd>
            <dt className="text-stone-600">{ce.validUntil}</dt>
            <dd className="tabular-nums">{held.validUntil}</dd>
          </dl>
          {heldState === 'expiring' && <p className="rounded-lg bg-amber-50 p-2 text-amber-900">{ce.memberExpiring(held.validUntil)}</p>}
          {heldState === 'expired' && <p className="bg-party/5 text-party rounded-lg p-2">{ce.memberExpired(held.validUntil)}</p>}
        </section>
      )}
      {flow?.away && liveRegistration && (
        <section aria-labelledby="registration-heading" className="space-y-2 rounded-2xl bg-white p-4 shadow-sm">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2 id="registration-heading" className="text-xl font-semibold">
              {ho.memberHeading}
            </h2>
            <span className="rounded-full bg-stone-100 px-3 py-0.5 font-semibold text-stone-800">{ho.statuses[liveRegistration.status]}</span>
          </div>
          <p className="text-lg">{liveRegistration.hostName ?? liveRegistration.outsideOrgName}</p>
          <p className="text-stone-600">
            {ho.reportedOn} {liveRegistration.reportedOn}
          </p>
          {liveRegistration.placedName && <p className="text-lg text-green-900">{ho.placedIn(liveRegistration.placedName)}</p>}
          {held && liveRegistration.status === 'accepted' && <p className="text-stone-600">{ho.noVote}</p>}
        </section>
      )}
      {flow?.away && !liveRegistration && (
        <>
          {declined?.decisionNote && (
            <p className="bg-party/5 text-party rounded-xl p-3 text-lg">
              {ho.statuses.declined}：{declined.decisionNote}
            </p>
          )}
          <RegistrationForm
            hosts={hosts}
            today={today}
            earliest={earliestReportDay(flow.away.startedOn, today)}
            labels={{
              heading: ho.memberHeading,
              intro: ho.memberIntro,
              where: ho.where,
              inDeployment: ho.inDeployment,
              outside: ho.outside,
              hostOrg: ho.hostOrg,
              chooseHost: ho.chooseHost,
              outsideOrgName: ho.outsideOrgName,
              outsideContact: ho.outsideContact,
              reportedOn: ho.reportedOn,
              submit: ho.submit,
              submitting: ho.submitting,
            }}
          />
        </>
      )}
      {(flow?.away || temporaryBranch || attendance.length > 0) && (
        <div className="rounded-2xl bg-white p-4 shadow-sm">
          <AwayAttendance id="attendance-heading" branch={temporaryBranch} attendance={attendance} />
        </div>
      )}
      {flow?.pending && (
        <section aria-labelledby="pending-heading" className="border-gold space-y-3 rounded-2xl border-2 bg-amber-50 p-4">
          <h2 id="pending-heading" className="text-xl font-semibold">
            {m.pendingHeading}
          </h2>
          <ReportSummary report={flow.pending} />
          <p className="text-stone-600">{m.submittedOn(formatBeijingDateTime(flow.pending.createdAt))}</p>
          <ActionButton action={withdrawOwnOutflowReport} fields={{ reportId: flow.pending.id }} label={m.withdraw} pendingLabel={m.withdrawing} tone="plain" />
        </section>
      )}
      {flow?.mayReport ? (
        <OutflowReportForm
          action={submitOutflowReport}
          today={today}
          reasons={OUTFLOW_REASONS.map((value) => ({ value, label: reasons[value] }))}
          labels={{ heading: m.formHeading, submit: m.submit, submitting: m.submitting, ...t.fields }}
        />
      ) : (
        !flow?.away && !flow?.pending && <p className="rounded-xl bg-stone-100 p-3 text-lg text-stone-700">{m.cannotReport}</p>
      )}
      <section aria-labelledby="history-heading" className="space-y-3">
        <h2 id="history-heading" className="text-xl font-semibold">
          {m.history}
        </h2>
        {history.length === 0 && <p className="text-lg text-stone-700">{m.noReports}</p>}
        <ul className="space-y-3">
          {history.map((report) => (
            <li key={report.id} className="space-y-2 rounded-2xl bg-white p-4 shadow-sm">
              <div className="flex flex-wrap items-center gap-2">
                <span className={`rounded-full px-3 py-0.5 font-semibold ${statusTone[report.status]}`}>{t.statuses[report.status]}</span>
                {report.byAdmin && <span className="rounded-full bg-stone-100 px-2 py-0.5 text-sm text-stone-700">{t.review.byAdmin}</span>}
                <span className="text-stone-600">{m.submittedOn(formatBeijingDateTime(report.createdAt))}</span>
              </div>
              <ReportSummary report={report} />
              {report.decisionNote && report.status === 'returned' && (
                <p className="rounded-lg bg-stone-50 p-2 text-lg">
                  {t.review.returnReason}：{report.decisionNote}
                </p>
              )}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
