import { crc32, deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { checkZipArchive } from './zip-guard';

// A minimal ZIP writer, so each test controls exactly what the archive declares.
type Entry = { name: string; data: Buffer; method?: 0 | 8; declaredSize?: number };

function zip(entries: Entry[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const method = entry.method ?? 8;
    const body = method === 8 ? deflateRawSync(entry.data) : entry.data;
    const size = entry.declaredSize ?? entry.data.length;
    const name = Buffer.from(entry.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc32(entry.data), 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc32(entry.data), 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

const limits = { maxEntries: 10, maxTotalBytes: 1_000_000 };

describe('checkZipArchive', () => {
  it('accepts an honest archive and sums what it inflates to', () => {
    const archive = zip([
      { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>'.repeat(100)) },
      { name: 'xl/stored.bin', data: Buffer.from('plain'), method: 0 },
    ]);
    expect(checkZipArchive(archive, limits)).toEqual({ ok: true, entries: 2, totalBytes: 1_100 + 5 });
  });

  it('refuses an entry that inflates past its declared size (a zip bomb in disguise)', () => {
    const archive = zip([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(500_000, 0x41), declaredSize: 1_000 }]);
    expect(checkZipArchive(archive, limits)).toEqual({ ok: false, problem: 'tooLarge' });
  });

  it('refuses archives whose declared total is over the limit', () => {
    const archive = zip([{ name: 'a', data: Buffer.alloc(600_000) }, { name: 'b', data: Buffer.alloc(600_000) }]);
    expect(checkZipArchive(archive, limits)).toEqual({ ok: false, problem: 'tooLarge' });
  });

  it('refuses too many entries, truncated archives and non-archives', () => {
    const many = zip(Array.from({ length: 11 }, (_, i) => ({ name: `f${i}`, data: Buffer.from('x') })));
    expect(checkZipArchive(many, limits)).toEqual({ ok: false, problem: 'tooLarge' });
    const honest = zip([{ name: 'xl/a.xml', data: Buffer.from('<a/>'.repeat(50)) }]);
    const truncated = new Uint8Array([...honest.subarray(0, 40), ...honest.subarray(honest.length - 80)]);
    expect(checkZipArchive(truncated, limits).ok).toBe(false);
    expect(checkZipArchive(new TextEncoder().encode('姓名,身份证号\n张三,1'), limits)).toEqual({ ok: false, problem: 'notZip' });
  });

  it('refuses an entry whose stored size disagrees with its data', () => {
    const archive = zip([{ name: 'a', data: Buffer.from('abc'), method: 0, declaredSize: 2 }]);
    expect(checkZipArchive(archive, limits)).toEqual({ ok: false, problem: 'damaged' });
  });
});
