import { getViewer } from '@/lib/auth/session';
import { ecardReads } from '@/lib/flow/ecard';
import { fileResponse } from '@/lib/storage/file-response';

export const dynamic = 'force-dynamic';

// The photo on a 电子党员证 being checked: only for a checker, only while the code is good.
export async function GET(request: Request) {
  const code = new URL(request.url).searchParams.get('code') ?? '';
  const download = await ecardReads.photo(await getViewer(), code);
  if (!download) return new Response('Not found', { status: 404 });
  return fileResponse(download);
}
