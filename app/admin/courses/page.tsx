import type { Metadata } from 'next';
import Link from 'next/link';
import { forbidden } from 'next/navigation';
import { TableScroll } from '@/components/table-scroll';
import { requireAdminViewer } from '@/lib/auth/guards';
import { mayEditContent } from '@/lib/content/publishing';
import { formatHours } from '@/lib/courses/course-rules';
import { coursePages } from '@/lib/courses/queries';
import { messages } from '@/lib/i18n/messages';

export const metadata: Metadata = { title: messages.courses.admin.title };

const t = messages.courses.admin;

export default async function CoursesAdminPage() {
  const viewer = await requireAdminViewer('/admin/courses');
  if (!mayEditContent(viewer)) forbidden();
  const rows = await coursePages.adminCourses(viewer);
  const th = 'px-3 py-2 text-left font-medium text-stone-600';
  const td = 'px-3 py-2 align-top';
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">{t.title}</h1>
        <Link href="/admin/courses/new" className="bg-party rounded-lg px-4 py-2 font-semibold text-white">
          {t.newCourse}
        </Link>
      </div>
      <p className="max-w-4xl text-stone-600">{t.intro}</p>
      {rows.length === 0 ? (
        <p>{t.empty}</p>
      ) : (
        <TableScroll label={t.title}>
          <table className="w-full min-w-[48rem] text-sm">
            <thead className="bg-stone-50">
              <tr>
                <th className={th}>{t.columns.title}</th>
                <th className={th}>{t.columns.org}</th>
                <th className={th}>{t.columns.status}</th>
                <th className={`${th} text-right`}>{t.columns.lessons}</th>
                <th className={`${th} text-right`}>{t.columns.hours}</th>
                <th className={`${th} text-right`}>{t.columns.learners}</th>
                <th className={`${th} text-right`}>{t.columns.completed}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {rows.map((row) => (
                <tr key={row.id}>
                  <td className={td}>
                    <Link href={`/admin/courses/${row.id}`} className="text-party font-medium underline-offset-2 hover:underline">
                      {row.title}
                    </Link>
                  </td>
                  <td className={td}>{row.orgName}</td>
                  <td className={`${td} whitespace-nowrap`}>{t.statuses[row.status]}</td>
                  <td className={`${td} text-right tabular-nums`}>{row.lessons}</td>
                  <td className={`${td} text-right tabular-nums`}>{formatHours(row.tenths)}</td>
                  <td className={`${td} text-right tabular-nums`}>{row.learners}</td>
                  <td className={`${td} text-right tabular-nums`}>{row.completed}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </div>
  );
}
