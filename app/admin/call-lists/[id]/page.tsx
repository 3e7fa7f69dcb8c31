import type { Metadata } from 'next';
import Link from 'next/link';
import { forbidden, notFound } from 'next/navigation';
import { requireAdminViewer } from '@/lib/auth/guards';
import { CALL_ENTRY_VIEWS, callListPages } from '@/lib/call-lists/queries';
import { mayRunCallLists } from '@/lib/call-lists/rules';
import { messages } from '@/lib/i18n/messages';
import { formatBeijingDateTime } from '@/lib/time/beijing';
import { CallSheet, CloseListForm } from './call-sheet';

export const metadata: Metadata = { title: messages.callLists.title };

const t = messages.callLists;

type Params = { show?: string; q?: string; page?: string };

export default async function CallListPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Params> }) {
  const { id } = await params;
  const viewer = await requireAdminViewer(`/admin/call-lists/${id}`);
  if (!mayRunCallLists(viewer)) forbidden();
  const query = await searchParams;
  const show = CALL_ENTRY_VIEWS.find((view) => view === query.show) ?? 'all';
  const q = Array.from((query.q ?? '').trim()).slice(0, 20).join('') || undefined;
  const page = /^\d{1,2}$/.test(query.page ?? '') ? Number(query.page) : 0;
  const list = await callListPages.list(viewer, id, { show, q, page });
  if (!list) notFound();
  const here = `/admin/call-lists/${list.id}`;
  const linkTo = (changes: Params) => {
    const next = new URLSearchParams();
    const merged = { show, q, page: undefined as string | undefined, ...changes };
    if (merged.show && merged.show !== 'all') next.set('show', merged.show);
    if (merged.q) next.set('q', merged.q);
    if (merged.page && merged.page !== '0') next.set('page', merged.page);
    const text = next.toString();
    return text ? `${here}?${text}` : here;
  };
  const { called, total, reached } = list.progress;
  const percent = total === 0 ? 0 : Math.round((called / total) * 100);
  return (
    <div className="space-y-5">
      <p>
        <Link href="/admin/call-lists" className="text-party underline-offset-2 hover:underline">
          {t.back}
        </Link>
      </p>
      <header className="space-y-2">
        <h1 className="text-2xl font-bold break-words">{list.title}</h1>
        <p className="text-stone-600">
          {list.orgName} · {t.createdBy(list.createdByName ?? t.unknownCaller, formatBeijingDateTime(list.createdAt))}
        </p>
        {list.notice ? (
          <p>
            {t.aboutNotice}：
            <Link href={`/admin/content/${list.notice.id}`} prefetch={false} className="text-party underline-offset-2 hover:underline">
              {list.notice.title}
            </Link>
          </p>
        ) : (
          list.message && <p className="max-w-3xl rounded-lg border border-stone-200 bg-white p-3 break-words whitespace-pre-line">{list.message}</p>
        )}
      </header>
      <section aria-labelledby="call-progress" className="max-w-3xl space-y-2">
        <h2 id="call-progress" className="sr-only">
          {t.progressLabel}
        </h2>
        <p className="font-medium" data-testid="call-progress">
          {t.progress(called, total, reached)}
        </p>
        <div className="h-2 overflow-hidden rounded-full bg-stone-200" aria-hidden="true">
          <div className="bg-party h-full" style={{ width: `${percent}%` }} />
        </div>
        {list.closedAt && <p className="text-stone-600">{t.closedNotice(formatBeijingDateTime(list.closedAt))}</p>}
      </section>
      <div className="flex flex-wrap items-end gap-x-6 gap-y-3">
        <nav aria-label={t.filterLabel} className="flex flex-wrap gap-2">
          {CALL_ENTRY_VIEWS.map((view) => (
            <Link
              key={view}
              href={linkTo({ show: view })}
              aria-current={view === show ? 'page' : undefined}
              className={`inline-flex min-h-10 items-center rounded-full border px-3 text-sm ${view === show ? 'bg-party border-party text-white' : 'border-stone-300 bg-white'}`}
            >
              {t.views[view]}
            </Link>
          ))}
        </nav>
        <form action={here} className="flex items-end gap-2">
          {show !== 'all' && <input type="hidden" name="show" value={show} />}
          <div className="space-y-1">
            <label htmlFor="call-search" className="block text-sm font-medium">
              {t.search}
            </label>
            <input id="call-search" name="q" defaultValue={q} maxLength={20} autoComplete="off" className="focus:border-party min-h-10 w-40 rounded-lg border-2 border-stone-300 bg-white px-2 outline-none" />
          </div>
          <button type="submit" className="min-h-10 rounded-lg border-2 border-stone-300 bg-white px-3">
            {t.searchButton}
          </button>
        </form>
      </div>
      <CallSheet
        callListId={list.id}
        closed={list.closedAt !== null}
        mayReveal={list.mayReveal}
        entries={list.entries.map((entry) => ({
          memberId: entry.memberId,
          name: entry.name,
          orgName: entry.orgName,
          maskedPhone: entry.maskedPhone,
          outcome: entry.outcome,
          lastCall: entry.outcome && entry.calledAt ? t.calledAt(t.outcomes[entry.outcome], formatBeijingDateTime(entry.calledAt), entry.calledByName ?? t.unknownCaller) : null,
        }))}
      />
      {list.entries.length === 0 && <p className="text-stone-600">{t.noneShown}</p>}
      {(page > 0 || list.hasMore) && (
        <nav aria-label={t.pages} className="flex gap-4">
          {page > 0 && (
            <Link href={linkTo({ page: String(page - 1) })} className="text-party underline-offset-2 hover:underline">
              {t.previousPage}
            </Link>
          )}
          {list.hasMore && (
            <Link href={linkTo({ page: String(page + 1) })} className="text-party underline-offset-2 hover:underline">
              {t.nextPage}
            </Link>
          )}
        </nav>
      )}
      {!list.closedAt && <CloseListForm callListId={list.id} />}
    </div>
  );
}
