// Builders for tests that write tiny files byte by byte from the format specs.

export type Part = string | number[] | Uint8Array;

/** Concatenates parts; strings are taken as Latin-1, one byte per character. */
export function bytes(...parts: Part[]): Uint8Array<ArrayBuffer> {
  const arrays = parts.map((p) => (typeof p === 'string' ? Uint8Array.from(p, (c) => c.charCodeAt(0)) : Uint8Array.from(p)));
  const out = new Uint8Array(arrays.reduce((n, a) => n + a.length, 0));
  let offset = 0;
  for (const a of arrays) {
    out.set(a, offset);
    offset += a.length;
  }
  return out;
}

export const u16be = (n: number): number[] => [(n >> 8) & 0xff, n & 0xff];
export const u16le = (n: number): number[] => [n & 0xff, (n >> 8) & 0xff];
export const u32be = (n: number): number[] => [(n >>> 24) & 0xff, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
export const u32le = (n: number): number[] => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff];

export function indexOf(haystack: Uint8Array, needle: Uint8Array | string): number {
  const n = typeof needle === 'string' ? bytes(needle) : needle;
  outer: for (let i = 0; i + n.length <= haystack.length; i++) {
    for (let j = 0; j < n.length; j++) if (haystack[i + j] !== n[j]) continue outer;
    return i;
  }
  return -1;
}

export const contains = (haystack: Uint8Array, needle: Uint8Array | string) => indexOf(haystack, needle) >= 0;

// JPEG: a marker segment is FF, marker, big-endian length (payload + 2), payload.
export const JPEG_SOI = [0xff, 0xd8];
export const JPEG_EOI = [0xff, 0xd9];
export const jpegSegment = (marker: number, ...payload: Part[]) => {
  const body = bytes(...payload);
  return bytes([0xff, marker], u16be(body.length + 2), body);
};
