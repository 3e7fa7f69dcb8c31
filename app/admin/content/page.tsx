import type { Metadata } from 'next';
import Link from 'next/link';
import { forbidden } from 'next/navigation';
import { TableScroll } from '@/components/table-scroll';
import { requireAdminViewer } from '@/lib/auth/guards';
import { mayManageColumns } from '@/lib/content/columns';
import { mayEditContent } from '@/lib/content/publishing';
import { ADMIN_TABS, contentPages, type AdminTab } from '@/lib/content/queries';
import { messages } from '@/lib/i18n/messages';
import { formatBeijingDateTime } from '@/lib/time/beijing';

export const metadata: Metadata = { title: messages.content.admin.title };

const t = messages.content.admin;

export default async function ContentAdminPage({ searchParams }: { searchParams: Promise<{ tab?: string; page?: string }> }) {
  const viewer = await requireAdminViewer('/admin/content');
  if (!mayEditContent(viewer)) forbidden();
  const params = await searchParams;
  const waiting = await contentPages.waitingCount(viewer);
  const tab: AdminTab = ADMIN_TABS.find((item) => item === params.tab) ?? (waiting > 0 ? 'review' : 'drafts');
  const page = Math.max(0, Number(params.page) || 0);
  const rows = await contentPages.adminList(viewer, tab, page);
  const now = new Date();
  const th = 'px-3 py-2 text-left font-medium text-stone-600';
  const td = 'px-3 py-2 align-top';
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">{t.title}</h1>
        <div className="flex flex-wrap gap-3">
          {mayManageColumns(viewer) && (
            <Link href="/admin/content/columns" className="rounded-lg border-2 border-stone-300 bg-white px-4 py-2 font-semibold">
              {messages.content.columnAdmin.link}
            </Link>
          )}
          <Link href="/admin/content/new" className="bg-party rounded-lg px-4 py-2 font-semibold text-white">
            {t.newItem}
          </Link>
        </div>
      </div>
      <p className="max-w-4xl text-stone-600">{t.intro}</p>
      {waiting > 0 && <p className="text-party font-semibold">{t.waitingCount(waiting)}</p>}
      <nav aria-label={t.title}>
        <ul className="flex flex-wrap gap-2">
          {ADMIN_TABS.map((item) => (
            <li key={item}>
              <Link
                href={`/admin/content?tab=${item}`}
                aria-current={item === tab ? 'page' : undefined}
                className={`inline-block rounded-lg border px-4 py-2 ${item === tab ? 'border-party text-party bg-white font-semibold' : 'border-stone-200 bg-white hover:border-stone-400'}`}
              >
                {t.tabs[item]}
                {item === 'review' && waiting > 0 && <span className="tabular-nums"> {waiting}</span>}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {rows.length === 0 ? (
        <p>{t.empty}</p>
      ) : (
        <TableScroll label={t.tabs[tab]}>
          <table className="w-full min-w-[56rem] text-sm">
            <thead className="bg-stone-50">
              <tr>
                <th className={th}>{t.columns.title}</th>
                <th className={th}>{t.columns.column}</th>
                <th className={th}>{t.columns.org}</th>
                <th className={th}>{t.columns.audience}</th>
                <th className={th}>{t.columns.status}</th>
                <th className={th}>{t.columns.time}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {rows.map((row) => (
                <tr key={row.id}>
                  <td className={td}>
                    <Link href={`/admin/content/${row.id}`} className="text-party font-medium underline-offset-2 hover:underline">
                      {row.title}
                    </Link>
                    {row.pinned && <span className="ml-2 rounded bg-amber-100 px-1.5 text-xs text-amber-900">{t.pinned}</span>}
                  </td>
                  <td className={`${td} whitespace-nowrap`}>{row.columnName}</td>
                  <td className={td}>{row.orgName}</td>
                  <td className={td}>{row.audienceName}</td>
                  <td className={`${td} whitespace-nowrap`}>
                    {row.status === 'published' && row.publishAt && row.publishAt > now ? messages.content.scheduled : messages.content.status[row.status]}
                    {row.waitingAtName && <span className="block text-stone-500">{`${t.columns.waitingAt}：${row.waitingAtName}`}</span>}
                  </td>
                  <td className={`${td} whitespace-nowrap tabular-nums`}>{formatBeijingDateTime(tab === 'published' && row.publishAt ? row.publishAt : row.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <div className="flex gap-4">
        {page > 0 && (
          <Link href={`/admin/content?tab=${tab}&page=${page - 1}`} className="text-party underline">
            {messages.memberList.previous}
          </Link>
        )}
        {rows.length === 50 && (
          <Link href={`/admin/content?tab=${tab}&page=${page + 1}`} className="text-party underline">
            {messages.memberList.next}
          </Link>
        )}
      </div>
    </div>
  );
}
