import type { Metadata } from 'next';
import Link from 'next/link';
import { TableScroll } from '@/components/table-scroll';
import { messages } from '@/lib/i18n/messages';
import { loadRecentMemberImports } from '@/lib/members/excel/import-queries';
import { formatBeijingDateTime } from '@/lib/time/beijing';
import { requireImporter } from './access';
import { PhaseBadge } from './import-parts';
import { UploadForm } from './upload-form';

export const metadata: Metadata = { title: messages.excel.title };

export default async function MemberImportPage() {
  const viewer = await requireImporter('/admin/members/import');
  const recent = await loadRecentMemberImports(viewer);
  const x = messages.excel;
  const th = 'px-3 py-2 text-left font-medium text-stone-600';
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-bold">{x.title}</h1>
        <p className="max-w-3xl text-stone-700">{x.intro}</p>
      </div>
      <ol className="max-w-3xl list-decimal space-y-1 pl-6 text-stone-700">
        {x.steps.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
      <div className="space-y-1">
        {/* A plain link: the route answers with the file as an attachment. */}
        <a href="/admin/members/import/template" download={x.templateFileName} className="border-party text-party hover:bg-party/5 inline-flex min-h-11 items-center rounded-lg border-2 px-4 font-medium">
          {x.downloadTemplate}
        </a>
        <p className="text-sm text-stone-600">{x.templateHint}</p>
      </div>
      <section className="space-y-2" aria-labelledby="upload-heading">
        <h2 id="upload-heading" className="text-xl font-semibold">
          {x.upload.heading}
        </h2>
        <UploadForm text={{ file: x.upload.file, fileHint: x.upload.fileHint, submit: x.upload.submit, submitting: x.upload.submitting }} />
      </section>
      <section className="space-y-2" aria-labelledby="recent-heading">
        <h2 id="recent-heading" className="text-xl font-semibold">
          {x.recentHeading}
        </h2>
        {recent.length === 0 ? (
          <p className="text-stone-600">{x.recentEmpty}</p>
        ) : (
          <TableScroll label={x.recentHeading}>
            <table className="w-full min-w-[40rem] text-sm">
              <thead className="bg-stone-50">
                <tr>
                  <th className={th}>{x.recentColumns.at}</th>
                  <th className={th}>{x.recentColumns.file}</th>
                  <th className={th}>{x.recentColumns.rows}</th>
                  <th className={th}>{x.recentColumns.status}</th>
                  <th className={th}>
                    <span className="sr-only">{x.open}</span>
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-stone-100">
                {recent.map((item) => (
                  <tr key={item.token}>
                    <td className="px-3 py-1.5 whitespace-nowrap tabular-nums">{formatBeijingDateTime(item.createdAt)}</td>
                    <td className="px-3 py-1.5 break-all">{item.fileName}</td>
                    <td className="px-3 py-1.5 tabular-nums">{item.summary?.total ?? ''}</td>
                    <td className="px-3 py-1.5">
                      <PhaseBadge phase={item.phase} />
                    </td>
                    <td className="px-3 py-1.5">
                      <Link href={`/admin/members/import/${item.token}`} className="text-party underline">
                        {x.open}
                      </Link>
                    </td>
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
