import Link from 'next/link';
import { TableScroll } from '@/components/table-scroll';
import { messages } from '@/lib/i18n/messages';
import { columnLabel } from '@/lib/members/excel/columns';
import type { ImportPhase, ImportSummary, ImportView } from '@/lib/members/excel/import';
import type { ImportProblem } from '@/lib/members/excel/parse';
import type { PreviewRow } from '@/lib/members/excel/validate';

// Server-rendered pieces of the import pages.

const x = messages.excel;
const th = 'px-3 py-2 text-left font-medium text-stone-600 whitespace-nowrap';
const td = 'px-3 py-1.5 align-top';

const GOOD: ReadonlySet<ImportPhase> = new Set(['validated', 'imported']);
const BAD: ReadonlySet<ImportPhase> = new Set(['rejected', 'failed', 'importRejected']);

export function PhaseBadge({ phase }: { phase: ImportPhase }) {
  const tone = GOOD.has(phase) ? 'bg-green-50 text-green-900 border-green-300' : BAD.has(phase) ? 'bg-party/5 text-party-dark border-party/30' : 'bg-stone-50 text-stone-800 border-stone-300';
  return <span className={`inline-block rounded-md border px-2 py-0.5 text-sm ${tone}`}>{x.phases[phase]}</span>;
}

export function ImportProgress({ item }: { item: ImportView }) {
  return (
    <div className="max-w-xl space-y-2" aria-live="polite">
      <p id="import-progress-label" className="font-medium">
        {x.phases[item.phase]}
      </p>
      {item.progress ? (
        <>
          <progress aria-labelledby="import-progress-label" value={item.progress.done} max={Math.max(item.progress.total, 1)} className="accent-party h-3 w-full" />
          <p className="text-sm text-stone-600 tabular-nums">{x.progress(item.progress.done, item.progress.total)}</p>
        </>
      ) : (
        <progress aria-labelledby="import-progress-label" className="accent-party h-3 w-full" />
      )}
      <p className="text-sm text-stone-600">{x.refreshing}</p>
    </div>
  );
}

export function SummaryList({ summary }: { summary: ImportSummary }) {
  const items: [string, number][] = [
    [x.totals.rows, summary.total],
    [x.totals.valid, summary.valid],
    [x.totals.errorRows, summary.errorRows],
    [x.totals.errors, summary.errors],
    [x.totals.skipped, summary.skipped],
  ];
  return (
    <dl className="grid max-w-3xl grid-cols-2 gap-2 sm:grid-cols-5">
      {items.map(([label, value]) => (
        <div key={label} className="rounded-lg border border-stone-200 bg-white px-3 py-2">
          <dt className="text-sm text-stone-600">{label}</dt>
          <dd className="text-xl font-semibold tabular-nums">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export const PROBLEMS_PAGE_SIZE = 50;

export function ProblemsTable({ problems, total, page, baseHref }: { problems: ImportProblem[]; total: number; page: number; baseHref: string }) {
  const pages = Math.max(1, Math.ceil(problems.length / PROBLEMS_PAGE_SIZE));
  const current = Math.min(Math.max(page, 1), pages);
  const shown = problems.slice((current - 1) * PROBLEMS_PAGE_SIZE, current * PROBLEMS_PAGE_SIZE);
  return (
    <section className="space-y-2" aria-labelledby="problems-heading">
      <h2 id="problems-heading" className="text-xl font-semibold">
        {x.errorsHeading}
      </h2>
      {total > problems.length && <p className="text-stone-600">{x.errorsCapped(problems.length, total)}</p>}
      <TableScroll label={x.errorsHeading}>
        <table className="w-full min-w-[36rem] text-sm">
          <thead className="bg-stone-50">
            <tr>
              <th className={th}>{x.errorColumns.row}</th>
              <th className={th}>{x.errorColumns.column}</th>
              <th className={th}>{x.errorColumns.message}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100">
            {shown.map((problem, i) => (
              <tr key={`${problem.row}-${problem.column}-${i}`}>
                <td className={`${td} whitespace-nowrap tabular-nums`}>{problem.row === null ? x.wholeFile : x.rowLabel(problem.row)}</td>
                <td className={`${td} whitespace-nowrap`}>{problem.column ? columnLabel(problem.column) : ''}</td>
                <td className={td}>{problem.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {pages > 1 && (
        <nav aria-label={x.errorsHeading} className="flex items-center gap-4">
          {current > 1 && (
            <Link href={`${baseHref}?page=${current - 1}`} className="text-party underline">
              {x.previousPage}
            </Link>
          )}
          <span className="text-stone-600 tabular-nums">{x.pageOf(current, pages)}</span>
          {current < pages && (
            <Link href={`${baseHref}?page=${current + 1}`} className="text-party underline">
              {x.nextPage}
            </Link>
          )}
        </nav>
      )}
    </section>
  );
}

export function PreviewTable({ rows }: { rows: PreviewRow[] }) {
  const c = x.previewColumns;
  return (
    <section className="space-y-2" aria-labelledby="preview-heading">
      <h2 id="preview-heading" className="text-xl font-semibold">
        {x.previewHeading}
      </h2>
      <TableScroll label={x.previewHeading}>
        <table className="w-full min-w-[56rem] text-sm">
          <thead className="bg-stone-50">
            <tr>
              {[c.row, c.name, c.idNumber, c.gender, c.org, c.group, c.category, c.status, c.outflow].map((label) => (
                <th key={label} className={th}>
                  {label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100">
            {rows.map((row) => (
              <tr key={row.row}>
                <td className={`${td} tabular-nums`}>{row.row}</td>
                <td className={`${td} whitespace-nowrap`}>{row.name}</td>
                <td className={`${td} font-mono`}>{row.idNumberMasked}</td>
                <td className={td}>{row.gender}</td>
                <td className={td}>{row.org}</td>
                <td className={td}>{row.group}</td>
                <td className={td}>{row.category}</td>
                <td className={td}>{row.status}</td>
                <td className={td}>{row.outflow}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}
