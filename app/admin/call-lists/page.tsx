import type { Metadata } from 'next';
import Link from 'next/link';
import { forbidden } from 'next/navigation';
import { TableScroll } from '@/components/table-scroll';
import { requireAdminViewer } from '@/lib/auth/guards';
import { callListPages } from '@/lib/call-lists/queries';
import { mayRunCallLists } from '@/lib/call-lists/rules';
import { messages } from '@/lib/i18n/messages';
import { formatBeijingDateTime } from '@/lib/time/beijing';

export const metadata: Metadata = { title: messages.callLists.title };

const t = messages.callLists;
const th = 'px-3 py-2 text-left font-medium text-stone-600';
const td = 'px-3 py-2';

export default async function CallListsPage() {
  const viewer = await requireAdminViewer('/admin/call-lists');
  if (!mayRunCallLists(viewer)) forbidden();
  const lists = await callListPages.lists(viewer);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">{t.title}</h1>
        <Link href="/admin/call-lists/new" className="bg-party inline-flex min-h-11 items-center rounded-lg px-4 font-medium text-white">
          {t.newList}
        </Link>
      </div>
      <p className="max-w-4xl text-stone-600">{t.intro}</p>
      <section aria-labelledby="call-lists" className="space-y-3">
        <h2 id="call-lists" className="text-xl font-semibold">{t.listHeading}</h2>
        {lists.length === 0 ? (
          <p>{t.empty}</p>
        ) : (
          <TableScroll label={t.listHeading}>
            <table className="w-full min-w-[48rem] text-sm">
              <thead className="bg-stone-50">
                <tr>
                  <th scope="col" className={th}>{t.columns.title}</th>
                  <th scope="col" className={th}>{t.columns.about}</th>
                  <th scope="col" className={th}>{t.columns.org}</th>
                  <th scope="col" className={th}>{t.columns.createdAt}</th>
                  <th scope="col" className={th}>{t.columns.progress}</th>
                  <th scope="col" className={th}>{t.columns.reached}</th>
                  <th scope="col" className={th}>{t.columns.state}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-stone-100">
                {lists.map((list) => (
                  <tr key={list.id}>
                    <td className={td}>
                      <Link href={`/admin/call-lists/${list.id}`} prefetch={false} className="text-party font-medium underline-offset-2 hover:underline">
                        {list.title}
                      </Link>
                    </td>
                    <td className={`${td} whitespace-nowrap`}>{list.about === 'notice' ? t.aboutNotice : t.aboutActivity}</td>
                    <td className={td}>{list.orgName}</td>
                    <td className={`${td} whitespace-nowrap tabular-nums`}>{formatBeijingDateTime(list.createdAt)}</td>
                    <td className={`${td} tabular-nums`}>
                      {list.progress.called} / {list.progress.total}
                    </td>
                    <td className={`${td} tabular-nums`}>{list.progress.reached}</td>
                    <td className={`${td} whitespace-nowrap`}>{list.closedAt ? t.states.closed : t.states.open}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>
    </div>
  );
}
