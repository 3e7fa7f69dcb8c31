import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import Link from 'next/link';
import { revealOwnValue, revealRequestField, withdrawOwnRequest } from '@/lib/change-requests/actions';
import { archiveReads, unseenDecisions, type RequestView } from '@/lib/change-requests/queries';
import { parseSeenCookie, SEEN_DECISIONS_COOKIE } from '@/lib/change-requests/rules';
import { confirmCensusAction } from '@/lib/census/actions';
import { censusReads } from '@/lib/census/queries';
import { messages } from '@/lib/i18n/messages';
import { formatBeijingDateTime } from '@/lib/time/beijing';
import { ActionButton } from './action-button';
import { requireMember } from './member-viewer';
import { RevealValue } from './reveal-value';
import { SeenMarker } from './seen-marker';

export const metadata: Metadata = { title: messages.changeRequests.archive.title };

const t = messages.changeRequests;
const a = t.archive;
const labels = messages.memberFields.fields;
const revealLabels = (field: keyof typeof labels) => ({ reveal: a.reveal, revealing: a.revealing, hide: a.hide, field: labels[field] });
const statusTone: Record<RequestView['status'], string> = {
  pending: 'bg-amber-100 text-amber-900',
  approved: 'bg-green-100 text-green-900',
  rejected: 'bg-party/10 text-party-dark',
  withdrawn: 'bg-stone-200 text-stone-700',
};

export default async function ArchivePage({ searchParams }: { searchParams: Promise<{ filed?: string }> }) {
  const viewer = await requireMember('/archive');
  const [record, requests, censuses, jar, params] = await Promise.all([
    archiveReads.ownRecord(viewer),
    archiveReads.ownRequests(viewer),
    censusReads.forMember(viewer),
    cookies(),
    searchParams,
  ]);
  const unseen = unseenDecisions(requests, parseSeenCookie(jar.get(SEEN_DECISIONS_COOKIE)?.value));
  const newestDecision = Math.max(0, ...requests.map((request) => request.decidedAt?.getTime() ?? 0));
  const asking = censuses.filter((census) => census.response === null);
  const answered = censuses.filter((census) => census.response !== null);
  const c = messages.census;
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-bold">{a.title}</h1>
      {params.filed === '1' && (
        <p role="status" className="rounded-xl border border-green-300 bg-green-50 p-3 text-lg text-green-900">
          {a.filed}
        </p>
      )}
      {asking.map((census) => (
        <section key={census.id} aria-labelledby={`census-${census.id}`} className="border-gold space-y-3 rounded-2xl border-2 bg-amber-50 p-4">
          <h2 id={`census-${census.id}`} className="text-lg font-semibold">
            {c.banner.heading}：{census.title}
          </h2>
          {census.note && <p className="text-stone-800">{census.note}</p>}
          <p className="text-stone-700">
            {c.banner.body} {c.deadlineOn(census.deadline)}
          </p>
          <div className="grid gap-2 sm:grid-cols-2">
            <ActionButton action={confirmCensusAction} fields={{ censusId: census.id }} label={c.banner.confirm} pendingLabel={c.banner.confirming} />
            <Link
              href={`/archive/request?census=${census.id}`}
              className="flex min-h-12 items-center justify-center rounded-xl border-2 border-stone-300 bg-white px-4 text-lg font-semibold text-stone-800"
            >
              {c.banner.changed}
            </Link>
          </div>
        </section>
      ))}
      {answered.map((census) => (
        <p key={census.id} className="rounded-xl border border-green-300 bg-green-50 p-3 text-lg text-green-900">
          {census.title}：{c.banner.answered[census.response!]}
        </p>
      ))}
      {unseen.size > 0 && (
        <p role="status" className="border-party/30 bg-party/5 rounded-xl border p-3 text-lg">
          <a href="#requests" className="text-party underline underline-offset-4">
            {a.unseenDecisions(unseen.size)}
          </a>
        </p>
      )}
      <p className="text-lg leading-relaxed text-stone-700">{a.intro}</p>
      <div className="grid gap-2 sm:grid-cols-2">
        <Link href="/archive/edit" className="bg-party flex min-h-12 items-center justify-center rounded-xl px-4 text-lg font-semibold text-white">
          {a.editDirect}
        </Link>
        <Link href="/archive/request" className="flex min-h-12 items-center justify-center rounded-xl border-2 border-stone-300 bg-white px-4 text-lg font-semibold text-stone-800">
          {a.fileRequest}
        </Link>
      </div>
      <Link href="/card" className="flex min-h-12 items-center justify-between gap-3 rounded-xl border-2 border-stone-300 bg-white px-4 py-2 text-stone-800">
        <span className="text-lg font-semibold">{messages.flow.ecard.cardLink}</span>
        <span className="text-stone-600">{messages.flow.ecard.cardLinkHint}</span>
      </Link>
      <Link href="/flow" className="flex min-h-12 items-center justify-between gap-3 rounded-xl border-2 border-stone-300 bg-white px-4 py-2 text-stone-800">
        <span className="text-lg font-semibold">{messages.flow.member.archiveLink}</span>
        <span className="text-stone-600">{messages.flow.member.archiveLinkHint}</span>
      </Link>
      {record?.groups.map((group) => (
        <section key={group.group} aria-labelledby={`group-${group.group}`} className="rounded-2xl bg-white p-4 shadow-sm">
          <h2 id={`group-${group.group}`} className="mb-2 text-lg font-semibold">
            {messages.memberFields.groups[group.group]}
          </h2>
          <dl className="divide-y divide-stone-100">
            {group.items.map((item) => (
              <div key={item.field} className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 py-2">
                <dt className="text-stone-600">{labels[item.field]}</dt>
                <dd className="min-w-0 text-right text-lg break-words">
                  {item.revealable ? (
                    <RevealValue masked={item.text} action={revealOwnValue} fields={{ field: item.field }} labels={revealLabels(item.field)} />
                  ) : (
                    item.text
                  )}
                </dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
      <section id="requests" aria-labelledby="requests-heading" className="space-y-3">
        <h2 id="requests-heading" className="text-xl font-semibold">
          {a.requestsHeading}
        </h2>
        {requests.length === 0 && <p className="text-lg text-stone-700">{a.noRequests}</p>}
        <ul className="space-y-3">
          {requests.map((request) => (
            <li key={request.id} className="space-y-2 rounded-2xl bg-white p-4 shadow-sm">
              <div className="flex flex-wrap items-center gap-2">
                <span className={`rounded-full px-3 py-0.5 font-semibold ${statusTone[request.status]}`}>{t.statuses[request.status]}</span>
                {unseen.has(request.id) && <span className="bg-party rounded-full px-2 py-0.5 text-sm font-semibold text-white">{a.newDecision}</span>}
                {request.fromCensus && <span className="rounded-full bg-amber-100 px-2 py-0.5 text-sm text-amber-900">{a.fromCensus}</span>}
                <span className="text-stone-600">{a.submittedOn(formatBeijingDateTime(request.createdAt))}</span>
              </div>
              <ul className="space-y-1">
                {request.fields.map((field) => (
                  <li key={field.field} className="text-lg">
                    <span className="text-stone-600">{labels[field.field]}：</span>
                    {field.revealable ? (
                      <RevealValue masked={field.oldText} action={revealRequestField} fields={{ requestId: request.id, field: field.field, side: 'old' }} labels={revealLabels(field.field)} />
                    ) : (
                      <span>{field.oldText}</span>
                    )}
                    <span aria-hidden="true"> → </span>
                    <span className="sr-only">{a.changedTo}</span>
                    {field.revealable ? (
                      <RevealValue masked={field.newText} action={revealRequestField} fields={{ requestId: request.id, field: field.field, side: 'new' }} labels={revealLabels(field.field)} />
                    ) : (
                      <strong className="font-semibold">{field.newText}</strong>
                    )}
                  </li>
                ))}
              </ul>
              <p className="text-stone-700">
                {a.reasonLabel}：{request.reason}
              </p>
              {request.evidence.length > 0 && (
                <p className="text-stone-700">
                  {a.evidenceLabel}：
                  {request.evidence.map((file, index) => (
                    <span key={file.id}>
                      {index > 0 && '、'}
                      <a href={`/files/${file.id}`} className="text-party underline underline-offset-4">
                        {file.name}
                      </a>
                    </span>
                  ))}
                </p>
              )}
              {request.decidedAt && request.status !== 'withdrawn' && (
                <p className="text-stone-600">{a.decidedOn(formatBeijingDateTime(request.decidedAt))}</p>
              )}
              {request.decisionNote && (
                <p className="rounded-lg bg-stone-50 p-2 text-lg">
                  {a.decisionNote}：{request.decisionNote}
                </p>
              )}
              {request.status === 'pending' && <ActionButton action={withdrawOwnRequest} fields={{ requestId: request.id }} label={a.withdraw} pendingLabel={a.withdraw} tone="plain" />}
            </li>
          ))}
        </ul>
      </section>
      {newestDecision > 0 && <SeenMarker cookie={SEEN_DECISIONS_COOKIE} upTo={newestDecision} />}
    </div>
  );
}
