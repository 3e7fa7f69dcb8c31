import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { AwayAttendance } from '@/components/away-attendance';
import { FieldsForm } from '@/components/fields-form';
import { OutflowReportForm } from '@/components/outflow-report-form';
import { TableScroll } from '@/components/table-scroll';
import { openOutflow } from '@/lib/flow/actions';
import { issueActivityCertificate, renewActivityCertificate } from '@/lib/flow/certificate-actions';
import { certificateReads } from '@/lib/flow/certificate-queries';
import { hostingReads } from '@/lib/flow/hosting-queries';
import { temporaryBranchReads } from '@/lib/flow/temporary-branch-queries';
import { certificateState, latestValidUntil } from '@/lib/flow/certificate-rules';
import { cancelLetter, logReceipt, recordTransfer } from '@/lib/flow/transfer-actions';
import { transferReads } from '@/lib/flow/transfer-queries';
import { isPocketSuspect, shouldSuggestTransfer, TRANSFER_SUGGESTION_MONTHS } from '@/lib/flow/transfer-rules';
import { addDays, isManagedStatus } from '@/lib/members/four-clear';
import { mayGoAway } from '@/lib/flow/rules';
import { orgPathInScope } from '@/lib/auth/access';
import { requireAdminViewer } from '@/lib/auth/guards';
import { messages } from '@/lib/i18n/messages';
import { findMemberForViewer, type DetailField } from '@/lib/members/detail-queries';
import { FIELD_GROUPS, type MemberField } from '@/lib/members/field-policy';
import { CONTACT_WAYS, OUTFLOW_REASONS } from '@/lib/members/member-status';
import { beijingDay, formatBeijingDateTime } from '@/lib/time/beijing';
import { ContactForm } from './contact-form';
import { CertificateForm } from './certificate-form';
import { CertificateStateBadge } from '@/components/certificate-state-badge';
import { ReturnHomeForm } from './return-home-form';
import { RevealValue } from './reveal-value';
import { StatusBadge } from './status-badge';

export const metadata: Metadata = { title: messages.nav.adminMembers };

const t = messages.memberRecord;
const f = messages.memberFields;
const fl = messages.flow.admin;
const ce = messages.flow.certificate;
const tr = messages.flow.transfer;
const ho = messages.flow.hosting;
const certificateLabels = {
  issuedOn: ce.issuedOn,
  validUntil: ce.validUntil,
  extensionReason: ce.extensionReason,
  extensionReasonHint: ce.extensionReasonHint,
  photo: ce.photo,
  photoHint: ce.photoHint,
};
const th = 'px-3 py-2 text-left font-medium text-stone-600';
const td = 'px-3 py-2 align-top';
// Long values take a whole row on a phone; short ones sit two to a row.
const WIDE: ReadonlySet<MemberField> = new Set(['idNumber', 'org', 'group', 'workUnit', 'skills', 'familySituation', 'difficulties', 'emergencyContactPhone', 'contactPerson']);

export default async function MemberDetailPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ contacts?: string; history?: string }>;
}) {
  const { id } = await params;
  const viewer = await requireAdminViewer(`/admin/members/${id}`);
  const query = await searchParams;
  const historyBefore = /^\d{1,15}$/.test(query.history ?? '') ? Number(query.history) : undefined;
  const member = await findMemberForViewer({ viewer, memberId: id, contactsAfter: query.contacts, historyBefore });
  // Missing and out of scope look the same: a guessed id tells nothing.
  if (!member) notFound();

  const archive = member.access === 'archive';
  const today = beijingDay();
  const openEpisode = member.outflows.find((episode) => episode.endedOn === null);
  // Host admins see neither: both are the home side's records.
  const [certificates, transfers, [registrations, feedback], issuer, temporaryBranch, attendance] = archive
    ? await Promise.all([
        certificateReads.ofMember(member.id),
        transferReads.ofMember(member.id),
        hostingReads.ofMember(member.id),
        certificateReads.issuerFor(member.orgId),
        temporaryBranchReads.ownBranch(member.id),
        temporaryBranchReads.attendanceOf(member.id),
      ])
    : [[], [], [[], []], undefined, null, []];
  // Only the 党委 that issues (or a level above) is offered the 活动证 forms; a branch admin is not.
  const mayIssue = member.canEdit && issuer !== undefined && orgPathInScope(viewer, issuer.path);
  const heldCertificate = certificates.find((certificate) => certificate.status === 'valid');
  const letterOut = transfers.find((transfer) => transfer.status === 'awaiting_receipt');
  const suggestTransfer =
    openEpisode !== undefined && shouldSuggestTransfer({ startedOn: openEpisode.startedOn, letterOut: letterOut !== undefined, extendedCertificate: Boolean(heldCertificate?.extensionReason) }, today);
  const here = `/admin/members/${member.id}`;
  const valueOf = (item: DetailField) =>
    item.display === 'revealable' && (item.field === 'idNumber' || item.field === 'monthlyIncome') ? (
      <RevealValue
        memberId={member.id}
        field={item.field}
        masked={item.text}
        labels={{ reveal: t.reveal, revealing: t.revealing, revealFull: t.revealLabel(f.fields[item.field]), revealed: t.revealed }}
      />
    ) : (
      <span className={item.field === 'idNumber' ? 'font-mono' : 'break-words whitespace-pre-line'}>{item.text}</span>
    );

  return (
    <div className="max-w-6xl space-y-8">
      <nav aria-label={t.breadcrumb}>
        <Link href="/admin/members" className="text-party underline">
          {t.backToList}
        </Link>
      </nav>

      <header className="flex flex-wrap items-start justify-between gap-4">
        <div className="space-y-1">
          <div className="flex flex-wrap items-center gap-3">
            <h1 className="text-2xl font-bold">{member.name}</h1>
            <StatusBadge status={member.status} />
          </div>
          <p className="text-stone-700">{t.orgLine(member.orgName, member.groupName)}</p>
          {archive && (
            <p className="text-stone-600">
              {member.contactPerson ? t.contactPersonIs(member.contactPerson.name) : t.contactPersonNone}
              {' · '}
              {member.lastContactOn ? t.lastContact(member.lastContactOn) : t.neverContacted}
            </p>
          )}
        </div>
        {member.canEdit && (
          <Link href={`${here}/edit`} className="bg-party inline-flex min-h-11 items-center rounded-lg px-5 text-white">
            {t.edit}
          </Link>
        )}
      </header>

      {!archive && (
        <p role="note" className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-amber-950">
          {t.hostNotice}
        </p>
      )}

      <div className="space-y-6">
        {FIELD_GROUPS.map((group) => {
          const items = member.fields.filter((item) => item.group === group);
          if (items.length === 0) return null;
          return (
            <section key={group} aria-labelledby={`group-${group}`} className="rounded-lg border border-stone-200 bg-white p-4">
              <h2 id={`group-${group}`} className="mb-3 text-lg font-semibold">
                {f.groups[group]}
              </h2>
              <dl className="grid grid-cols-2 gap-x-4 gap-y-3 sm:gap-x-6 xl:grid-cols-3">
                {items.map((item) => (
                  <div key={item.field} className={`min-w-0 ${WIDE.has(item.field) ? 'col-span-2 sm:col-span-1' : ''}`}>
                    <dt className="text-sm text-stone-600">{f.fields[item.field]}</dt>
                    <dd>{valueOf(item)}</dd>
                  </div>
                ))}
              </dl>
            </section>
          );
        })}
        {member.fields.some((item) => item.display === 'revealable') && <p className="text-sm text-stone-600">{t.revealHint}</p>}
      </div>

      <section aria-labelledby="outflows" className="space-y-3">
        <h2 id="outflows" className="text-xl font-semibold">
          {t.outflowHeading}
        </h2>
        {member.outflows.length === 0 ? (
          <p className="text-stone-600">{t.outflowNone}</p>
        ) : (
          <TableScroll label={t.outflowHeading}>
            <table className="w-full min-w-[44rem] text-sm">
              <thead className="bg-stone-50">
                <tr>
                  <th className={th}>{t.outflowColumns.period}</th>
                  <th className={th}>{t.outflowColumns.region}</th>
                  <th className={th}>{t.outflowColumns.place}</th>
                  <th className={th}>{t.outflowColumns.reason}</th>
                  <th className={th}>{t.outflowColumns.host}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-stone-100">
                {member.outflows.map((episode) => (
                  <tr key={episode.id}>
                    <td className={`${td} whitespace-nowrap tabular-nums`}>{t.outflowPeriod(episode.startedOn, episode.endedOn)}</td>
                    <td className={td}>{episode.region}</td>
                    <td className={td}>{episode.place}</td>
                    <td className={td}>{f.outflowReasons[episode.reason]}</td>
                    <td className={td}>{episode.hostOrgName ?? t.noHost}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        {member.canEdit && openEpisode && (
          <ReturnHomeForm
            memberId={member.id}
            today={today}
            startedOn={openEpisode.startedOn}
            holdsCertificate={heldCertificate !== undefined}
            notBegun={openEpisode.startedOn > today}
            labels={{
              heading: fl.returnHeading,
              returnedOn: fl.returnedOn,
              note: fl.returnNote,
              submit: fl.recordReturn,
              submitting: fl.recordingReturn,
              inspection: ce.inspection,
              inspectionHint: ce.inspectionHint,
              callOffHeading: fl.callOffHeading,
              callOffHint: fl.callOffHint(openEpisode.startedOn),
              callOff: fl.callOff,
            }}
          />
        )}
        {member.canEdit && !openEpisode && !mayGoAway(member.status) && <p className="text-stone-600">{fl.notAvailable}</p>}
        {member.canEdit && !openEpisode && mayGoAway(member.status) && (
          <details className="rounded-lg border border-stone-200 bg-white">
            <summary className="text-party cursor-pointer px-4 py-3 font-medium">{fl.openHeading}</summary>
            <div className="space-y-2 px-4 pb-4">
              <p className="text-stone-600">{fl.openHint}</p>
              <OutflowReportForm
                action={openOutflow}
                today={today}
                fields={{ memberId: member.id }}
                idPrefix="open-outflow"
                reasons={OUTFLOW_REASONS.map((value) => ({ value, label: f.outflowReasons[value] }))}
                labels={{ heading: fl.openHeading, submit: fl.open, submitting: fl.opening, ...messages.flow.fields }}
              />
            </div>
          </details>
        )}
      </section>

      {archive && (registrations.length > 0 || feedback.length > 0) && (
        <section aria-labelledby="hosting" className="space-y-3">
          <h2 id="hosting" className="text-xl font-semibold">
            {ho.homeHeading}
          </h2>
          <ul className="space-y-2">
            {registrations.map((registration) => (
              <li key={registration.id} className="rounded-lg border border-stone-200 bg-white p-3">
                <span className="font-medium">{registration.hostName ?? registration.outsideOrgName}</span>
                <span className="ml-2 rounded-full bg-stone-100 px-2 py-0.5 text-sm">{ho.statuses[registration.status]}</span>
                <span className="block text-stone-600">
                  {ho.reportedOn} {registration.reportedOn}
                  {registration.placedName && ` · ${ho.placedIn(registration.placedName)}`}
                  {registration.outsideContact && ` · ${registration.outsideContact}`}
                </span>
                {registration.decisionNote && <span className="block text-stone-600">{registration.decisionNote}</span>}
              </li>
            ))}
          </ul>
          {feedback.length > 0 && (
            <>
              <h3 className="font-semibold">{ho.feedbackHeading}</h3>
              <ul className="space-y-2">
                {feedback.map((item) => (
                  <li key={item.id} className="rounded-lg border border-stone-200 bg-white p-3">
                    <span className="font-medium">{ho.feedbackBy(item.hostName, item.year)}</span>
                    <span className="ml-2 rounded-full bg-green-100 px-2 py-0.5 text-sm text-green-900">{ho.ratings[item.rating]}</span>
                    <p className="mt-1 break-words whitespace-pre-line">{item.content}</p>
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}

      {archive && (temporaryBranch !== null || attendance.length > 0 || openEpisode !== undefined) && <AwayAttendance id="away-attendance" branch={temporaryBranch} attendance={attendance} />}

      {archive && (
        <section aria-labelledby="certificates" className="space-y-3">
          <h2 id="certificates" className="text-xl font-semibold">
            {ce.heading}
          </h2>
          {certificates.length === 0 ? (
            <p className="text-stone-600">{ce.none}</p>
          ) : (
            <TableScroll label={ce.heading}>
              <table className="w-full min-w-[52rem] text-sm">
                <thead className="bg-stone-50">
                  <tr>
                    <th className={th}>{ce.number}</th>
                    <th className={th}>{ce.issuer}</th>
                    <th className={th}>{ce.issuedOn}</th>
                    <th className={th}>{ce.validUntil}</th>
                    <th className={th}>{ce.status}</th>
                    <th className={th}>{ce.inspection}</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-stone-100">
                  {certificates.map((certificate) => {
                    const state = certificateState(certificate.status, certificate.validUntil, today);
                    return (
                      <tr key={certificate.id}>
                        <td className={`${td} whitespace-nowrap`}>
                          {certificate.number}
                          <a href={`/files/${certificate.photoFileId}`} className="text-party block underline">
                            {ce.viewPhoto}
                          </a>
                          {certificate.renewedFromNumber && <span className="block text-stone-500">{ce.renewedFrom(certificate.renewedFromNumber)}</span>}
                        </td>
                        <td className={td}>{certificate.issuerName}</td>
                        <td className={`${td} whitespace-nowrap tabular-nums`}>{certificate.issuedOn}</td>
                        <td className={`${td} whitespace-nowrap tabular-nums`}>
                          {certificate.validUntil}
                          {certificate.extensionReason && <span className="block max-w-xs text-stone-500 whitespace-normal">{certificate.extensionReason}</span>}
                        </td>
                        <td className={td}>
                          <CertificateStateBadge state={state} />
                          {certificate.handedInOn && <span className="block text-stone-500">{ce.handedIn(certificate.handedInOn)}</span>}
                        </td>
                        <td className={`${td} max-w-xs break-words`}>{certificate.inspectionNote ?? '—'}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </TableScroll>
          )}
          {mayIssue && openEpisode && !heldCertificate && (
            <CertificateForm
              id="issue-certificate"
              action={issueActivityCertificate}
              fields={{ memberId: member.id }}
              today={today}
              defaultValidUntil={latestValidUntil(today, false)}
              photoRequired
              labels={{ ...certificateLabels, heading: ce.issueHeading, submit: ce.issue, submitting: ce.issuing }}
            />
          )}
          {mayIssue && openEpisode && heldCertificate && (
            <details className="rounded-lg border border-stone-200 bg-white">
              <summary className="text-party cursor-pointer px-4 py-3 font-medium">{ce.renewHeading}</summary>
              <div className="px-4 pb-4">
                <CertificateForm
                  id="renew-certificate"
                  action={renewActivityCertificate}
                  fields={{ certificateId: heldCertificate.id }}
                  today={today}
                  defaultValidUntil={latestValidUntil(today, false)}
                  photoRequired={false}
                  labels={{ ...certificateLabels, photoHint: `${ce.photoHint}${ce.newPhotoHint}`, heading: ce.renewHeading, submit: ce.renew, submitting: ce.renewing }}
                />
              </div>
            </details>
          )}
        </section>
      )}

      {archive && (
        <section aria-labelledby="transfers" className="space-y-3">
          <h2 id="transfers" className="text-xl font-semibold">
            {tr.heading}
          </h2>
          {suggestTransfer && <p className="max-w-4xl rounded-lg border border-amber-300 bg-amber-50 p-3 text-amber-900">{tr.suggestion(TRANSFER_SUGGESTION_MONTHS)}</p>}
          {transfers.length === 0 ? (
            <p className="text-stone-600">{tr.none}</p>
          ) : (
            <TableScroll label={tr.heading}>
              <table className="w-full min-w-[52rem] text-sm">
                <thead className="bg-stone-50">
                  <tr>
                    <th className={th}>{tr.letterNumber}</th>
                    <th className={th}>{tr.receivingOrgName}</th>
                    <th className={th}>{tr.issuedOn}</th>
                    <th className={th}>{tr.validUntil}</th>
                    <th className={th}>{tr.status}</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-stone-100">
                  {transfers.map((transfer) => (
                    <tr key={transfer.id}>
                      <td className={`${td} whitespace-nowrap`}>{transfer.letterNumber}</td>
                      <td className={td}>
                        {transfer.receivingOrgName}
                        {transfer.note && <span className="block max-w-xs break-words whitespace-pre-line text-stone-500">{transfer.note}</span>}
                      </td>
                      <td className={`${td} whitespace-nowrap tabular-nums`}>{transfer.issuedOn}</td>
                      <td className={`${td} whitespace-nowrap tabular-nums`}>{transfer.validUntil}</td>
                      <td className={td}>
                        <span className="font-medium">{tr.statuses[transfer.status]}</span>
                        {transfer.receiptOn && <span className="block text-stone-500 tabular-nums">{transfer.receiptOn}</span>}
                        {isPocketSuspect(transfer.status, transfer.validUntil, today) && (
                          <span className="bg-party/10 text-party-dark mt-1 inline-block rounded-full px-2 py-0.5 text-sm font-medium">{tr.pocket}</span>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )}
          {member.canEdit && letterOut && (
            <div className="grid gap-3 lg:grid-cols-2">
              <FieldsForm
                id="transfer-receipt"
                action={logReceipt}
                heading={tr.receiptHeading}
                hidden={{ transferId: letterOut.id }}
                inputs={[{ name: 'receiptOn', label: tr.receiptOn, type: 'date', required: true, defaultValue: today, min: letterOut.issuedOn, max: today }]}
                submit={tr.logReceipt}
                submitting={tr.loggingReceipt}
              />
              <FieldsForm
                id="transfer-cancel"
                action={cancelLetter}
                heading={tr.cancel}
                hidden={{ transferId: letterOut.id }}
                inputs={[{ name: 'reason', label: tr.cancelReason, required: true, maxLength: 500, wide: true }]}
                submit={tr.cancel}
                submitting={tr.cancelling}
              />
            </div>
          )}
          {member.canEdit && !letterOut && isManagedStatus(member.status) && (
            <details className="rounded-lg border border-stone-200 bg-white" open={suggestTransfer}>
              <summary className="text-party cursor-pointer px-4 py-3 font-medium">{tr.recordHeading}</summary>
              <div className="px-4 pb-4">
                <FieldsForm
                  id="transfer-out"
                  action={recordTransfer}
                  hidden={{ memberId: member.id }}
                  inputs={[
                    { name: 'letterNumber', label: tr.letterNumber, required: true, maxLength: 40 },
                    { name: 'receivingOrgName', label: tr.receivingOrgName, required: true, maxLength: 100, hint: tr.receivingOrgHint },
                    { name: 'issuedOn', label: tr.issuedOn, type: 'date', required: true, defaultValue: today, max: today },
                    { name: 'validUntil', label: tr.validUntil, type: 'date', required: true, defaultValue: addDays(today, 30) },
                    { name: 'note', label: tr.note, maxLength: 500, wide: true },
                  ]}
                  submit={tr.record}
                  submitting={tr.recording}
                />
              </div>
            </details>
          )}
        </section>
      )}

      {archive && (
        <section aria-labelledby="contacts" className="space-y-3">
          <h2 id="contacts" className="text-xl font-semibold">
            {t.contactsHeading}
          </h2>
          {member.contacts.items.length === 0 ? (
            <p className="text-stone-600">{t.contactsNone}</p>
          ) : (
            <TableScroll label={t.contactsHeading}>
              <table className="w-full min-w-[40rem] text-sm">
                <thead className="bg-stone-50">
                  <tr>
                    <th className={th}>{t.contactColumns.date}</th>
                    <th className={th}>{t.contactColumns.way}</th>
                    <th className={th}>{t.contactColumns.by}</th>
                    <th className={th}>{t.contactColumns.note}</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-stone-100">
                  {member.contacts.items.map((item) => (
                    <tr key={item.id}>
                      <td className={`${td} whitespace-nowrap tabular-nums`}>{item.contactedOn}</td>
                      <td className={`${td} whitespace-nowrap`}>
                        {f.contactWays[item.way]}
                        {item.outcome !== 'reached' && <span className="text-party ml-1">· {f.contactOutcomes[item.outcome]}</span>}
                      </td>
                      <td className={td}>{item.contactedBy}</td>
                      <td className={`${td} break-words whitespace-pre-line`}>{item.note}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )}
          <div className="flex flex-wrap gap-4">
            {query.contacts && (
              <Link href={here} className="text-party underline">
                {t.newest}
              </Link>
            )}
            {member.contacts.next && (
              <Link href={`${here}?contacts=${encodeURIComponent(member.contacts.next)}`} className="text-party underline">
                {t.contactsOlder}
              </Link>
            )}
          </div>
          {member.canEdit && (
            <ContactForm
              memberId={member.id}
              today={beijingDay()}
              defaultContactedBy={member.contactPerson?.name ?? viewer.displayName ?? ''}
              ways={CONTACT_WAYS.map((way) => ({ value: way, label: f.contactWays[way] }))}
              labels={{
                heading: t.contactFormHeading,
                contactedOn: t.contactFields.contactedOn,
                way: t.contactFields.way,
                contactedBy: t.contactFields.contactedBy,
                note: t.contactFields.note,
                save: t.contactSave,
                saving: t.contactSaving,
              }}
            />
          )}
        </section>
      )}

      {archive && (
        <section aria-labelledby="history" className="space-y-3">
          <h2 id="history" className="text-xl font-semibold">
            {t.historyHeading}
          </h2>
          {member.history.items.length === 0 ? (
            <p className="text-stone-600">{t.historyNone}</p>
          ) : (
            <TableScroll label={t.historyHeading}>
              <table className="w-full min-w-[44rem] text-sm">
                <thead className="bg-stone-50">
                  <tr>
                    <th className={th}>{t.historyColumns.at}</th>
                    <th className={th}>{t.historyColumns.actor}</th>
                    <th className={th}>{t.historyColumns.action}</th>
                    <th className={th}>{t.historyColumns.changes}</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-stone-100">
                  {member.history.items.map((entry) => (
                    <tr key={entry.id}>
                      <td className={`${td} whitespace-nowrap tabular-nums`}>{formatBeijingDateTime(entry.at)}</td>
                      <td className={td}>{entry.actorName ?? t.historySystem}</td>
                      <td className={`${td} whitespace-nowrap`}>{t.historyActions[entry.action] ?? t.historyOtherAction}</td>
                      <td className={td}>
                        <ul className="space-y-0.5">
                          {entry.changes.map((change) => (
                            <li key={change.field} className="break-words">
                              {t.historyChange(f.fields[change.field], change.before, change.after)}
                            </li>
                          ))}
                        </ul>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )}
          <div className="flex flex-wrap gap-4">
            {historyBefore !== undefined && (
              <Link href={here} className="text-party underline">
                {t.newest}
              </Link>
            )}
            {member.history.next !== null && (
              <Link href={`${here}?history=${member.history.next}`} className="text-party underline">
                {t.historyOlder}
              </Link>
            )}
          </div>
        </section>
      )}
    </div>
  );
}
