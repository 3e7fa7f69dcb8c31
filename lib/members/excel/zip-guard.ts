import { inflateRawSync } from 'node:zlib';

// An .xlsx is a ZIP archive. A 20 MB upload can inflate to gigabytes (a "zip bomb"), and the
// Excel reader would hold all of it in memory; so before the reader sees the bytes, every entry
// is inflated here with a hard cap on its output. The central directory's sizes are what a
// reader trusts, and an entry that inflates past its declared size is refused.

export type ZipLimits = { maxEntries: number; maxTotalBytes: number };
export type ZipCheck = { ok: true; entries: number; totalBytes: number } | { ok: false; problem: 'notZip' | 'tooLarge' | 'damaged' };

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

const u16 = (b: Uint8Array, at: number) => b[at] | (b[at + 1] << 8);
const u32 = (b: Uint8Array, at: number) => (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) >>> 0;

function findEndOfCentralDirectory(b: Uint8Array): number {
  // The record is 22 bytes plus a comment of at most 65,535 bytes, at the very end.
  const lowest = Math.max(0, b.length - 22 - 0xffff);
  for (let at = b.length - 22; at >= lowest; at--) if (u32(b, at) === EOCD) return at;
  return -1;
}

export function checkZipArchive(bytes: Uint8Array, limits: ZipLimits): ZipCheck {
  const end = findEndOfCentralDirectory(bytes);
  if (end < 0) return { ok: false, problem: 'notZip' };
  const entries = u16(bytes, end + 10);
  const directoryOffset = u32(bytes, end + 16);
  // ZIP64 marks its real values elsewhere; an .xlsx within our limits never needs it.
  if (entries === 0xffff || directoryOffset === 0xffffffff) return { ok: false, problem: 'tooLarge' };
  if (entries > limits.maxEntries) return { ok: false, problem: 'tooLarge' };
  let at = directoryOffset;
  let total = 0;
  for (let index = 0; index < entries; index++) {
    if (at + 46 > bytes.length || u32(bytes, at) !== CENTRAL) return { ok: false, problem: 'damaged' };
    const method = u16(bytes, at + 10);
    const compressedSize = u32(bytes, at + 20);
    const declaredSize = u32(bytes, at + 24);
    const nameLength = u16(bytes, at + 28);
    const extraLength = u16(bytes, at + 30);
    const commentLength = u16(bytes, at + 32);
    const localOffset = u32(bytes, at + 42);
    if (compressedSize === 0xffffffff || declaredSize === 0xffffffff) return { ok: false, problem: 'tooLarge' };
    total += declaredSize;
    if (total > limits.maxTotalBytes) return { ok: false, problem: 'tooLarge' };

    if (localOffset + 30 > bytes.length || u32(bytes, localOffset) !== LOCAL) return { ok: false, problem: 'damaged' };
    const dataStart = localOffset + 30 + u16(bytes, localOffset + 26) + u16(bytes, localOffset + 28);
    if (dataStart + compressedSize > bytes.length) return { ok: false, problem: 'damaged' };
    const data = bytes.subarray(dataStart, dataStart + compressedSize);
    if (method === 0) {
      if (compressedSize !== declaredSize) return { ok: false, problem: 'damaged' };
    } else if (method === 8) {
      try {
        // One byte over the declared size is enough to prove the declaration false.
        const inflated = inflateRawSync(data, { maxOutputLength: Math.max(1, declaredSize + 1) });
        if (inflated.length !== declaredSize) return { ok: false, problem: 'damaged' };
      } catch (error) {
        return { ok: false, problem: error instanceof RangeError ? 'tooLarge' : 'damaged' };
      }
    } else {
      return { ok: false, problem: 'damaged' };
    }
    at += 46 + nameLength + extraLength + commentLength;
  }
  return { ok: true, entries, totalBytes: total };
}
