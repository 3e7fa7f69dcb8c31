// Removes embedded metadata (EXIF with GPS position, camera serials, XMP, IPTC, comments) from
// uploaded images by dropping whole container segments/chunks. The compressed image data is
// copied byte for byte: re-encoding would cost quality and needs an image codec on the server.

/** The bytes are not a well-formed file of the claimed type. The message is English prose. */
export class ImageMetadataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImageMetadataError';
  }
}

export function stripImageMetadata(bytes: Uint8Array, mime: string): Uint8Array {
  switch (mime.trim().toLowerCase()) {
    case 'image/jpeg':
      return stripJpeg(bytes);
    case 'image/png':
      return stripPng(bytes);
    case 'image/webp':
      return stripWebp(bytes);
    default:
      // GIF has no EXIF/GPS; its only free text is comment extensions, which stay because
      // removing them means walking the LZW-compressed block structure. Everything else is
      // not an image we rewrite.
      return bytes;
  }
}

// --- JPEG ---------------------------------------------------------------------------------------

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const APP0 = 0xe0;
const APP1 = 0xe1;
const APP2 = 0xe2;
const APP14 = 0xee;
const COM = 0xfe;

/**
 * Which marker segments survive. APP0 (JFIF) and APP14 (Adobe) affect how the colours are
 * decoded and APP2 carries the ICC profile; those are kept, but only when they really are JFIF
 * or ICC — APP0 "JFXX" and APP2 "MPF"/"FPXR" carry thumbnails and camera data. Every other APPn
 * (EXIF, XMP, IPTC/Photoshop, C2PA, vendor data) and COM is dropped.
 */
function keepJpegSegment(marker: number, payload: Uint8Array): boolean {
  if (marker === APP0) return startsWithAscii(payload, 'JFIF\0');
  if (marker === APP2) return startsWithAscii(payload, 'ICC_PROFILE\0');
  if (marker === APP14) return true;
  if (marker >= APP0 && marker <= 0xef) return false;
  return marker !== COM;
}

function stripJpeg(b: Uint8Array): Uint8Array {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== SOI) {
    throw new ImageMetadataError('Not a JPEG file: it does not start with the FFD8 start-of-image marker.');
  }
  const out: Uint8Array[] = [b.subarray(0, 2)];
  let orientationWritten = false;
  let inImageData = false; // true once the first SOS has been passed
  let pos = 2;

  // Before the first scan the structure is strict and any damage is an error. After it we are
  // only looking for segments to drop between progressive scans and for the end of the image;
  // if the data is odd there, we stop interpreting and keep the remaining bytes untouched.
  const keepRestUnchanged = (from: number): Uint8Array => {
    out.push(b.subarray(from));
    return concat(out);
  };

  for (;;) {
    if (pos >= b.length) {
      if (!inImageData) throw new ImageMetadataError('Damaged JPEG file: it ends before the image data.');
      return concat(out); // truncated after the scan data: keep what there is, as browsers do
    }
    if (b[pos] !== 0xff) {
      if (inImageData) return keepRestUnchanged(pos);
      throw new ImageMetadataError(`Damaged JPEG file: expected a marker at byte ${pos}.`);
    }
    const segmentStart = pos;
    while (pos < b.length && b[pos] === 0xff) pos++; // fill bytes may precede any marker
    if (pos >= b.length) {
      if (inImageData) return keepRestUnchanged(segmentStart);
      throw new ImageMetadataError('Damaged JPEG file: it ends before the image data.');
    }
    const markerAt = pos - 1; // the 0xFF right before the marker code; fill bytes are dropped
    const marker = b[pos];
    pos++;

    if (marker === EOI) {
      if (!inImageData) throw new ImageMetadataError('Damaged JPEG file: it ends before the image data.');
      // Anything after EOI is not part of this picture: phones append motion-photo videos and
      // secondary (MPF) images there, each with its own EXIF and GPS position.
      out.push(Uint8Array.of(0xff, EOI));
      return concat(out);
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      out.push(Uint8Array.of(0xff, marker)); // TEM / RSTn: no length field
      continue;
    }
    if (marker === SOI || marker < 0xc0) {
      if (inImageData) return keepRestUnchanged(segmentStart);
      throw new ImageMetadataError(
        `Damaged JPEG file: invalid marker 0x${marker.toString(16).toUpperCase().padStart(2, '0')} at byte ${pos - 1}.`,
      );
    }

    if (pos + 2 > b.length) {
      if (inImageData) return keepRestUnchanged(segmentStart);
      throw new ImageMetadataError(`Damaged JPEG file: segment at byte ${segmentStart} is cut off.`);
    }
    const length = (b[pos] << 8) | b[pos + 1]; // counts its own two bytes, not the marker
    const end = pos + length;
    if (length < 2 || end > b.length) {
      if (inImageData) return keepRestUnchanged(segmentStart);
      throw new ImageMetadataError(
        length < 2
          ? `Damaged JPEG file: segment at byte ${segmentStart} has an invalid length.`
          : `Damaged JPEG file: segment at byte ${segmentStart} runs past the end of the file.`,
      );
    }
    const payload = b.subarray(pos + 2, end);

    if (marker === APP1 && !orientationWritten && !inImageData) {
      // Phones store portrait photos sideways plus an EXIF Orientation tag; dropping that tag
      // would show them rotated, so a minimal EXIF block with only the orientation is kept.
      const orientation = readExifOrientation(payload);
      if (orientation !== null) {
        out.push(orientationOnlyExifSegment(orientation));
        orientationWritten = true;
      }
    }
    if (keepJpegSegment(marker, payload)) out.push(b.subarray(markerAt, end));
    pos = end;

    if (marker === SOS) {
      inImageData = true;
      const next = nextMarkerInScan(b, pos);
      if (next < 0) return keepRestUnchanged(pos);
      out.push(b.subarray(pos, next));
      pos = next;
    }
  }
}

/**
 * Finds the marker that ends entropy-coded data. Inside it, 0xFF is always followed by a stuffed
 * 0x00 or a restart marker, so the first other 0xFF xx is a real marker. Returns the index of
 * that 0xFF (after any fill bytes), or -1 when the data runs to the end of the file.
 */
function nextMarkerInScan(b: Uint8Array, from: number): number {
  for (let i = from; i + 1 < b.length; i++) {
    if (b[i] !== 0xff) continue;
    const next = b[i + 1];
    if (next === 0xff) continue;
    if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) {
      i++;
      continue;
    }
    return i;
  }
  return -1;
}

const EXIF_HEADER = 'Exif\0\0';
const TIFF_ORIENTATION_TAG = 0x0112;
const TIFF_SHORT = 3;

/** Orientation 2–8 from an APP1 EXIF payload; null when absent, normal (1) or unreadable. */
function readExifOrientation(payload: Uint8Array): number | null {
  if (!startsWithAscii(payload, EXIF_HEADER)) return null;
  const tiff = payload.subarray(EXIF_HEADER.length);
  if (tiff.length < 8) return null;
  const order = String.fromCharCode(tiff[0], tiff[1]);
  if (order !== 'II' && order !== 'MM') return null;
  const little = order === 'II';
  const u16 = (at: number): number => (little ? tiff[at] | (tiff[at + 1] << 8) : (tiff[at] << 8) | tiff[at + 1]);
  const u32 = (at: number): number =>
    little
      ? (tiff[at] | (tiff[at + 1] << 8) | (tiff[at + 2] << 16) | (tiff[at + 3] << 24)) >>> 0
      : ((tiff[at] << 24) | (tiff[at + 1] << 16) | (tiff[at + 2] << 8) | tiff[at + 3]) >>> 0;
  if (u16(2) !== 42) return null;
  const ifd = u32(4);
  if (ifd + 2 > tiff.length) return null;
  const count = u16(ifd);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > tiff.length) return null;
    if (u16(entry) !== TIFF_ORIENTATION_TAG) continue;
    if (u16(entry + 2) !== TIFF_SHORT || u32(entry + 4) !== 1) return null;
    const value = u16(entry + 8);
    return value >= 2 && value <= 8 ? value : null;
  }
  return null;
}

/** APP1 segment: EXIF header, big-endian TIFF header, IFD0 holding only Orientation. */
function orientationOnlyExifSegment(orientation: number): Uint8Array {
  // prettier-ignore
  return Uint8Array.of(
    0xff, APP1, 0x00, 0x22,                         // marker, length 34
    0x45, 0x78, 0x69, 0x66, 0x00, 0x00,             // "Exif\0\0"
    0x4d, 0x4d, 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08, // "MM", 42, IFD0 at offset 8
    0x00, 0x01,                                     // one entry
    0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, // Orientation, SHORT, count 1
    0x00, orientation, 0x00, 0x00,                  // value, left-justified
    0x00, 0x00, 0x00, 0x00,                         // no next IFD
  );
}

// --- PNG ----------------------------------------------------------------------------------------

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

// eXIf holds EXIF (GPS included); the text chunks hold free-form key/value metadata such as
// author, software and XMP (iTXt "XML:com.adobe.xmp"); tIME is the last-modification time.
const PNG_DROPPED_CHUNKS: ReadonlySet<string> = new Set(['eXIf', 'tEXt', 'zTXt', 'iTXt', 'tIME']);

function stripPng(b: Uint8Array): Uint8Array {
  if (b.length < PNG_SIGNATURE.length || !PNG_SIGNATURE.every((v, i) => b[i] === v)) {
    throw new ImageMetadataError('Not a PNG file: the PNG signature is missing.');
  }
  const out: Uint8Array[] = [b.subarray(0, PNG_SIGNATURE.length)];
  let pos = PNG_SIGNATURE.length;
  while (pos < b.length) {
    if (pos + 12 > b.length) throw new ImageMetadataError(`Damaged PNG file: chunk at byte ${pos} is cut off.`);
    const length = readU32BE(b, pos);
    const type = String.fromCharCode(b[pos + 4], b[pos + 5], b[pos + 6], b[pos + 7]);
    if (!/^[A-Za-z]{4}$/.test(type)) {
      throw new ImageMetadataError(`Damaged PNG file: invalid chunk type at byte ${pos}.`);
    }
    const end = pos + 12 + length; // length, type, data, CRC
    if (end > b.length) {
      throw new ImageMetadataError(`Damaged PNG file: chunk ${type} at byte ${pos} runs past the end of the file.`);
    }
    // Chunks are copied whole, so their CRCs stay valid.
    if (!PNG_DROPPED_CHUNKS.has(type)) out.push(b.subarray(pos, end));
    if (type === 'IEND') return concat(out); // bytes after IEND are not part of the image
    pos = end;
  }
  throw new ImageMetadataError('Damaged PNG file: the IEND chunk is missing.');
}

// --- WebP ---------------------------------------------------------------------------------------

const VP8X_FLAG_EXIF = 0x08;
const VP8X_FLAG_XMP = 0x04;
const WEBP_DROPPED_CHUNKS: ReadonlySet<string> = new Set(['EXIF', 'XMP ']);

function stripWebp(b: Uint8Array): Uint8Array {
  if (b.length < 12 || ascii(b, 0, 4) !== 'RIFF' || ascii(b, 8, 4) !== 'WEBP') {
    throw new ImageMetadataError('Not a WebP file: the RIFF/WEBP header is missing.');
  }
  const riffEnd = 8 + readU32LE(b, 4);
  if (riffEnd > b.length) throw new ImageMetadataError('Damaged WebP file: it is shorter than its header says.');

  const chunks: Uint8Array[] = [];
  let pos = 12;
  while (pos < riffEnd) {
    if (pos + 8 > riffEnd) throw new ImageMetadataError(`Damaged WebP file: chunk at byte ${pos} is cut off.`);
    const fourcc = ascii(b, pos, 4);
    const size = readU32LE(b, pos + 4);
    const dataEnd = pos + 8 + size;
    if (dataEnd > riffEnd) {
      throw new ImageMetadataError(`Damaged WebP file: chunk "${fourcc}" at byte ${pos} runs past the end of the file.`);
    }
    // RIFF pads odd-sized chunks to an even length. Some writers leave the pad byte off the
    // last chunk; it is put back so that the output is well-formed.
    const padded = size % 2 === 1;
    const next = dataEnd + (padded ? 1 : 0);

    if (!WEBP_DROPPED_CHUNKS.has(fourcc)) {
      const chunk = new Uint8Array(next - pos);
      chunk.set(b.subarray(pos, Math.min(next, riffEnd)));
      if (fourcc === 'VP8X') {
        if (size < 10) throw new ImageMetadataError('Damaged WebP file: the VP8X chunk is too short.');
        // Decoders trust these flags to look for the chunks we removed.
        chunk[8] &= ~(VP8X_FLAG_EXIF | VP8X_FLAG_XMP) & 0xff;
      }
      chunks.push(chunk);
    }
    pos = next;
  }

  const body = concat(chunks);
  const out = new Uint8Array(12 + body.length);
  out.set(b.subarray(0, 12));
  writeU32LE(out, 4, out.length - 8);
  out.set(body, 12);
  return out; // bytes beyond the RIFF size are not part of the image and are left behind
}

// --- helpers ------------------------------------------------------------------------------------

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

function ascii(b: Uint8Array, offset: number, length: number): string {
  let s = '';
  for (let i = offset; i < offset + length && i < b.length; i++) s += String.fromCharCode(b[i]);
  return s;
}

function startsWithAscii(b: Uint8Array, prefix: string): boolean {
  return ascii(b, 0, prefix.length) === prefix;
}

function readU32BE(b: Uint8Array, pos: number): number {
  return ((b[pos] << 24) | (b[pos + 1] << 16) | (b[pos + 2] << 8) | b[pos + 3]) >>> 0;
}

function readU32LE(b: Uint8Array, pos: number): number {
  return (b[pos] | (b[pos + 1] << 8) | (b[pos + 2] << 16) | (b[pos + 3] << 24)) >>> 0;
}

function writeU32LE(b: Uint8Array, pos: number, value: number): void {
  b[pos] = value & 0xff;
  b[pos + 1] = (value >>> 8) & 0xff;
  b[pos + 2] = (value >>> 16) & 0xff;
  b[pos + 3] = (value >>> 24) & 0xff;
}
