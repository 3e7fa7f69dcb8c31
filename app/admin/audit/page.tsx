import type { Metadata } from 'next';
import { forbidden } from 'next/navigation';
import Link from 'next/link';
import { TableScroll } from '@/components/table-scroll';
import { AUDIT_ACTIONS, AUDIT_PAGE_SIZE, listAuditEntries } from '@/lib/audit/queries';
import { requireAdminViewer } from '@/lib/auth/guards';
import { messages } from '@/lib/i18n/messages';
import { formatBeijingDateTime } from '@/lib/time/beijing';

export const metadata: Metadata = { title: messages.audit.title };

export default async function AuditPage({ searchParams }: { searchParams: Promise<{ action?: string; outcome?: string; before?: string }> }) {
  const viewer = await requireAdminViewer('/admin/audit');
  if (!viewer.capabilities.includes('accounts')) forbidden();
  const params = await searchParams;
  const action = (AUDIT_ACTIONS as readonly string[]).includes(params.action ?? '') ? params.action : undefined;
  const outcome = params.outcome === 'success' || params.outcome === 'failure' ? params.outcome : undefined;
  const before = /^\d{1,15}$/.test(params.before ?? '') ? Number(params.before) : undefined;
  const rows = await listAuditEntries(viewer, { action, outcome, before });
  const t = messages.audit;
  const th = 'px-3 py-2 text-left font-medium text-stone-600';
  const older = new URLSearchParams({ ...(action ? { action } : {}), ...(outcome ? { outcome } : {}), before: String(rows.at(-1)?.id ?? '') });
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t.title}</h1>
      <p className="text-stone-600">{t.intro}</p>
      <form method="get" className="flex flex-wrap items-end gap-3">
        <div className="space-y-1">
          <label htmlFor="action" className="block font-medium">{t.filterAction}</label>
          <select id="action" name="action" defaultValue={action ?? ''} className="min-h-10 rounded-lg border-2 border-stone-300 bg-white px-2">
            <option value="">{t.all}</option>
            {AUDIT_ACTIONS.map((name) => (
              <option key={name} value={name}>{name}</option>
            ))}
          </select>
        </div>
        <div className="space-y-1">
          <label htmlFor="outcome" className="block font-medium">{t.filterOutcome}</label>
          <select id="outcome" name="outcome" defaultValue={outcome ?? ''} className="min-h-10 rounded-lg border-2 border-stone-300 bg-white px-2">
            <option value="">{t.all}</option>
            <option value="success">{t.outcomes.success}</option>
            <option value="failure">{t.outcomes.failure}</option>
          </select>
        </div>
        <button type="submit" className="bg-party min-h-10 rounded-lg px-4 text-white">{t.filter}</button>
      </form>
      {rows.length === 0 ? (
        <p>{t.empty}</p>
      ) : (
        <TableScroll label={t.title}>
          <table className="w-full min-w-[56rem] text-sm">
            <thead className="bg-stone-50">
              <tr>
                <th className={th}>{t.columns.at}</th>
                <th className={th}>{t.columns.actor}</th>
                <th className={th}>{t.columns.action}</th>
                <th className={th}>{t.columns.entity}</th>
                <th className={th}>{t.columns.ip}</th>
                <th className={th}>{t.columns.outcome}</th>
                <th className={th}>{t.columns.detail}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {rows.map((row) => (
                <tr key={row.id} className="align-top">
                  <td className="px-3 py-1.5 whitespace-nowrap tabular-nums">{formatBeijingDateTime(row.at)}</td>
                  <td className="px-3 py-1.5">{row.actorName ?? t.anonymous}</td>
                  <td className="px-3 py-1.5 font-mono">{row.action}</td>
                  <td className="px-3 py-1.5 font-mono text-xs">{row.entityType ? `${row.entityType}:${row.entityId?.slice(0, 8) ?? ''}` : ''}</td>
                  <td className="px-3 py-1.5 font-mono">{row.ip}</td>
                  <td className={`px-3 py-1.5 whitespace-nowrap ${row.outcome === 'failure' ? 'text-party font-semibold' : ''}`}>{t.outcomes[row.outcome]}</td>
                  <td className="max-w-md px-3 py-1.5 font-mono text-xs break-all text-stone-700">{JSON.stringify(row.detail)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {rows.length === AUDIT_PAGE_SIZE && (
        <Link href={`/admin/audit?${older.toString()}`} className="text-party underline">
          {t.older}
        </Link>
      )}
    </div>
  );
}
