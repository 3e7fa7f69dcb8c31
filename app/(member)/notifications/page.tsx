import type { Metadata } from 'next';
import Link from 'next/link';
import { messages } from '@/lib/i18n/messages';
import { markAllRead, openNotification } from '@/lib/notifications/actions';
import { notificationReads } from '@/lib/notifications/queries';
import { formatBeijingDateTime } from '@/lib/time/beijing';
import { ActionButton } from '../archive/action-button';
import { requireMember } from '../archive/member-viewer';

export const metadata: Metadata = { title: messages.notifications.title };

const t = messages.notifications;

export default async function NotificationsPage({ searchParams }: { searchParams: Promise<{ before?: string }> }) {
  const viewer = await requireMember('/notifications');
  const { before } = await searchParams;
  const [page, unread] = await Promise.all([notificationReads.page(viewer.memberId, before), notificationReads.unread(viewer.memberId)]);
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-bold">{t.title}</h1>
      <p className="text-stone-700">{t.intro}</p>
      {unread > 0 && (
        <div className="flex flex-wrap items-center justify-between gap-3">
          <p className="text-party font-semibold">{t.unreadCount(unread)}</p>
          <div className="w-full sm:w-auto">
            <ActionButton action={markAllRead} fields={{}} label={t.markAllRead} pendingLabel={t.markAllRead} tone="plain" />
          </div>
        </div>
      )}
      {page.items.length === 0 ? (
        <p className="rounded-2xl bg-white p-4 text-lg text-stone-600 shadow-sm">{t.empty}</p>
      ) : (
        <ul aria-label={t.listLabel} className="space-y-3">
          {page.items.map((item) => (
            <li key={item.id} className={`space-y-2 rounded-2xl bg-white p-4 shadow-sm ${item.read ? '' : 'border-party border-l-4'}`}>
              <div className="flex flex-wrap items-center gap-2 text-sm">
                <span className="rounded-full bg-stone-100 px-2 py-0.5 text-stone-700">{t.categories[item.category]}</span>
                {!item.read && <span className="bg-party rounded-full px-2 py-0.5 text-white">{t.unread}</span>}
                <time dateTime={item.createdAt.toISOString()} className="text-stone-500">
                  {formatBeijingDateTime(item.createdAt)}
                </time>
              </div>
              <h2 className={`text-lg ${item.read ? 'font-medium' : 'font-bold'}`}>{item.title}</h2>
              <p className="text-stone-800">{item.body}</p>
              {(item.link || !item.read) && (
                <ActionButton action={openNotification} fields={{ id: item.id }} label={item.link ? t.open : t.markRead} pendingLabel={item.link ? t.open : t.markRead} tone="plain" />
              )}
            </li>
          ))}
        </ul>
      )}
      {page.next && (
        <Link href={`/notifications?before=${encodeURIComponent(page.next)}`} className="text-party block min-h-12 content-center text-center text-lg underline">
          {t.older}
        </Link>
      )}
    </div>
  );
}
