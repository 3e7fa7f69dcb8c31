import 'server-only';
import { isInlineSafe } from './file-type';
import type { FileDownload } from './queries';

/** How every stored file goes out: typed, never sniffed, never cached, and never running script in our origin. */
export function fileResponse({ file, bytes }: FileDownload): Response {
  const disposition = isInlineSafe(file.mime) ? 'inline' : 'attachment';
  return new Response(Buffer.from(bytes), {
    headers: {
      'Content-Type': file.mime,
      'Content-Length': String(bytes.length),
      'Content-Disposition': `${disposition}; filename*=UTF-8''${encodeURIComponent(file.originalName)}`,
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'; sandbox",
      'Cache-Control': 'private, no-store',
      ETag: `"${file.sha256}"`,
    },
  });
}
