import type { Metadata } from 'next';
import Link from 'next/link';
import { forbidden, notFound } from 'next/navigation';
import { requireAdminViewer } from '@/lib/auth/guards';
import { callListPages } from '@/lib/call-lists/queries';
import { mayRunCallLists } from '@/lib/call-lists/rules';
import { messages } from '@/lib/i18n/messages';
import { formatBeijingDateTime } from '@/lib/time/beijing';
import { CallSheet, CloseListForm } from './call-sheet';

export const metadata: Metadata = { title: messages.callLists.title };

const t = messages.callLists;

export default async function CallListPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await requireAdminViewer(`/admin/call-lists/${id}`);
  if (!mayRunCallLists(viewer)) forbidden();
  const list = await callListPages.list(viewer, id);
  if (!list) notFound();
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
      {!list.closedAt && <CloseListForm callListId={list.id} />}
    </div>
  );
}
