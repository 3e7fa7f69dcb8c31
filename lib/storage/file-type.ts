// Content sniffing for uploads. The file name and the browser's Content-Type are chosen by the
// uploader, so the only thing we believe is the bytes themselves. Every format is recognised by
// its structure at a fixed position (never "contains X somewhere"), so that a file cannot be two
// things at once and an HTML page cannot slip through as a picture.

export type FileKind = 'image' | 'document' | 'audio' | 'video';
export type DetectedFileType = { mime: string; extension: string; kind: FileKind };

const TYPES = {
  jpeg: { mime: 'image/jpeg', extension: 'jpg', kind: 'image' },
  png: { mime: 'image/png', extension: 'png', kind: 'image' },
  gif: { mime: 'image/gif', extension: 'gif', kind: 'image' },
  webp: { mime: 'image/webp', extension: 'webp', kind: 'image' },
  svg: { mime: 'image/svg+xml', extension: 'svg', kind: 'image' },
  pdf: { mime: 'application/pdf', extension: 'pdf', kind: 'document' },
  docx: {
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extension: 'docx',
    kind: 'document',
  },
  xlsx: {
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extension: 'xlsx',
    kind: 'document',
  },
  pptx: {
    mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    extension: 'pptx',
    kind: 'document',
  },
  // An OLE2 compound file may equally be .xls or .ppt; telling them apart means walking the
  // compound-file directory, and Word documents are by far the most common legacy upload.
  doc: { mime: 'application/msword', extension: 'doc', kind: 'document' },
  mp3: { mime: 'audio/mpeg', extension: 'mp3', kind: 'audio' },
  m4a: { mime: 'audio/mp4', extension: 'm4a', kind: 'audio' },
  wav: { mime: 'audio/wav', extension: 'wav', kind: 'audio' },
  mp4: { mime: 'video/mp4', extension: 'mp4', kind: 'video' },
  webm: { mime: 'video/webm', extension: 'webm', kind: 'video' },
} as const satisfies Record<string, DetectedFileType>;

type TypeName = keyof typeof TYPES;

// Types a browser renders itself without executing anything from the file. SVG is an XML
// document that may carry scripts and links, so it is never served inline from our origin.
const INLINE_SAFE_MIMES: ReadonlySet<string> = new Set([
  TYPES.jpeg.mime,
  TYPES.png.mime,
  TYPES.gif.mime,
  TYPES.webp.mime,
  TYPES.pdf.mime,
  TYPES.mp3.mime,
  TYPES.m4a.mime,
  TYPES.wav.mime,
  TYPES.mp4.mime,
  TYPES.webm.mime,
]);

export function isInlineSafe(mime: string): boolean {
  return INLINE_SAFE_MIMES.has(mime.trim().toLowerCase());
}

export function detectFileType(bytes: Uint8Array): DetectedFileType | null {
  const name = detect(bytes);
  // A fresh object each time, so a caller that mutates the result cannot corrupt the table.
  return name === null ? null : { ...TYPES[name] };
}

function detect(b: Uint8Array): TypeName | null {
  if (startsWith(b, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (asciiAt(b, 0, 6) === 'GIF87a' || asciiAt(b, 0, 6) === 'GIF89a') return 'gif';
  if (asciiAt(b, 0, 4) === 'RIFF') {
    const form = asciiAt(b, 8, 4);
    // The first chunk of every WebP is its bitstream header: VP8, VP8L or VP8X.
    if (form === 'WEBP' && asciiAt(b, 12, 3) === 'VP8') return 'webp';
    if (form === 'WAVE') return 'wav';
    return null;
  }
  if (asciiAt(b, 0, 5) === '%PDF-') return 'pdf';
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04])) return detectOfficeOpenXml(b);
  if (startsWith(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'doc';
  if (startsWith(b, [0x1a, 0x45, 0xdf, 0xa3])) return ebmlDocType(b) === 'webm' ? 'webm' : null;
  if (asciiAt(b, 4, 4) === 'ftyp') return detectIsoMedia(b);
  if (isId3Header(b) || isMp3FrameHeader(b)) return 'mp3';
  if (isSvgText(b)) return 'svg';
  return null;
}

// --- ZIP-based Office files -------------------------------------------------------------------

const ZIP_LOCAL_HEADER = 0x04034b50;
const ZIP_LOCAL_HEADER_BYTES = [0x50, 0x4b, 0x03, 0x04];

const OOXML_PART_PREFIXES: ReadonlyArray<readonly [string, TypeName]> = [
  ['word/', 'docx'],
  ['xl/', 'xlsx'],
  ['ppt/', 'pptx'],
];

/**
 * Reads the entry names from the ZIP local file headers in order. The main part's folder tells
 * Word, Excel and PowerPoint apart. Macro-enabled variants (.docm/.xlsm/.pptm) share the layout
 * but carry a vbaProject.bin; they are refused rather than passed off under a macro-free name.
 */
function detectOfficeOpenXml(b: Uint8Array): TypeName | null {
  let found: TypeName | null = null;
  let pos = 0;
  while (pos + 30 <= b.length && readU32LE(b, pos) === ZIP_LOCAL_HEADER) {
    const flags = readU16LE(b, pos + 6);
    const compressedSize = readU32LE(b, pos + 18);
    const nameLength = readU16LE(b, pos + 26);
    const extraLength = readU16LE(b, pos + 28);
    const nameStart = pos + 30;
    if (nameStart + nameLength > b.length) break;
    const entryName = asciiAt(b, nameStart, nameLength);

    if (entryName.toLowerCase().endsWith('vbaproject.bin')) return null;
    if (found === null) {
      const match = OOXML_PART_PREFIXES.find(([prefix]) => entryName.startsWith(prefix));
      if (match) found = match[1];
    }

    const dataStart = nameStart + nameLength + extraLength;
    // With a data descriptor (flag bit 3) or ZIP64 the real size is not in the local header,
    // so the only way to the next entry is to look for its signature.
    if ((flags & 0x0008) !== 0 || compressedSize === 0xffffffff) {
      const next = indexOfBytes(b, ZIP_LOCAL_HEADER_BYTES, dataStart);
      if (next < 0) break;
      pos = next;
    } else {
      pos = dataStart + compressedSize;
    }
  }
  return found;
}

// --- ISO base media (MP4 / M4A) ---------------------------------------------------------------

const AUDIO_BRANDS: ReadonlySet<string> = new Set(['M4A ', 'M4B ']);

// HEIF/AVIF stills use the same box format. They are images that may carry EXIF we cannot
// strip, so they must not be accepted in the guise of a video.
const IMAGE_BRANDS: ReadonlySet<string> = new Set([
  'heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'mif2', 'msf1', 'avif', 'avis', 'avci', 'crx ',
]);

function detectIsoMedia(b: Uint8Array): TypeName | null {
  const boxSize = readU32BE(b, 0);
  if (b.length < 12 || boxSize < 12) return null;
  const brand = asciiAt(b, 8, 4);
  if (AUDIO_BRANDS.has(brand)) return 'm4a';
  if (IMAGE_BRANDS.has(brand)) return null;
  return 'mp4';
}

// --- WebM (EBML) --------------------------------------------------------------------------------

const EBML_DOCTYPE_ID = 0x4282;

/** Matroska and WebM share the EBML magic; only the DocType element in the header differs. */
function ebmlDocType(b: Uint8Array): string | null {
  const headerSize = readVint(b, 4, false);
  if (headerSize === null) return null;
  let pos = 4 + headerSize.length;
  const end = Math.min(b.length, pos + headerSize.value);
  while (pos < end) {
    const id = readVint(b, pos, true);
    if (id === null) return null;
    const size = readVint(b, pos + id.length, false);
    if (size === null) return null;
    const dataStart = pos + id.length + size.length;
    if (dataStart + size.value > end) return null;
    if (id.value === EBML_DOCTYPE_ID) return asciiAt(b, dataStart, size.value).replace(/\0+$/, '');
    pos = dataStart + size.value;
  }
  return null;
}

/** EBML variable-length integer. IDs keep their length-marker bit, sizes do not. */
function readVint(b: Uint8Array, pos: number, keepMarker: boolean): { value: number; length: number } | null {
  const first = b[pos];
  if (first === undefined || first === 0) return null;
  let length = 1;
  while ((first & (0x80 >> (length - 1))) === 0) length++;
  if (pos + length > b.length || length > 6) return null; // > 6 bytes would not fit a header
  let value = keepMarker ? first : first & (0xff >> length);
  for (let i = 1; i < length; i++) value = value * 256 + b[pos + i];
  return { value, length };
}

// --- MP3 ----------------------------------------------------------------------------------------

function isId3Header(b: Uint8Array): boolean {
  if (asciiAt(b, 0, 3) !== 'ID3' || b.length < 10) return false;
  const major = b[3];
  if (major < 2 || major > 4 || b[4] === 0xff) return false;
  // The tag size is "synchsafe": the top bit of each of its four bytes is always clear.
  for (let i = 6; i < 10; i++) if ((b[i] & 0x80) !== 0) return false;
  return true;
}

/**
 * An MPEG audio frame header: 11 sync bits, then version/layer/bitrate/sample-rate fields whose
 * reserved values we reject. Only Layer III (MP3) is accepted; without the field checks, any file
 * starting with FF Ex — a UTF-16LE byte order mark, for one — would pass as audio.
 */
function isMp3FrameHeader(b: Uint8Array): boolean {
  if (b.length < 4 || b[0] !== 0xff || (b[1] & 0xe0) !== 0xe0) return false;
  const version = (b[1] >> 3) & 0x03;
  const layer = (b[1] >> 1) & 0x03;
  const bitrateIndex = b[2] >> 4;
  const sampleRateIndex = (b[2] >> 2) & 0x03;
  return version !== 0x01 && layer === 0x01 && bitrateIndex !== 0 && bitrateIndex !== 0x0f && sampleRateIndex !== 0x03;
}

// --- SVG ----------------------------------------------------------------------------------------

// Enough for the usual editor banners; an SVG that hides its root element further down than this
// is not one we need to accept.
const SVG_SNIFF_LIMIT = 64 * 1024;

/**
 * True when the first element of the (UTF-8) document is <svg>, after an optional BOM, XML
 * declaration, processing instructions, comments and an svg DOCTYPE. HTML pages that merely
 * contain an <svg> further in are not SVG files.
 */
function isSvgText(b: Uint8Array): boolean {
  const text = asciiAt(b, 0, Math.min(b.length, SVG_SNIFF_LIMIT));
  let i = text.startsWith('\xef\xbb\xbf') ? 3 : 0;
  for (;;) {
    while (i < text.length && ' \t\r\n'.includes(text[i])) i++;
    if (text.startsWith('<?', i)) {
      const end = text.indexOf('?>', i + 2);
      if (end < 0) return false;
      i = end + 2;
    } else if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i + 4);
      if (end < 0) return false;
      i = end + 3;
    } else if (text.startsWith('<!DOCTYPE', i)) {
      if (!/^<!DOCTYPE\s+svg[\s>[]/.test(text.slice(i, i + 64))) return false;
      const end = doctypeEnd(text, i);
      if (end < 0) return false;
      i = end;
    } else {
      return /^<svg[\s>/]/.test(text.slice(i, i + 5));
    }
  }
}

/** Index just past the DOCTYPE's closing '>', skipping an internal subset in brackets. */
function doctypeEnd(text: string, start: number): number {
  const close = text.indexOf('>', start);
  const open = text.indexOf('[', start);
  if (open >= 0 && (close < 0 || open < close)) {
    const subsetEnd = text.indexOf(']', open);
    if (subsetEnd < 0) return -1;
    const after = text.indexOf('>', subsetEnd);
    return after < 0 ? -1 : after + 1;
  }
  return close < 0 ? -1 : close + 1;
}

// --- byte helpers -------------------------------------------------------------------------------

function startsWith(b: Uint8Array, signature: readonly number[]): boolean {
  if (b.length < signature.length) return false;
  return signature.every((value, i) => b[i] === value);
}

/** Bytes as Latin-1 characters; empty when the range runs past the end. */
function asciiAt(b: Uint8Array, offset: number, length: number): string {
  if (offset + length > b.length) return '';
  let s = '';
  for (let i = offset; i < offset + length; i++) s += String.fromCharCode(b[i]);
  return s;
}

function indexOfBytes(b: Uint8Array, needle: readonly number[], from: number): number {
  outer: for (let i = from; i + needle.length <= b.length; i++) {
    for (let j = 0; j < needle.length; j++) if (b[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

function readU16LE(b: Uint8Array, pos: number): number {
  return b[pos] | (b[pos + 1] << 8);
}

function readU32LE(b: Uint8Array, pos: number): number {
  return (b[pos] | (b[pos + 1] << 8) | (b[pos + 2] << 16) | (b[pos + 3] << 24)) >>> 0;
}

function readU32BE(b: Uint8Array, pos: number): number {
  return ((b[pos] << 24) | (b[pos + 1] << 16) | (b[pos + 2] << 8) | b[pos + 3]) >>> 0;
}
