import 'server-only';
import { isInlineSafe } from './file-type';
import type { FileDownload } from './queries';

/**
 * The byte range a `Range: bytes=…` header asks for, when it is one satisfiable range: a video
 * player asks for ranges to seek and to resume. Several ranges, or none, get the whole file.
 */
export function requestedRange(header: string | null, size: number): { start: number; end: number } | 'unsatisfiable' | null {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header?.trim() ?? '');
  if (!match || (match[1] === '' && match[2] === '')) return null;
  const start = match[1] === '' ? Math.max(0, size - Number(match[2])) : Number(match[1]);
  const end = match[1] === '' || match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  return start > end || start >= size ? 'unsatisfiable' : { start, end };
}

/** How every stored file goes out: typed, never sniffed, never cached, and never running script in our origin. */
export function fileResponse({ file, bytes }: FileDownload, request?: Request): Response {
  const disposition = isInlineSafe(file.mime) ? 'inline' : 'attachment';
  const headers: Record<string, string> = {
    'Content-Type': file.mime,
    'Content-Disposition': `${disposition}; filename*=UTF-8''${encodeURIComponent(file.originalName)}`,
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'; sandbox",
    'Cache-Control': 'private, no-store',
    'Accept-Ranges': 'bytes',
    ETag: `"${file.sha256}"`,
  };
  const range = requestedRange(request?.headers.get('range') ?? null, bytes.length);
  if (range === 'unsatisfiable') return new Response(null, { status: 416, headers: { ...headers, 'Content-Range': `bytes */${bytes.length}` } });
  if (range) {
    const part = bytes.subarray(range.start, range.end + 1);
    return new Response(Buffer.from(part), { status: 206, headers: { ...headers, 'Content-Length': String(part.length), 'Content-Range': `bytes ${range.start}-${range.end}/${bytes.length}` } });
  }
  return new Response(Buffer.from(bytes), { headers: { ...headers, 'Content-Length': String(bytes.length) } });
}
