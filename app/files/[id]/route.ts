import { getViewer } from '@/lib/auth/session';
import { isInlineSafe } from '@/lib/storage/file-type';
import { downloadFile } from '@/lib/storage/queries';

export const dynamic = 'force-dynamic';

// Every download is authorised; a file the viewer may not see looks exactly like a missing one.
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const download = await downloadFile(await getViewer(), id);
  if (!download) return new Response('Not found', { status: 404 });
  const { file, bytes } = download;
  const disposition = isInlineSafe(file.mime) ? 'inline' : 'attachment';
  return new Response(Buffer.from(bytes), {
    headers: {
      'Content-Type': file.mime,
      'Content-Length': String(bytes.length),
      'Content-Disposition': `${disposition}; filename*=UTF-8''${encodeURIComponent(file.originalName)}`,
      'X-Content-Type-Options': 'nosniff',
      // A file never runs script in our origin, whatever it contains.
      'Content-Security-Policy': "default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'; sandbox",
      'Cache-Control': 'private, no-store',
      ETag: `"${file.sha256}"`,
    },
  });
}
