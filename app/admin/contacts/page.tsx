import type { Metadata } from 'next';
import Link from 'next/link';
import { forbidden, notFound } from 'next/navigation';
import { TableScroll } from '@/components/table-scroll';
import { requireAdminViewer } from '@/lib/auth/guards';
import type { Viewer } from '@/lib/auth/viewer';
import { messages } from '@/lib/i18n/messages';
import {
  CONTACT_MONTHS,
  type ContactCounts,
  type ContactMonths,
  getContactsByBranch,
  listContactPersons,
  listNotReached,
  mayViewOverviews,
} from '@/lib/members/overview-queries';

export const metadata: Metadata = { title: messages.fourClear.contacts.title };

const t = messages.fourClear.contacts;
const th = 'px-3 py-2 text-left font-medium text-stone-600';
const td = 'px-3 py-2';
// Row links are not prefetched: a page of 50 rows would otherwise render 50 target pages.
const link = 'text-party underline-offset-2 hover:underline';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Params = { months?: string; org?: string; person?: string; after?: string; personsAfter?: string };

/** The two overdue counts, each a link to the members behind it. */
function OverdueCells({ counts, target, who }: { counts: ContactCounts; target: string; who: string }) {
  return (
    <>
      {CONTACT_MONTHS.map((months) => {
        const value = months === 3 ? counts.notReached3 : counts.notReached6;
        const label = months === 3 ? t.columns.notReached3 : t.columns.notReached6;
        return (
          <td key={months} className={`${td} tabular-nums`}>
            {value === 0 ? (
              value
            ) : (
              <Link href={`/admin/contacts?${target}&months=${months}`} prefetch={false} aria-label={`${who}：${label} ${value} 人`} className={`${link} font-semibold`}>
                {value}
              </Link>
            )}
          </td>
        );
      })}
      <td className={`${td} tabular-nums`}>{counts.never}</td>
    </>
  );
}

async function Overview({ viewer, personsAfter }: { viewer: Viewer; personsAfter?: string }) {
  const [branches, persons] = await Promise.all([getContactsByBranch(viewer), listContactPersons(viewer, { after: personsAfter })]);
  return (
    <>
      <section className="space-y-3">
        <h2 id="by-branch" className="text-xl font-semibold">{t.byBranch}</h2>
        {branches.length === 0 ? (
          <p>{t.empty}</p>
        ) : (
          <TableScroll label={t.byBranch}>
            <table className="w-full min-w-[44rem] text-sm">
              <thead className="bg-stone-50">
                <tr>
                  <th scope="col" className={th}>{t.columns.org}</th>
                  <th scope="col" className={th}>{t.columns.members}</th>
                  <th scope="col" className={th}>{t.columns.notReached3}</th>
                  <th scope="col" className={th}>{t.columns.notReached6}</th>
                  <th scope="col" className={th}>{t.columns.never}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-stone-100">
                {branches.map((row) => (
                  <tr key={row.orgId}>
                    <th scope="row" className={`${td} text-left font-normal`}>{row.orgName}</th>
                    <td className={`${td} tabular-nums`}>{row.members}</td>
                    <OverdueCells counts={row} target={`org=${row.orgId}`} who={row.orgName} />
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>
      <section className="space-y-3">
        <h2 id="by-person" className="text-xl font-semibold">{t.byPerson}</h2>
        {persons.rows.length === 0 ? (
          <p>{t.noPersons}</p>
        ) : (
          <TableScroll label={t.byPerson}>
            <table className="w-full min-w-[48rem] text-sm">
              <thead className="bg-stone-50">
                <tr>
                  <th scope="col" className={th}>{t.columns.person}</th>
                  <th scope="col" className={th}>{t.columns.personOrg}</th>
                  <th scope="col" className={th}>{t.columns.assigned}</th>
                  <th scope="col" className={th}>{t.columns.notReached3}</th>
                  <th scope="col" className={th}>{t.columns.notReached6}</th>
                  <th scope="col" className={th}>{t.columns.never}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-stone-100">
                {persons.rows.map((row) => (
                  <tr key={row.personId}>
                    <th scope="row" className={`${td} text-left font-normal`}>{row.personName}</th>
                    <td className={td}>{row.orgName}</td>
                    <td className={`${td} tabular-nums`}>{row.members}</td>
                    <OverdueCells counts={row} target={`person=${row.personId}`} who={row.personName} />
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        <nav aria-label={messages.fourClear.nextPage} className="flex gap-4">
          {personsAfter && <Link href="/admin/contacts" className={link}>{messages.fourClear.firstPage}</Link>}
          {persons.next && <Link href={`/admin/contacts?personsAfter=${persons.next}`} className={link}>{messages.fourClear.nextPage}</Link>}
        </nav>
      </section>
    </>
  );
}

async function NotReachedList({ viewer, months, orgId, personId, after }: { viewer: Viewer; months: ContactMonths; orgId?: number; personId?: string; after?: string }) {
  const result = await listNotReached(viewer, { months, orgId, personId, after });
  if (!result) notFound();
  const who = result.org?.name ?? result.personName ?? t.unknownPerson;
  const base = `/admin/contacts?${orgId !== undefined ? `org=${orgId}` : `person=${personId}`}&months=${months}`;
  const w = messages.fourClear.warnings;
  return (
    <section className="space-y-3">
      <h2 id="not-reached" className="text-xl font-semibold">{t.listHeading(who, months)}</h2>
      <p>
        <Link href="/admin/contacts" className={link}>{t.title}</Link>
      </p>
      {result.rows.length === 0 ? (
        <p>{t.nobody}</p>
      ) : (
        <TableScroll label={t.listHeading(who, months)}>
          <table className="w-full min-w-[44rem] text-sm">
            <thead className="bg-stone-50">
              <tr>
                <th scope="col" className={th}>{w.columns.name}</th>
                <th scope="col" className={th}>{w.columns.org}</th>
                <th scope="col" className={th}>{w.columns.status}</th>
                <th scope="col" className={th}>{w.columns.phone}</th>
                <th scope="col" className={th}>{w.columns.lastContact}</th>
                <th scope="col" className={th}>{w.columns.contactPerson}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {result.rows.map((row) => (
                <tr key={row.id} className="align-top">
                  <td className={td}>
                    <Link href={`/admin/members/${row.id}`} prefetch={false} className={link}>{row.name}</Link>
                  </td>
                  <td className={td}>{row.orgName}</td>
                  <td className={`${td} whitespace-nowrap`}>{messages.memberStatuses[row.status]}</td>
                  <td className={`${td} tabular-nums`}>{row.phone ?? messages.memberFields.notSet}</td>
                  <td className={`${td} tabular-nums`}>{row.lastContactOn ?? w.never}</td>
                  <td className={td}>{row.contactPersonName ?? messages.memberFields.notSet}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <nav aria-label={messages.fourClear.nextPage} className="flex gap-4">
        {after && <Link href={base} className={link}>{messages.fourClear.firstPage}</Link>}
        {result.next && <Link href={`${base}&after=${result.next}`} className={link}>{messages.fourClear.nextPage}</Link>}
      </nav>
    </section>
  );
}

export default async function ContactsPage({ searchParams }: { searchParams: Promise<Params> }) {
  const viewer = await requireAdminViewer('/admin/contacts');
  if (!mayViewOverviews(viewer)) forbidden();
  const params = await searchParams;
  const months = params.months === '3' ? 3 : params.months === '6' ? 6 : undefined;
  const orgId = /^\d{1,9}$/.test(params.org ?? '') ? Number(params.org) : undefined;
  const personId = UUID.test(params.person ?? '') ? params.person : undefined;
  const uuidOrNothing = (value: string | undefined) => (UUID.test(value ?? '') ? value : undefined);
  const listing = months !== undefined && (orgId !== undefined || personId !== undefined);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{t.title}</h1>
      <p className="max-w-4xl text-stone-600">{t.intro}</p>
      {listing ? (
        <NotReachedList viewer={viewer} months={months} orgId={orgId} personId={orgId === undefined ? personId : undefined} after={uuidOrNothing(params.after)} />
      ) : (
        <Overview viewer={viewer} personsAfter={uuidOrNothing(params.personsAfter)} />
      )}
    </div>
  );
}
