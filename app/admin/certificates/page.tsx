import type { Metadata } from 'next';
import Link from 'next/link';
import { forbidden } from 'next/navigation';
import { CertificateStateBadge } from '@/components/certificate-state-badge';
import { TableScroll } from '@/components/table-scroll';
import { requireAdminViewer } from '@/lib/auth/guards';
import { certificateReads, REGISTER_FILTERS, REGISTER_PAGE_SIZE, registerCursor, type RegisterFilter } from '@/lib/flow/certificate-queries';
import { certificateState } from '@/lib/flow/certificate-rules';
import { messages } from '@/lib/i18n/messages';
import { isArchiveAdmin } from '@/lib/members/record-edit';
import { beijingDay } from '@/lib/time/beijing';

export const metadata: Metadata = { title: messages.flow.certificate.register };

const ce = messages.flow.certificate;
const filterLabels: Record<RegisterFilter, string> = { valid: ce.states.valid, expired: ce.states.expired, renewed: ce.states.renewed, returned: ce.states.returned };

export default async function CertificateRegisterPage({ searchParams }: { searchParams: Promise<{ state?: string; before?: string }> }) {
  const viewer = await requireAdminViewer('/admin/certificates');
  if (!isArchiveAdmin(viewer)) forbidden();
  const params = await searchParams;
  const filter = REGISTER_FILTERS.find((item) => item === params.state);
  const [rows, expired] = await Promise.all([certificateReads.register(viewer, { filter, before: params.before }), certificateReads.expiredCount(viewer)]);
  const today = beijingDay();
  const th = 'px-3 py-2 text-left font-medium text-stone-600';
  const td = 'px-3 py-2 align-top';
  const next = new URLSearchParams({ ...(filter ? { state: filter } : {}), ...(rows.length === REGISTER_PAGE_SIZE ? { before: registerCursor(rows.at(-1)!) } : {}) });
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{ce.register}</h1>
      <p className="max-w-4xl text-stone-600">{ce.registerIntro}</p>
      {expired > 0 && (
        <p role="status" className="border-party/30 bg-party/5 max-w-4xl rounded-lg border p-3">
          <Link href="/admin/certificates?state=expired" className="text-party underline">
            {ce.expiredCount(expired)}
          </Link>
        </p>
      )}
      <form method="get" className="flex flex-wrap items-end gap-3">
        <div className="space-y-1">
          <label htmlFor="state" className="block font-medium">
            {ce.filterState}
          </label>
          <select id="state" name="state" defaultValue={filter ?? ''} className="min-h-10 rounded-lg border-2 border-stone-300 bg-white px-2">
            <option value="">{ce.all}</option>
            {REGISTER_FILTERS.map((item) => (
              <option key={item} value={item}>
                {filterLabels[item]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="bg-party min-h-10 rounded-lg px-4 text-white">
          {ce.filter}
        </button>
      </form>
      {rows.length === 0 ? (
        <p>{ce.empty}</p>
      ) : (
        <TableScroll label={ce.register}>
          <table className="w-full min-w-[56rem] text-sm">
            <thead className="bg-stone-50">
              <tr>
                <th className={th}>{ce.number}</th>
                <th className={th}>{ce.holder}</th>
                <th className={th}>{ce.issuer}</th>
                <th className={th}>{ce.issuedOn}</th>
                <th className={th}>{ce.validUntil}</th>
                <th className={th}>{ce.status}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {rows.map((row) => (
                <tr key={row.id}>
                  <td className={`${td} whitespace-nowrap`}>
                    {row.number}
                    {row.renewedFromNumber && <span className="block text-stone-500">{ce.renewedFrom(row.renewedFromNumber)}</span>}
                  </td>
                  <td className={td}>
                    <Link href={`/admin/members/${row.memberId}`} className="text-party font-medium underline">
                      {row.memberName}
                    </Link>
                    <span className="block text-stone-500">{row.branchName}</span>
                  </td>
                  <td className={td}>{row.issuerName}</td>
                  <td className={`${td} whitespace-nowrap tabular-nums`}>{row.issuedOn}</td>
                  <td className={`${td} whitespace-nowrap tabular-nums`}>{row.validUntil}</td>
                  <td className={td}>
                    <CertificateStateBadge state={certificateState(row.status, row.validUntil, today)} />
                    {row.handedInOn && <span className="block text-stone-500">{ce.handedIn(row.handedInOn)}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {rows.length === REGISTER_PAGE_SIZE && (
        <Link href={`/admin/certificates?${next.toString()}`} className="text-party underline">
          {ce.more}
        </Link>
      )}
    </div>
  );
}
