import type { Metadata } from 'next';
import Link from 'next/link';
import { Suspense } from 'react';
import { forbidden } from 'next/navigation';
import { TableScroll } from '@/components/table-scroll';
import { requireAdminViewer } from '@/lib/auth/guards';
import { messages } from '@/lib/i18n/messages';
import { mayExportFull, memberListAccess, memberListHref, memberListSearchParams, parseMemberListParams } from '@/lib/members/list-filter';
import { getMemberListScreen } from '@/lib/members/list-queries';
import { listCities, listProvinces, regionName } from '@/lib/regions/regions';
import { MemberFilters } from './member-filters';

export const metadata: Metadata = { title: messages.memberList.title };

const PATH = '/admin/members';

/** The region's names; a code the current GB/T 2260 list lacks (e.g. 320571) shows its known parents only. */
const placeName = (code: string) => regionName(code).replace(/\s*\d{6}$/, '');

export default async function MembersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireAdminViewer(PATH);
  const access = memberListAccess(viewer);
  if (!access) forbidden();
  const screen = await getMemberListScreen(viewer, parseMemberListParams(await searchParams));
  const { filter } = screen.params;
  const { list } = screen;
  const archive = access === 'archive';
  const t = messages.memberList;
  const th = 'px-3 py-2 text-left font-medium whitespace-nowrap text-stone-600';
  const td = 'px-3 py-1.5';
  const exportQuery = memberListSearchParams(filter);
  const exportFullQuery = new URLSearchParams(exportQuery);
  exportFullQuery.set('full', '1');
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">{t.title}</h1>
        {archive && (
          <div className="flex flex-wrap gap-2">
            <Link href="/admin/members/import" prefetch={false} className="border-party text-party inline-flex min-h-10 items-center rounded-lg border-2 px-4 font-medium">
              {t.import}
            </Link>
            {/* A plain link: the export is a download, never to be prefetched. */}
            <a href={`${PATH}/export${exportQuery.size ? `?${exportQuery}` : ''}`} className="bg-party inline-flex min-h-10 items-center rounded-lg px-4 font-medium text-white">
              {t.export}
            </a>
            {mayExportFull(viewer) && (
              <a href={`${PATH}/export?${exportFullQuery}`} className="border-party text-party inline-flex min-h-10 items-center rounded-lg border-2 px-4 font-medium">
                {t.exportFull}
              </a>
            )}
          </div>
        )}
      </div>
      <p className="text-stone-600">{archive ? t.intro : t.hostIntro}</p>
      {archive && <p className="text-sm text-stone-600">{t.exportHint}</p>}
      <MemberFilters
        viewer={viewer}
        filter={filter}
        orgOptions={screen.orgOptions}
        provinces={listProvinces()}
        cities={filter.province ? listCities(filter.province) : []}
        skillOptions={screen.skillOptions}
        contactPersonName={screen.contactPersonName}
      />
      {list.outOfScope ? (
        <p role="alert" className="border-party/30 bg-party/5 text-party rounded-lg border p-3">
          {t.outOfScope}
        </p>
      ) : (
        <>
          <Suspense
            fallback={
              <p role="status" className="font-medium text-stone-500">
                {t.counting}
              </p>
            }
          >
            <MemberCount count={screen.count} />
          </Suspense>
          {list.rows.length === 0 ? (
            <p>{t.empty}</p>
          ) : (
            <TableScroll label={t.tableLabel}>
              <table className={`w-full text-sm ${archive ? 'min-w-[64rem]' : 'min-w-[48rem]'}`}>
                <thead className="bg-stone-50">
                  <tr>
                    <th scope="col" className={th}>{t.columns.name}</th>
                    {archive && <th scope="col" className={th}>{t.columns.idNumber}</th>}
                    <th scope="col" className={th}>{t.columns.org}</th>
                    <th scope="col" className={th}>{t.columns.status}</th>
                    <th scope="col" className={th}>{t.columns.outflow}</th>
                    <th scope="col" className={th}>{t.columns.occupation}</th>
                    <th scope="col" className={th}>{t.columns.phone}</th>
                    {archive && <th scope="col" className={th}>{t.columns.lastContact}</th>}
                  </tr>
                </thead>
                <tbody className="divide-y divide-stone-100">
                  {list.rows.map((row) => (
                    <tr key={row.id} className="align-top">
                      <td className={`${td} whitespace-nowrap`}>
                        <Link href={`${PATH}/${row.id}`} prefetch={false} className="text-party font-medium underline">
                          {row.name}
                        </Link>
                      </td>
                      {archive && <td className={`${td} font-mono whitespace-nowrap`}>{row.idNumberMasked}</td>}
                      <td className={td}>{row.orgName}</td>
                      <td className={`${td} whitespace-nowrap`}>{messages.memberStatuses[row.status]}</td>
                      <td className={td}>{row.outflowRegion ? placeName(row.outflowRegion) : ''}</td>
                      <td className={td}>{row.occupation}</td>
                      <td className={`${td} whitespace-nowrap tabular-nums`}>{row.phone}</td>
                      {archive && <td className={`${td} whitespace-nowrap tabular-nums`}>{row.lastContactOn ?? t.never}</td>}
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )}
          {(list.previous || list.next) && (
            <nav aria-label={t.pagination} className="flex gap-4">
              {list.previous && (
                <Link href={memberListHref(PATH, filter, { before: list.previous })} className="text-party min-h-10 content-center underline">
                  {t.previous}
                </Link>
              )}
              {list.next && (
                <Link href={memberListHref(PATH, filter, { after: list.next })} className="text-party min-h-10 content-center underline">
                  {t.next}
                </Link>
              )}
            </nav>
          )}
        </>
      )}
    </div>
  );
}

/** The list's count, streamed in after the rows when it has to be counted row by row. */
async function MemberCount({ count }: { count: Promise<number | null> }) {
  return (
    <p role="status" className="font-medium">
      {messages.memberList.count((await count) ?? 0)}
    </p>
  );
}
