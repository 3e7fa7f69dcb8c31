import { describe, it, expect } from 'vitest';
import { bytes, contains, JPEG_EOI as EOI, JPEG_SOI as SOI, jpegSegment as segment, u16be, u16le, u32be, u32le, type Part } from '@/tests/support/bytes';
import { ImageMetadataError, stripImageMetadata } from './strip-metadata';

// --- JPEG builders ------------------------------------------------------------------------------



const app0Jfif = segment(0xe0, 'JFIF\0', [1, 2, 1, 0, 72, 0, 72, 0, 0]);
const app2Icc = segment(0xe2, 'ICC_PROFILE\0', [1, 1], 'fake-icc-profile-data');
const app14Adobe = segment(0xee, 'Adobe', [0, 100, 0, 0, 0, 0, 1]);
const dqt = segment(0xdb, [0x00], Array.from({ length: 64 }, (_, i) => i + 1));
const sof0 = segment(0xc0, [8, 0, 16, 0, 16, 1, 1, 0x11, 0]);
const sof2 = segment(0xc2, [8, 0, 16, 0, 16, 1, 1, 0x11, 0]);
const dht = segment(0xc4, [0x00, 1, ...new Array(15).fill(0), 0x00]);
const sos = segment(0xda, [1, 1, 0x00, 0, 63, 0]);
// Entropy-coded bytes with a stuffed FF00 and a restart marker, which must not end the scan.
const scanData = bytes([0x12, 0xff, 0x00, 0x34, 0xa5, 0xff, 0xd0, 0x56, 0x78, 0xff, 0x00, 0x9a]);
const scanData2 = bytes([0x77, 0xff, 0x00, 0x66, 0xff, 0xd1, 0x55]);

type TiffOptions = { littleEndian?: boolean; orientation?: number };

/** An APP1 EXIF segment: IFD0 with Make, optional Orientation and a GPS IFD with a position. */
function exifSegment({ littleEndian = false, orientation }: TiffOptions = {}): Uint8Array {
  const u16 = littleEndian ? u16le : u16be;
  const u32 = littleEndian ? u32le : u32be;
  const entries: number[][] = [];
  const entryCount = orientation === undefined ? 2 : 3;
  const ifd0Size = 2 + entryCount * 12 + 4;
  const makeOffset = 8 + ifd0Size;
  const gpsOffset = makeOffset + 6;
  entries.push([...u16(0x010f), ...u16(2), ...u32(6), ...u32(makeOffset)]); // Make, ASCII
  if (orientation !== undefined) {
    entries.push([...u16(0x0112), ...u16(3), ...u32(1), ...u16(orientation), 0, 0]); // Orientation, SHORT
  }
  entries.push([...u16(0x8825), ...u16(4), ...u32(1), ...u32(gpsOffset)]); // GPS IFD pointer
  const tiff = bytes(
    littleEndian ? 'II' : 'MM',
    u16(42),
    u32(8),
    u16(entryCount),
    ...entries,
    u32(0),
    'Canon\0',
    'GPSLatitude\0', // stands in for the GPS IFD; the ASCII makes leaks easy to spot
    '31.230416N 121.473701E',
  );
  return segment(0xe1, 'Exif\0\0', tiff);
}

const app1Xmp = segment(
  0xe1,
  'http://ns.adobe.com/xap/1.0/\0',
  '<x:xmpmeta><exif:GPSLatitude>31,13.8N</exif:GPSLatitude></x:xmpmeta>',
);

/** Marker codes and payloads up to and including the first SOS, read independently of the code under test. */
function jpegSegments(b: Uint8Array): Array<{ marker: number; payload: Uint8Array }> {
  expect([b[0], b[1]]).toEqual(SOI);
  const list: Array<{ marker: number; payload: Uint8Array }> = [];
  let pos = 2;
  for (;;) {
    expect(b[pos]).toBe(0xff);
    const marker = b[pos + 1];
    const length = (b[pos + 2] << 8) | b[pos + 3];
    list.push({ marker, payload: b.subarray(pos + 4, pos + 2 + length) });
    pos += 2 + length;
    if (marker === 0xda) return list;
  }
}

/** Orientation value from an APP1 EXIF payload, parsed from scratch for the assertions. */
function orientationIn(payload: Uint8Array): number | undefined {
  const tiff = payload.subarray(6);
  const le = tiff[0] === 0x49;
  const u16 = (at: number) => (le ? tiff[at] | (tiff[at + 1] << 8) : (tiff[at] << 8) | tiff[at + 1]);
  const ifd = le
    ? tiff[4] | (tiff[5] << 8) | (tiff[6] << 16) | (tiff[7] << 24)
    : (tiff[4] << 24) | (tiff[5] << 16) | (tiff[6] << 8) | tiff[7];
  for (let i = 0; i < u16(ifd); i++) {
    const entry = ifd + 2 + 12 * i;
    if (u16(entry) === 0x0112) return u16(entry + 8);
  }
  return undefined;
}

// --- PNG builders -------------------------------------------------------------------------------

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function chunk(type: string, ...data: Part[]): Uint8Array {
  const typeAndData = bytes(type, ...data);
  return bytes(u32be(typeAndData.length - 4), typeAndData, u32be(crc32(typeAndData)));
}

const ihdr = chunk('IHDR', u32be(1), u32be(1), [8, 2, 0, 0, 0]);
const phys = chunk('pHYs', u32be(2835), u32be(2835), [1]);
const idat = chunk('IDAT', [0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0x00, 0x00, 0x03, 0x01, 0x01, 0x00]);
const iend = chunk('IEND');

/** Chunk types in order, checking every CRC on the way. */
function pngChunkTypes(b: Uint8Array): string[] {
  expect(Array.from(b.subarray(0, 8))).toEqual(PNG_SIGNATURE);
  const types: string[] = [];
  let pos = 8;
  while (pos < b.length) {
    const length = ((b[pos] << 24) | (b[pos + 1] << 16) | (b[pos + 2] << 8) | b[pos + 3]) >>> 0;
    const typeAndData = b.subarray(pos + 4, pos + 8 + length);
    const crcAt = pos + 8 + length;
    const storedCrc = ((b[crcAt] << 24) | (b[crcAt + 1] << 16) | (b[crcAt + 2] << 8) | b[crcAt + 3]) >>> 0;
    expect(storedCrc).toBe(crc32(typeAndData));
    types.push(String.fromCharCode(...typeAndData.subarray(0, 4)));
    pos = crcAt + 4;
  }
  return types;
}

// --- WebP builders ------------------------------------------------------------------------------

function riffChunk(fourcc: string, data: Uint8Array, { pad = true } = {}): Uint8Array {
  return bytes(fourcc, u32le(data.length), data, pad && data.length % 2 === 1 ? [0] : []);
}

const webp = (...chunks: Uint8Array[]) => {
  const body = bytes(...chunks);
  return bytes('RIFF', u32le(4 + body.length), 'WEBP', body);
};

const VP8X_ICC = 0x20;
const VP8X_ALPHA = 0x10;
const VP8X_EXIF = 0x08;
const VP8X_XMP = 0x04;
const vp8x = (flags: number) => riffChunk('VP8X', bytes([flags, 0, 0, 0], [15, 0, 0], [15, 0, 0]));
const iccp = riffChunk('ICCP', bytes('icc-5')); // odd length: padded
const vp8 = riffChunk('VP8 ', bytes([0x30, 0x01, 0x00, 0x9d, 0x01, 0x2a, 0x10, 0x00, 0x10, 0x00, 0x02])); // odd
const alph = riffChunk('ALPH', bytes([0, 1, 2, 3]));
const exifChunk = riffChunk('EXIF', bytes('MM\0*', u32be(8), 'GPSLatitude 31.230416N')); // odd
const xmpChunk = riffChunk('XMP ', bytes('<x:xmpmeta><exif:GPSLatitude/></x:xmpmeta>'));

const riffSize = (b: Uint8Array) => (b[4] | (b[5] << 8) | (b[6] << 16) | (b[7] << 24)) >>> 0;

// --- tests --------------------------------------------------------------------------------------

describe('stripImageMetadata: JPEG', () => {
  const photo = bytes(SOI, app0Jfif, exifSegment(), app2Icc, dqt, sof0, dht, sos, scanData, EOI);

  it('removes the EXIF segment with the GPS position', () => {
    expect(contains(photo, 'Exif')).toBe(true); // the fixture does contain it
    expect(contains(photo, 'GPSLatitude')).toBe(true);
    const out = stripImageMetadata(photo, 'image/jpeg');
    expect(contains(out, 'Exif')).toBe(false);
    expect(contains(out, 'GPSLatitude')).toBe(false);
    expect(contains(out, '31.230416N')).toBe(false);
    expect(contains(out, 'Canon')).toBe(false);
  });

  it('keeps JFIF, ICC, tables, frame header and scan data byte-identical', () => {
    const out = stripImageMetadata(photo, 'image/jpeg');
    expect([out[0], out[1]]).toEqual(SOI);
    expect([out[out.length - 2], out[out.length - 1]]).toEqual(EOI);
    for (const kept of [app0Jfif, app2Icc, dqt, sof0, dht, bytes(sos, scanData, EOI)]) {
      expect(contains(out, kept)).toBe(true);
    }
    expect(out).toEqual(bytes(SOI, app0Jfif, app2Icc, dqt, sof0, dht, sos, scanData, EOI));
  });

  it('drops XMP, IPTC/Photoshop, APP3–APP13, APP15 and comments but keeps Adobe APP14', () => {
    const app3 = segment(0xe3, 'Meta\0', 'camera-serial-12345');
    const app12 = segment(0xec, 'Ducky', [0, 1, 0, 4, 0, 0, 0, 80]);
    const app13 = segment(0xed, 'Photoshop 3.0\0', '8BIM', [0x04, 0x04], 'IPTC by-line: Zhang San');
    const app15 = segment(0xef, 'vendor-private');
    const com = segment(0xfe, 'Taken at Jinan branch office');
    const input = bytes(SOI, app0Jfif, app1Xmp, app3, app12, app13, app14Adobe, app15, com, dqt, sof0, sos, scanData, EOI);

    const out = stripImageMetadata(input, 'image/jpeg');

    expect(jpegSegments(out).map((s) => s.marker)).toEqual([0xe0, 0xee, 0xdb, 0xc0, 0xda]);
    for (const leak of ['GPSLatitude', 'camera-serial', 'Ducky', 'Zhang San', 'vendor-private', 'Jinan']) {
      expect(contains(out, leak), leak).toBe(false);
    }
    expect(out).toEqual(bytes(SOI, app0Jfif, app14Adobe, dqt, sof0, sos, scanData, EOI));
  });

  it('keeps only the JFIF and ICC variants of APP0 and APP2', () => {
    const jfxxThumbnail = segment(0xe0, 'JFXX\0', [0x13, 2, 2], new Array(12).fill(0x80));
    const mpf = segment(0xe2, 'MPF\0', 'MM\0*', u32be(8), 'secondary-image-index');
    const input = bytes(SOI, app0Jfif, jfxxThumbnail, app2Icc, mpf, dqt, sof0, sos, scanData, EOI);
    expect(stripImageMetadata(input, 'image/jpeg')).toEqual(bytes(SOI, app0Jfif, app2Icc, dqt, sof0, sos, scanData, EOI));
  });

  it('drops metadata between progressive scans and everything after EOI', () => {
    const motionPhotoTrailer = bytes(u32be(24), 'ftypmp42', u32be(0), 'mp42isom', '\xa9xyz+31.2304+121.4737/');
    const input = bytes(SOI, app0Jfif, dqt, sof2, dht, sos, scanData, dht, exifSegment(), segment(0xfe, 'between scans'),
      sos, scanData2, EOI, motionPhotoTrailer);

    const out = stripImageMetadata(input, 'image/jpeg');

    expect(out).toEqual(bytes(SOI, app0Jfif, dqt, sof2, dht, sos, scanData, dht, sos, scanData2, EOI));
    expect(contains(out, 'ftyp')).toBe(false);
    expect(contains(out, 'between scans')).toBe(false);
  });

  it('replaces EXIF by a minimal block holding only a non-default Orientation', () => {
    for (const littleEndian of [false, true]) {
      const input = bytes(SOI, app0Jfif, exifSegment({ littleEndian, orientation: 6 }), dqt, sof0, sos, scanData, EOI);

      const out = stripImageMetadata(input, 'image/jpeg');

      const segments = jpegSegments(out);
      expect(segments.map((s) => s.marker)).toEqual([0xe0, 0xe1, 0xdb, 0xc0, 0xda]);
      const exif = segments[1].payload;
      expect(orientationIn(exif)).toBe(6);
      expect(exif.length).toBeLessThan(40);
      expect(contains(out, 'GPSLatitude')).toBe(false);
      expect(contains(out, 'Canon')).toBe(false);
      expect(contains(out, bytes(sos, scanData, EOI))).toBe(true);
    }
  });

  it('drops EXIF completely when the orientation is the default', () => {
    const input = bytes(SOI, app0Jfif, exifSegment({ orientation: 1 }), dqt, sof0, sos, scanData, EOI);
    expect(stripImageMetadata(input, 'image/jpeg')).toEqual(bytes(SOI, app0Jfif, dqt, sof0, sos, scanData, EOI));
  });

  it('accepts fill bytes before a marker', () => {
    const input = bytes(SOI, [0xff, 0xff], app0Jfif, [0xff], exifSegment(), dqt, sof0, sos, scanData, EOI);
    expect(stripImageMetadata(input, 'image/jpeg')).toEqual(bytes(SOI, app0Jfif, dqt, sof0, sos, scanData, EOI));
  });

  it('keeps a file cut off inside the scan data as it is', () => {
    const input = bytes(SOI, app0Jfif, exifSegment(), dqt, sof0, sos, scanData);
    expect(stripImageMetadata(input, 'image/jpeg')).toEqual(bytes(SOI, app0Jfif, dqt, sof0, sos, scanData));
  });

  it('throws a descriptive error for malformed files', () => {
    const cases: Array<[Uint8Array, RegExp]> = [
      [bytes('GIF89a', [0, 0, 0, 0]), /does not start with the FFD8/],
      [bytes(SOI, [0xff, 0xe1, 0x01, 0x00], 'Exif\0\0'), /runs past the end/],
      [bytes(SOI, [0xff, 0xe0, 0x00, 0x01], dqt, sof0, sos, EOI), /segment at byte 2 has an invalid length/],
      [bytes(SOI, app0Jfif, [0x00, 0x11, 0x22], sos, scanData, EOI), /expected a marker at byte 20/],
      [bytes(SOI, app0Jfif, [0xff, 0x05, 0x00, 0x04, 0, 0], sos, scanData, EOI), /invalid marker 0x05/],
      [bytes(SOI, app0Jfif, dqt, sof0, EOI), /ends before the image data/],
      [bytes(SOI, app0Jfif, dqt), /ends before the image data/],
      [bytes(SOI, app0Jfif, [0xff, 0xc0, 0x00]), /cut off/],
    ];
    for (const [input, message] of cases) {
      expect(() => stripImageMetadata(input, 'image/jpeg')).toThrow(message);
      expect(() => stripImageMetadata(input, 'image/jpeg')).toThrow(ImageMetadataError);
    }
  });
});

describe('stripImageMetadata: PNG', () => {
  const text = chunk('tEXt', 'Author\0Zhang San');
  const exif = chunk('eXIf', 'MM\0*', u32be(8), 'GPSLatitude 31.230416N');
  const itxt = chunk('iTXt', 'XML:com.adobe.xmp\0\0\0\0\0', '<x:xmpmeta><exif:GPSLongitude/></x:xmpmeta>');
  const ztxt = chunk('zTXt', 'Comment\0\0', [0x78, 0x9c, 0x03, 0x00]);
  const time = chunk('tIME', u16be(2024), [5, 17, 9, 30, 0]);
  const image = bytes(PNG_SIGNATURE, ihdr, text, exif, phys, itxt, ztxt, time, idat, iend);

  it('drops eXIf and the text and time chunks and keeps the rest byte-for-byte', () => {
    expect(pngChunkTypes(image)).toEqual(['IHDR', 'tEXt', 'eXIf', 'pHYs', 'iTXt', 'zTXt', 'tIME', 'IDAT', 'IEND']);

    const out = stripImageMetadata(image, 'image/png');

    expect(pngChunkTypes(out)).toEqual(['IHDR', 'pHYs', 'IDAT', 'IEND']);
    expect(out).toEqual(bytes(PNG_SIGNATURE, ihdr, phys, idat, iend));
    for (const leak of ['GPSLatitude', 'GPSLongitude', 'Zhang San', 'Comment']) expect(contains(out, leak), leak).toBe(false);
  });

  it('drops bytes after IEND', () => {
    const out = stripImageMetadata(bytes(PNG_SIGNATURE, ihdr, idat, iend, '<script>alert(1)</script>'), 'image/png');
    expect(out).toEqual(bytes(PNG_SIGNATURE, ihdr, idat, iend));
  });

  it('throws a descriptive error for malformed files', () => {
    const cases: Array<[Uint8Array, RegExp]> = [
      [bytes([0xff, 0xd8, 0xff, 0xe0], new Array(8).fill(0)), /PNG signature is missing/],
      [bytes(PNG_SIGNATURE, ihdr, u32be(1000), 'IDAT', [1, 2, 3, 4, 5, 6, 7, 8]), /IDAT .*runs past the end/],
      [bytes(PNG_SIGNATURE, ihdr, idat), /IEND chunk is missing/],
      [bytes(PNG_SIGNATURE, ihdr, [0, 0, 0]), /cut off/],
      [bytes(PNG_SIGNATURE, u32be(0), 'I\0ND', u32be(0)), /invalid chunk type/],
    ];
    for (const [input, message] of cases) {
      expect(() => stripImageMetadata(input, 'image/png')).toThrow(message);
    }
  });
});

describe('stripImageMetadata: WebP', () => {
  it('drops EXIF and XMP chunks, clears their VP8X flags and rewrites the RIFF size', () => {
    const input = webp(vp8x(VP8X_ICC | VP8X_ALPHA | VP8X_EXIF | VP8X_XMP), iccp, alph, vp8, exifChunk, xmpChunk);
    expect(contains(input, 'GPSLatitude')).toBe(true);

    const out = stripImageMetadata(input, 'image/webp');

    expect(out[20]).toBe(VP8X_ICC | VP8X_ALPHA); // flags byte: RIFF header 12 + chunk header 8
    expect(riffSize(out)).toBe(out.length - 8);
    expect(out).toEqual(webp(vp8x(VP8X_ICC | VP8X_ALPHA), iccp, alph, vp8));
    for (const leak of ['EXIF', 'XMP ', 'GPSLatitude']) expect(contains(out, leak), leak).toBe(false);
    expect(contains(out, iccp)).toBe(true); // odd-sized chunk kept together with its pad byte
    expect(contains(out, vp8)).toBe(true);
  });

  it('restores a missing pad byte on the last chunk and drops bytes past the RIFF size', () => {
    const unpaddedVp8 = riffChunk('VP8 ', bytes([1, 2, 3]), { pad: false });
    const input = bytes(webp(vp8x(VP8X_EXIF), riffChunk('EXIF', bytes('GPS')), unpaddedVp8), 'trailing junk');

    const out = stripImageMetadata(input, 'image/webp');

    expect(out).toEqual(webp(vp8x(0), riffChunk('VP8 ', bytes([1, 2, 3]))));
    expect(riffSize(out)).toBe(out.length - 8);
    expect(riffSize(out) % 2).toBe(0);
  });

  it('leaves a simple (non-VP8X) WebP as it is', () => {
    const input = webp(vp8);
    expect(stripImageMetadata(input, 'image/webp')).toEqual(input);
  });

  it('throws a descriptive error for malformed files', () => {
    const truncated = webp(vp8x(0), vp8).subarray(0, 30);
    const overlong = webp(vp8x(0), bytes('VP8 ', u32le(500), [1, 2, 3, 4]));
    const cases: Array<[Uint8Array, RegExp]> = [
      [bytes('RIFF', u32le(4), 'WAVE'), /RIFF\/WEBP header is missing/],
      [truncated, /shorter than its header says/],
      [overlong, /"VP8 " at byte 30 runs past the end/],
      [webp(riffChunk('VP8X', bytes([VP8X_EXIF, 0, 0]))), /VP8X chunk is too short/],
    ];
    for (const [input, message] of cases) {
      expect(() => stripImageMetadata(input, 'image/webp')).toThrow(message);
    }
  });
});

describe('stripImageMetadata: other types', () => {
  it('returns GIF and non-image input unchanged', () => {
    const gif = bytes('GIF89a', [1, 0, 1, 0, 0, 0, 0], [0x21, 0xfe, 5], 'hello', [0, 0x3b]);
    expect(stripImageMetadata(gif, 'image/gif')).toBe(gif);
    const pdf = bytes('%PDF-1.7\n/Author (Zhang San)');
    expect(stripImageMetadata(pdf, 'application/pdf')).toBe(pdf);
  });
});
