import { redirect } from 'next/navigation';
import { ADMIN_TIERS, hasAccess } from '@/lib/auth/access';
import { getViewer } from '@/lib/auth/session';
import { messages } from '@/lib/i18n/messages';
import { buildTemplateFor } from '@/lib/members/excel/import-queries';

export const dynamic = 'force-dynamic';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// The import template, with the admin's own branches and 党小组 in it: for archive keepers only.
export async function GET() {
  const viewer = await getViewer();
  if (!viewer) redirect(`/login/admin?next=${encodeURIComponent('/admin/members/import')}`);
  if (!hasAccess(viewer, { tiers: ADMIN_TIERS, capability: 'archive' })) return new Response(messages.errors.forbiddenBody, { status: 403, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  const bytes = await buildTemplateFor(viewer);
  return new Response(Buffer.from(bytes), {
    headers: {
      'Content-Type': XLSX,
      'Content-Length': String(bytes.length),
      'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(messages.excel.templateFileName)}`,
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
