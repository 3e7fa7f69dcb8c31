import type { NextRequest } from 'next/server';
import { getViewer, requestContext } from '@/lib/auth/session';
import { EXPORT_CONTENT_TYPE, exportMembers } from '@/lib/members/export';
import { parseMemberListParams } from '@/lib/members/list-filter';

// GET /admin/members/export?<the list's filter>[&full=1]: the filtered list as .xlsx. A GET
// because it only reads (the audit row aside) and is a plain download link on the list page.
export const dynamic = 'force-dynamic';

export async function GET(request: NextRequest): Promise<Response> {
  const viewer = await getViewer();
  const { filter } = parseMemberListParams(request.nextUrl.searchParams);
  const { ip } = await requestContext();
  const result = await exportMembers({ viewer, filter, full: request.nextUrl.searchParams.get('full') === '1', ip });
  if (!result.ok) {
    return new Response(result.message, { status: result.status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
  }
  return new Response(result.stream, {
    headers: {
      'Content-Type': EXPORT_CONTENT_TYPE,
      // An ASCII fallback name for old clients, the Chinese one (RFC 6266 / 5987) for the rest.
      'Content-Disposition': `attachment; filename="members.xlsx"; filename*=UTF-8''${encodeURIComponent(result.fileName)}`,
      'Cache-Control': 'no-store',
    },
  });
}
