import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { messages } from '@/lib/i18n/messages';
import { loadMemberImport } from '@/lib/members/excel/import-queries';
import { requireImporter } from '../access';
import { AutoRefresh } from '../auto-refresh';
import { ImportProgress, PhaseBadge, PreviewTable, ProblemsTable, SummaryList } from '../import-parts';
import { ConfirmForm } from './confirm-form';

export const metadata: Metadata = { title: messages.excel.title };

export default async function MemberImportStatusPage({ params, searchParams }: { params: Promise<{ token: string }>; searchParams: Promise<{ page?: string }> }) {
  const { token } = await params;
  const viewer = await requireImporter(`/admin/members/import/${token}`);
  // Another admin's token finds nothing, exactly like a token that never existed.
  const item = await loadMemberImport(viewer, token);
  if (!item) notFound();
  const page = Number((await searchParams).page ?? '1') || 1;
  const x = messages.excel;
  const baseHref = `/admin/members/import/${item.token}`;
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-bold">{x.title}</h1>
        <p className="break-all text-stone-700">
          {x.fileLabel}：{item.fileName} <PhaseBadge phase={item.phase} />
        </p>
      </div>

      {item.pending && (
        <>
          <ImportProgress item={item} />
          <AutoRefresh />
        </>
      )}

      {item.message && (
        <p role="alert" className="border-party/30 bg-party/5 text-party-dark max-w-3xl rounded-xl border p-3">
          {item.message}
        </p>
      )}

      {item.phase === 'imported' && item.imported !== null && (
        <div role="status" className="max-w-3xl space-y-1 rounded-xl border border-green-300 bg-green-50 p-4 text-green-900">
          <p className="text-lg font-semibold">{x.imported(item.imported)}</p>
          <p>{x.importedHint}</p>
        </div>
      )}

      {item.summary && !item.pending && <SummaryList summary={item.summary} />}

      {item.phase === 'validated' && (
        <div className="max-w-3xl space-y-2 rounded-xl border border-stone-200 bg-white p-4">
          <p>{x.confirmHint(item.summary?.valid ?? 0)}</p>
          <ConfirmForm token={item.token} label={x.confirm} pendingLabel={x.confirming} />
        </div>
      )}

      {item.problems.length > 0 && <ProblemsTable problems={item.problems} total={item.summary?.errors ?? item.problems.length} page={page} baseHref={baseHref} />}

      {item.phase === 'validated' && item.preview.length > 0 && <PreviewTable rows={item.preview} />}

      <div className="flex flex-wrap gap-4">
        <Link href="/admin/members/import" className="text-party underline">
          {['rejected', 'importRejected', 'failed'].includes(item.phase) ? x.reupload : x.backToUpload}
        </Link>
        <Link href="/admin/members" className="text-party underline">
          {x.backToMembers}
        </Link>
      </div>
    </div>
  );
}
