import { getViewer } from '@/lib/auth/session';
import { contentPages } from '@/lib/content/queries';

export const dynamic = 'force-dynamic';

// The next page of a column or of a search, for the reader's infinite scroll. A member's list
// depends on their branch and profile, so it is never cached (and the offline worker skips /api/).
const headers = { 'Cache-Control': 'no-store, private' };

export async function GET(request: Request) {
  const viewer = await getViewer();
  if (viewer?.tier !== 'member') return Response.json({ items: [], next: null }, { status: 403, headers });
  const params = new URL(request.url).searchParams;
  const after = params.get('after') ?? undefined;
  const query = params.get('q');
  if (query !== null) return Response.json(await contentPages.search(viewer, query.slice(0, 40), after), { headers });
  const column = await contentPages.column(params.get('column') ?? '');
  if (!column) return Response.json({ items: [], next: null }, { status: 404, headers });
  return Response.json(await contentPages.columnItems(viewer, column.id, after), { headers });
}
