import { getViewer } from '@/lib/auth/session';
import { readingPages } from '@/lib/content/reading';
import { fileResponse } from '@/lib/storage/file-response';

export const dynamic = 'force-dynamic';

// An attachment of an item the member can read, counted as a download for reading records.
export async function GET(_request: Request, { params }: { params: Promise<{ id: string; fileId: string }> }) {
  const { id, fileId } = await params;
  const viewer = await getViewer();
  const download = viewer?.tier === 'member' ? await readingPages.download(viewer, id, fileId) : null;
  if (!download) return new Response('Not found', { status: 404 });
  return fileResponse(download);
}
