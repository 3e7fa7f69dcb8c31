import type { Metadata } from 'next';
import Link from 'next/link';
import { forbidden } from 'next/navigation';
import { TableScroll } from '@/components/table-scroll';
import { requireAdminViewer } from '@/lib/auth/guards';
import { mayManageColumns } from '@/lib/content/columns';
import { contentPages } from '@/lib/content/queries';
import { messages } from '@/lib/i18n/messages';
import { AddColumnForm, ColumnRowActions, RenameColumnForm } from './column-forms';

export const metadata: Metadata = { title: messages.content.columnAdmin.title };

const t = messages.content.columnAdmin;

export default async function ColumnsAdminPage() {
  const viewer = await requireAdminViewer('/admin/content/columns');
  if (!mayManageColumns(viewer)) forbidden();
  const rows = await contentPages.adminColumns();
  const th = 'px-3 py-2 text-left font-medium text-stone-600';
  const td = 'px-3 py-2 align-middle';
  return (
    <div className="space-y-6">
      <Link href="/admin/content" className="text-party underline">
        {messages.content.detail.back}
      </Link>
      <h1 className="text-2xl font-bold">{t.title}</h1>
      <p className="max-w-4xl text-stone-600">{t.intro}</p>
      <TableScroll label={t.title}>
        <table className="w-full min-w-[52rem] text-sm">
          <thead className="bg-stone-50">
            <tr>
              <th className={th}>{t.columns.name}</th>
              <th className={th}>{t.columns.slug}</th>
              <th className={th}>{t.columns.kind}</th>
              <th className={`${th} text-right`}>{t.columns.items}</th>
              <th className={th}>{t.columns.actions}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100">
            {rows.map((row, index) => (
              <tr key={row.id}>
                <td className={td}>
                  <RenameColumnForm columnId={row.id} name={row.name} />
                </td>
                <td className={`${td} font-mono`}>{row.slug}</td>
                <td className={td}>{t.kinds[row.kind]}</td>
                <td className={`${td} text-right tabular-nums`}>{row.items}</td>
                <td className={td}>
                  <ColumnRowActions columnId={row.id} name={row.name} first={index === 0} last={index === rows.length - 1} items={row.items} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <section aria-labelledby="add-column" className="space-y-2">
        <h2 id="add-column" className="text-xl font-semibold">
          {t.add}
        </h2>
        <AddColumnForm />
      </section>
    </div>
  );
}
