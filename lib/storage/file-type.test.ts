import { describe, it, expect } from 'vitest';
import { bytes, u16le, u32be, u32le } from '@/tests/support/bytes';
import { detectFileType, isInlineSafe } from './file-type';

// --- builders: tiny synthetic files, written byte by byte from the format specs ---------------

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

const jpeg = () => bytes([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10], 'JFIF\0', [1, 1, 0, 0, 1, 0, 1, 0, 0]);
const png = () => bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], u32be(13), 'IHDR', new Array(17).fill(0));
const riff = (form: string, firstChunk: string) => bytes('RIFF', u32le(4 + 8 + 4), form, firstChunk, u32le(4), [0, 0, 0, 0]);

type ZipEntry = { name: string; data?: string; dataDescriptor?: boolean };

/** ZIP local file headers (stored, no compression), optionally with the data-descriptor flag. */
function zip(entries: ZipEntry[]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const { name, data = 'x', dataDescriptor = false } of entries) {
    const size = dataDescriptor ? 0 : data.length;
    parts.push(
      bytes(
        [0x50, 0x4b, 0x03, 0x04],
        u16le(20), // version needed
        u16le(dataDescriptor ? 0x0008 : 0), // flags
        u16le(0), // method: stored
        u16le(0), u16le(0), // time, date
        u32le(0), // crc (not checked by the sniffer)
        u32le(size), u32le(size),
        u16le(name.length), u16le(0),
        name,
        data,
      ),
    );
    if (dataDescriptor) parts.push(bytes([0x50, 0x4b, 0x07, 0x08], u32le(0), u32le(data.length), u32le(data.length)));
  }
  parts.push(bytes([0x50, 0x4b, 0x05, 0x06], new Array(18).fill(0))); // end of central directory
  return bytes(...parts);
}

const ftyp = (major: string, ...compatible: string[]) =>
  bytes(u32be(16 + 4 * compatible.length), 'ftyp', major, u32be(0), ...compatible);

/** EBML header whose only child is DocType. */
const ebml = (docType: string) => bytes([0x1a, 0x45, 0xdf, 0xa3, 0x80 | (docType.length + 3), 0x42, 0x82, 0x80 | docType.length], docType);

const expectType = (b: Uint8Array, mime: string, extension: string, kind: string) =>
  expect(detectFileType(b)).toEqual({ mime, extension, kind });

// --- tests --------------------------------------------------------------------------------------

describe('detectFileType: images', () => {
  it('recognises JPEG, PNG, GIF and WebP by their signatures', () => {
    expectType(jpeg(), 'image/jpeg', 'jpg', 'image');
    expectType(png(), 'image/png', 'png', 'image');
    expectType(bytes('GIF87a', [1, 0, 1, 0, 0, 0, 0]), 'image/gif', 'gif', 'image');
    expectType(bytes('GIF89a', [1, 0, 1, 0, 0, 0, 0]), 'image/gif', 'gif', 'image');
    expectType(riff('WEBP', 'VP8 '), 'image/webp', 'webp', 'image');
    expectType(riff('WEBP', 'VP8L'), 'image/webp', 'webp', 'image');
    expectType(riff('WEBP', 'VP8X'), 'image/webp', 'webp', 'image');
  });

  it('goes by the bytes only: a PNG uploaded as "photo.pdf" with type application/pdf is a PNG', async () => {
    const upload = new Blob([png()], { type: 'application/pdf' });
    const result = detectFileType(new Uint8Array(await upload.arrayBuffer()));
    expect(result?.mime).toBe('image/png');
    expect(result?.extension).toBe('png');
  });

  it('needs the whole signature', () => {
    expect(detectFileType(bytes([0x89, 0x50, 0x4e, 0x47]))).toBeNull();
    expect(detectFileType(bytes('GIF88a', [0, 0]))).toBeNull();
    expect(detectFileType(riff('WEBP', 'ABCD'))).toBeNull();
    expect(detectFileType(riff('AVI ', 'LIST'))).toBeNull();
    expect(detectFileType(bytes([0xff, 0xd8]))).toBeNull();
  });
});

describe('detectFileType: SVG', () => {
  const svgType = { mime: 'image/svg+xml', extension: 'svg', kind: 'image' };

  it('recognises a bare <svg> root', () => {
    expect(detectFileType(utf8('<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>'))).toEqual(svgType);
  });

  it('skips a BOM, XML declaration, comments and an svg DOCTYPE with internal subset', () => {
    const text =
      '\uFEFF<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n' +
      '<!-- Generator: Adobe Illustrator 27.0, SVG Export Plug-In -->\n' +
      '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd" [\n' +
      '  <!ENTITY ns_svg "http://www.w3.org/2000/svg">\n]>\n' +
      '<svg version="1.1"\n  xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>';
    expect(detectFileType(utf8(text))).toEqual(svgType);
  });

  it('is never inline-safe', () => {
    const detected = detectFileType(utf8('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>'));
    expect(detected?.mime).toBe('image/svg+xml');
    expect(isInlineSafe(detected?.mime ?? '')).toBe(false);
  });

  it('does not take HTML that contains an <svg> for an SVG file', () => {
    expect(detectFileType(utf8('<!DOCTYPE html><html><body><svg></svg></body></html>'))).toBeNull();
    expect(detectFileType(utf8('<!DOCTYPE html>\n<svg onload="alert(1)"></svg>'))).toBeNull();
    expect(detectFileType(utf8('<!-- <svg> --><html></html>'))).toBeNull();
    expect(detectFileType(utf8('<svgfoo></svgfoo>'))).toBeNull();
    expect(detectFileType(utf8('<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"/>'))).toBeNull();
    expect(detectFileType(utf8('<?xml version="1.0"'))).toBeNull(); // unterminated declaration
  });
});

describe('detectFileType: documents', () => {
  it('recognises PDF', () => {
    expectType(utf8('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj'), 'application/pdf', 'pdf', 'document');
    expect(detectFileType(utf8(' %PDF-1.7'))).toBeNull();
  });

  it('tells DOCX, XLSX and PPTX apart by the folder of their parts', () => {
    const common = [{ name: '[Content_Types].xml', data: '<Types/>' }, { name: '_rels/.rels', data: '<Relationships/>' }];
    expectType(
      zip([...common, { name: 'docProps/core.xml' }, { name: 'word/document.xml', data: '<w:document/>' }]),
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'docx',
      'document',
    );
    expectType(
      zip([...common, { name: 'xl/workbook.xml', data: '<workbook/>' }, { name: 'xl/worksheets/sheet1.xml' }]),
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'xlsx',
      'document',
    );
    expectType(
      zip([...common, { name: 'ppt/presentation.xml', data: '<p:presentation/>' }]),
      'application/vnd.openxmlformats-officedocument.presentationml.presentation',
      'pptx',
      'document',
    );
  });

  it('finds the entries when sizes are in data descriptors (streamed zips)', () => {
    const b = zip([
      { name: '[Content_Types].xml', data: '<Types/>', dataDescriptor: true },
      { name: 'xl/workbook.xml', data: '<workbook/>', dataDescriptor: true },
    ]);
    expect(detectFileType(b)?.extension).toBe('xlsx');
  });

  it('does not accept other zips or macro-enabled Office files', () => {
    expect(detectFileType(zip([{ name: 'readme.txt' }, { name: 'src/word/notes.txt' }]))).toBeNull();
    expect(detectFileType(zip([{ name: 'META-INF/MANIFEST.MF' }, { name: 'com/example/Main.class' }]))).toBeNull();
    expect(
      detectFileType(zip([{ name: '[Content_Types].xml' }, { name: 'xl/workbook.xml' }, { name: 'xl/vbaProject.bin' }])),
    ).toBeNull();
  });

  it('reports OLE2 compound files as legacy Word documents', () => {
    const header = bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], new Array(504).fill(0));
    expectType(header, 'application/msword', 'doc', 'document');
  });
});

describe('detectFileType: audio and video', () => {
  it('recognises MP3 with an ID3 tag and bare MPEG Layer III frames', () => {
    expectType(bytes('ID3', [4, 0, 0, 0, 0, 0x02, 0x01], new Array(16).fill(0)), 'audio/mpeg', 'mp3', 'audio');
    expectType(bytes([0xff, 0xfb, 0x90, 0x64], new Array(16).fill(0)), 'audio/mpeg', 'mp3', 'audio'); // MPEG-1
    expectType(bytes([0xff, 0xf3, 0x48, 0xc4], new Array(16).fill(0)), 'audio/mpeg', 'mp3', 'audio'); // MPEG-2
    expectType(bytes([0xff, 0xe3, 0x18, 0xc4], new Array(16).fill(0)), 'audio/mpeg', 'mp3', 'audio'); // MPEG-2.5
  });

  it('rejects frame-sync look-alikes', () => {
    expect(detectFileType(bytes([0xff, 0xfe], utf8('h\0i\0')))).toBeNull(); // UTF-16LE text
    expect(detectFileType(bytes([0xff, 0xf1, 0x50, 0x80], new Array(8).fill(0)))).toBeNull(); // AAC ADTS
    expect(detectFileType(bytes([0xff, 0xfb, 0xf0, 0x64]))).toBeNull(); // bad bitrate index
    expect(detectFileType(bytes([0xff, 0xfb, 0x9c, 0x64]))).toBeNull(); // reserved sample rate
    expect(detectFileType(bytes('ID3', [9, 0, 0, 0, 0, 0, 0]))).toBeNull(); // no such ID3 version
    expect(detectFileType(bytes('ID3', [3, 0, 0, 0x80, 0, 0, 0]))).toBeNull(); // not synchsafe
  });

  it('recognises M4A and MP4 by the ftyp major brand', () => {
    expectType(ftyp('M4A ', 'M4A ', 'mp42', 'isom'), 'audio/mp4', 'm4a', 'audio');
    expectType(ftyp('isom', 'isom', 'iso2', 'avc1', 'mp41'), 'video/mp4', 'mp4', 'video');
    expectType(ftyp('mp42', 'mp42', 'isom'), 'video/mp4', 'mp4', 'video');
  });

  it('does not let HEIC/AVIF photos through as video', () => {
    expect(detectFileType(ftyp('heic', 'mif1', 'heic'))).toBeNull();
    expect(detectFileType(ftyp('avif', 'avif', 'mif1'))).toBeNull();
  });

  it('recognises WebM but not other Matroska files', () => {
    expectType(ebml('webm'), 'video/webm', 'webm', 'video');
    expect(detectFileType(ebml('matroska'))).toBeNull();
    expect(detectFileType(bytes([0x1a, 0x45, 0xdf, 0xa3]))).toBeNull();
  });

  it('recognises WAV', () => {
    expectType(riff('WAVE', 'fmt '), 'audio/wav', 'wav', 'audio');
  });
});

describe('detectFileType: refused content', () => {
  it('returns null for HTML, executables, plain text and empty input', () => {
    expect(detectFileType(utf8('<!DOCTYPE html><html><script>alert(1)</script></html>'))).toBeNull();
    expect(detectFileType(utf8('<html><body>hi</body></html>'))).toBeNull();
    expect(detectFileType(bytes([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0], new Array(56).fill(0)))).toBeNull(); // ELF
    expect(detectFileType(bytes('MZ', [0x90, 0], new Array(60).fill(0)))).toBeNull(); // Windows PE
    expect(detectFileType(utf8('#!/bin/sh\nrm -rf /\n'))).toBeNull();
    expect(detectFileType(utf8('会议纪要：第三支部'))).toBeNull();
    expect(detectFileType(new Uint8Array(0))).toBeNull();
  });

  it('returns a fresh object each time', () => {
    const first = detectFileType(png());
    if (first) first.mime = 'text/html';
    expect(detectFileType(png())?.mime).toBe('image/png');
  });
});

describe('isInlineSafe', () => {
  it('allows raster images, PDF, audio and video that we detect', () => {
    const samples = [jpeg(), png(), bytes('GIF89a', [0, 0]), riff('WEBP', 'VP8 '), utf8('%PDF-1.4'),
      bytes('ID3', [3, 0, 0, 0, 0, 0, 0]), ftyp('M4A '), riff('WAVE', 'fmt '), ftyp('isom'), ebml('webm')];
    for (const sample of samples) {
      const detected = detectFileType(sample);
      expect(detected).not.toBeNull();
      expect(isInlineSafe(detected?.mime ?? '')).toBe(true);
    }
  });

  it('refuses SVG, Office files, HTML and unknown types', () => {
    for (const mime of [
      'image/svg+xml',
      'text/html',
      'application/xhtml+xml',
      'text/plain',
      'application/octet-stream',
      'application/msword',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'image/heic',
      '',
    ]) {
      expect(isInlineSafe(mime), mime).toBe(false);
    }
  });

  it('ignores case, as MIME types do', () => {
    expect(isInlineSafe('Image/PNG')).toBe(true);
  });
});
