import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { contentPages } from '@/lib/content/queries';
import { HEARTBEAT_SECONDS, readingPages } from '@/lib/content/reading';
import { messages } from '@/lib/i18n/messages';
import { formatBeijingDateTime } from '@/lib/time/beijing';
import { requireMember } from '../../archive/member-viewer';
import { OfflineSave } from './offline-save';
import { ReadingHeartbeat } from './reading-heartbeat';

export const metadata: Metadata = { title: messages.content.reader.homeHeading };

const t = messages.content;
// 党内法规 and 学习资料 are what members keep for reading offline (issue 7 §4).
const OFFLINE_KINDS = new Set(['regulations', 'materials']);
const r = t.reader;

function fileSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

export default async function ReadPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await requireMember(`/read/${id}`);
  const item = await contentPages.memberItem(viewer, id);
  if (!item) notFound();
  await readingPages.view(viewer, item.id);
  const facts = item.columnKind === 'regulations'
    ? [
        item.regulationCategory && [r.category, t.regulationCategories[item.regulationCategory]],
        item.issuingBody && [r.issuingBody, item.issuingBody],
        item.effectiveOn && [r.effectiveOn, item.effectiveOn],
        item.revisedOn && [r.revisedOn, item.revisedOn],
      ].filter((fact): fact is [string, string] => Boolean(fact))
    : [];
  return (
    <article className="space-y-5">
      <Link href={`/learn/${item.columnSlug}`} className="text-party text-lg underline">
        {r.backTo(item.columnName)}
      </Link>
      <header className="space-y-2">
        <h1 className="text-2xl leading-snug font-bold">{item.title}</h1>
        <p className="flex flex-wrap gap-x-3 text-stone-600">
          <span>{item.columnName}</span>
          <span>{r.publishedBy(item.orgName)}</span>
          {item.publishAt && <time dateTime={item.publishAt.toISOString()}>{formatBeijingDateTime(item.publishAt)}</time>}
        </p>
      </header>
      {facts.length > 0 && (
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 rounded-2xl bg-white p-4 shadow-sm">
          {facts.map(([label, value]) => (
            <div key={label} className="contents">
              <dt className="text-stone-600">{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      )}
      {OFFLINE_KINDS.has(item.columnKind) && <OfflineSave path={`/read/${item.id}`} title={item.title} labels={messages.pwa.save} />}
      {item.toc.length > 1 && (
        <nav aria-labelledby="toc" className="rounded-2xl bg-white p-4 shadow-sm">
          <h2 id="toc" className="mb-2 text-lg font-semibold">
            {r.toc}
          </h2>
          <ol className="space-y-1">
            {item.toc.map((entry) => (
              <li key={entry.id} className={entry.level === 3 ? 'pl-4' : ''}>
                <a href={`#${entry.id}`} className="text-party inline-block min-h-9 py-1 underline-offset-2 hover:underline">
                  {entry.text}
                </a>
              </li>
            ))}
          </ol>
        </nav>
      )}
      {/* Sanitised when saved (lib/content/markdown.ts): no script, no event attribute, no foreign source. */}
      {item.bodyHtml && <div className="prose-content rounded-2xl bg-white p-4 shadow-sm" dangerouslySetInnerHTML={{ __html: item.bodyHtml }} />}
      {item.attachments.length > 0 && (
        <section aria-labelledby="attachments" className="space-y-2 rounded-2xl bg-white p-4 shadow-sm">
          <h2 id="attachments" className="text-lg font-semibold">
            {r.attachments}
          </h2>
          <ul className="space-y-2">
            {item.attachments.map((file) => (
              <li key={file.id}>
                <a href={`/read/${item.id}/files/${file.id}`} className="text-party flex min-h-12 items-center justify-between gap-2 rounded-xl border border-stone-200 px-3 underline-offset-2 hover:underline">
                  <span className="min-w-0 truncate">{file.name}</span>
                  <span className="shrink-0 text-sm text-stone-500">{fileSize(file.sizeBytes)}</span>
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
      {item.externalUrl && (
        <a href={item.externalUrl} rel="noopener noreferrer nofollow" target="_blank" className="bg-party flex min-h-12 items-center justify-center rounded-xl text-lg font-semibold text-white">
          {r.externalUrl}
        </a>
      )}
      <ReadingHeartbeat itemId={item.id} seconds={HEARTBEAT_SECONDS} />
    </article>
  );
}
