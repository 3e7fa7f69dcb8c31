import { getViewer } from '@/lib/auth/session';
import { fileResponse } from '@/lib/storage/file-response';
import { downloadFile } from '@/lib/storage/queries';

export const dynamic = 'force-dynamic';

// Every download is authorised; a file the viewer may not see looks exactly like a missing one.
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const download = await downloadFile(await getViewer(), id);
  if (!download) return new Response('Not found', { status: 404 });
  return fileResponse(download, request);
}
