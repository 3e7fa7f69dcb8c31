import type { Metadata } from 'next';
import { headers } from 'next/headers';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireAdminViewer } from '@/lib/auth/guards';
import { mayRunCallLists } from '@/lib/call-lists/rules';
import { isTargeted } from '@/lib/content/content-rules';
import { siteOriginOf } from '@/lib/http/site-origin';
import { renderWechatHtml } from '@/lib/content/markdown';
import { CONTENT_OUTCOMES } from '@/lib/content/publishing';
import { contentPages } from '@/lib/content/queries';
import { messages } from '@/lib/i18n/messages';
import { regionName } from '@/lib/regions/regions';
import { formatBeijingDateTime } from '@/lib/time/beijing';
import { ReviewForm, WithdrawForm } from './review-form';

export const metadata: Metadata = { title: messages.content.admin.title };

const t = messages.content;
const d = t.detail;
const formLabels = { reviewNote: d.reviewNote, approve: d.approve, returnIt: d.returnIt, reviewing: d.reviewing, withdraw: d.withdraw, withdrawReason: d.withdrawReason, withdrawing: d.withdrawing };

export default async function ContentItemAdminPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ done?: string }> }) {
  const { id } = await params;
  const asked = (await searchParams).done;
  const done = CONTENT_OUTCOMES.find((outcome) => outcome === asked);
  const viewer = await requireAdminViewer(`/admin/content/${id}`);
  const item = await contentPages.adminItem(viewer, id);
  if (!item) notFound();
  const target = { skills: item.targetSkills, occupations: item.targetOccupations, industries: item.targetIndustries, regionCodes: item.targetRegionCodes, ageBands: item.targetAgeBands };
  const targeted = isTargeted(target);
  const reach = item.status === 'published' || item.status === 'withdrawn' ? await contentPages.reach(item) : null;
  const wechat = item.bodyMarkdown ? renderWechatHtml(item.bodyMarkdown, siteOriginOf(await headers())) : null;
  const scheduled = item.status === 'published' && item.publishAt && item.publishAt > new Date();
  const meta: [string, React.ReactNode][] = [
    [d.meta.column, item.column.name],
    [d.meta.status, scheduled ? t.scheduled : t.status[item.status]],
    [d.meta.org, item.orgName],
    [d.meta.author, item.authorName],
    [d.meta.audience, item.audienceName],
    ...(item.waitingAtName ? [[d.meta.waitingAt, item.waitingAtName] as [string, string]] : []),
    ...(item.publishAt ? [[d.meta.publishAt, formatBeijingDateTime(item.publishAt)] as [string, string]] : []),
    ...(item.tags.length ? [[d.meta.tags, item.tags.join('、')] as [string, string]] : []),
    ...(item.externalUrl
      ? [
          [
            d.meta.externalUrl,
            <a key="url" href={item.externalUrl} rel="noopener noreferrer" target="_blank" className="text-party break-all underline">
              {item.externalUrl}
            </a>,
          ] as [string, React.ReactNode],
        ]
      : []),
  ];
  return (
    <div className="max-w-5xl space-y-6">
      <Link href="/admin/content" className="text-party underline">
        {d.back}
      </Link>
      {done && (
        <p role="status" className="rounded-lg border border-green-700/30 bg-green-50 p-3 text-green-900">
          {t.results[done]}
        </p>
      )}
      <div className="flex flex-wrap items-start justify-between gap-3">
        <h1 className="text-2xl font-bold">{item.title}</h1>
        <div className="flex flex-wrap gap-2">
          {item.may.edit && (
            <Link href={`/admin/content/${item.id}/edit`} className="rounded-lg border-2 border-stone-300 bg-white px-4 py-2 font-semibold">
              {d.edit}
            </Link>
          )}
          {/* 电话通知: members who may miss a notice in the app are phoned (the list checks the audience again). */}
          {item.status === 'published' && !scheduled && (item.column.kind === 'articles' || item.column.kind === 'jobs') && mayRunCallLists(viewer) && (
            <Link href={`/admin/call-lists/new?notice=${item.id}`} prefetch={false} className="rounded-lg border-2 border-stone-300 bg-white px-4 py-2 font-semibold">
              {messages.callLists.newList}
            </Link>
          )}
        </div>
      </div>
      <dl className="grid gap-x-6 gap-y-2 rounded-lg border border-stone-200 bg-white p-4 sm:grid-cols-2">
        {meta.map(([label, value]) => (
          <div key={label} className="flex gap-2">
            <dt className="shrink-0 text-stone-600">{label}：</dt>
            <dd>{value}</dd>
          </div>
        ))}
        {item.regulationCategory && (
          <div className="flex gap-2">
            <dt className="shrink-0 text-stone-600">{t.reader.category}：</dt>
            <dd>{[t.regulationCategories[item.regulationCategory], item.issuingBody, item.effectiveOn && `${t.reader.effectiveOn} ${item.effectiveOn}`, item.revisedOn && `${t.reader.revisedOn} ${item.revisedOn}`].filter(Boolean).join(' · ')}</dd>
          </div>
        )}
        {targeted && (
          <div className="flex gap-2 sm:col-span-2">
            <dt className="shrink-0 text-stone-600">{d.targetedTo}：</dt>
            <dd>
              {[
                target.skills.join('、'),
                target.occupations.join('、'),
                target.industries.join('、'),
                target.regionCodes.map((code) => regionName(code)).join('、'),
                target.ageBands.map((band) => t.ageBands[band]).join('、'),
              ]
                .filter(Boolean)
                .join('；')}
            </dd>
          </div>
        )}
      </dl>

      {item.may.review && (
        <section aria-labelledby="review" className="border-party/30 space-y-3 rounded-lg border-2 bg-white p-4">
          <h2 id="review" className="text-xl font-semibold">
            {d.review}
          </h2>
          <ReviewForm itemId={item.id} labels={formLabels} />
        </section>
      )}

      {reach && (
        <section aria-labelledby="reach" className="space-y-2">
          <h2 id="reach" className="text-xl font-semibold">
            {d.reach}
          </h2>
          <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
            {[
              [d.reachAudience, reach.audience.toLocaleString('zh-CN')],
              [d.reachOpened, reach.opened.toLocaleString('zh-CN')],
              [d.reachReadTime, d.minutes(reach.readSeconds)],
              [d.reachDownloads, reach.downloads.toLocaleString('zh-CN')],
            ].map(([label, value]) => (
              <div key={label} className="rounded-lg border border-stone-200 bg-white p-3 text-center">
                <dt className="text-sm text-stone-600">{label}</dt>
                <dd className="text-party text-2xl font-bold tabular-nums">{value}</dd>
              </div>
            ))}
          </dl>
        </section>
      )}

      <section aria-labelledby="body" className="space-y-3">
        <h2 id="body" className="text-xl font-semibold">
          {d.bodyHeading}
        </h2>
        {item.summary && <p className="text-stone-600">{item.summary}</p>}
        {/* Sanitised when saved (lib/content/markdown.ts): no script, no event attribute, no foreign source. */}
        <div className="prose-content rounded-lg border border-stone-200 bg-white p-5" dangerouslySetInnerHTML={{ __html: item.bodyHtml }} />
        {item.attachments.length > 0 && (
          <div>
            <h3 className="font-semibold">{d.attachments}</h3>
            <ul className="list-disc pl-6">
              {item.attachments.map((file) => (
                <li key={file.id}>
                  <a href={`/files/${file.id}`} className="text-party underline">
                    {file.name}
                  </a>
                </li>
              ))}
            </ul>
          </div>
        )}
      </section>

      <section aria-labelledby="trail" className="space-y-2">
        <h2 id="trail" className="text-xl font-semibold">
          {d.trail}
        </h2>
        {item.reviews.length === 0 ? (
          <p className="text-stone-600">{d.noTrail}</p>
        ) : (
          <ol className="space-y-2">
            {item.reviews.map((entry, index) => (
              <li key={index} className="rounded-lg border border-stone-200 bg-white p-3">
                <p>
                  <span className="font-medium">{t.decisions[entry.decision]}</span>
                  <span className="text-stone-600">{` · ${entry.orgName} ${entry.userName} · ${formatBeijingDateTime(entry.at)}`}</span>
                </p>
                {entry.note && <p className="mt-1 whitespace-pre-line">{entry.note}</p>}
              </li>
            ))}
          </ol>
        )}
      </section>

      {item.may.withdraw && (
        <section aria-labelledby="withdraw" className="space-y-2">
          <h2 id="withdraw" className="text-xl font-semibold">
            {d.withdraw}
          </h2>
          <WithdrawForm itemId={item.id} labels={formLabels} />
        </section>
      )}

      {wechat && (
        <details className="space-y-2">
          <summary className="text-party min-h-11 cursor-pointer py-2 font-medium">{d.wechat}</summary>
          <p className="text-stone-600">{d.wechatHint}</p>
          <label htmlFor="wechat-html" className="sr-only">
            {d.wechat}
          </label>
          <textarea id="wechat-html" readOnly rows={10} value={wechat} className="w-full rounded-lg border border-stone-300 bg-white p-2 font-mono text-xs" />
        </details>
      )}
    </div>
  );
}
