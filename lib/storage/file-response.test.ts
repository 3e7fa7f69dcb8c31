import { describe, expect, it } from 'vitest';
import { requestedRange } from './file-response';

// A video lesson's player seeks and resumes by asking for byte ranges of the recording.
describe('requestedRange', () => {
  it('serves the part a player asks for, and the rest of the file from an offset', () => {
    expect(requestedRange('bytes=0-99', 1000)).toEqual({ start: 0, end: 99 });
    expect(requestedRange('bytes=500-', 1000)).toEqual({ start: 500, end: 999 });
    expect(requestedRange('bytes=900-5000', 1000)).toEqual({ start: 900, end: 999 });
  });

  it('serves the last bytes when only a length is given', () => {
    expect(requestedRange('bytes=-100', 1000)).toEqual({ start: 900, end: 999 });
    expect(requestedRange('bytes=-5000', 1000)).toEqual({ start: 0, end: 999 });
  });

  it('refuses a range beyond the end, and sends the whole file for no range or several', () => {
    expect(requestedRange('bytes=1000-', 1000)).toBe('unsatisfiable');
    expect(requestedRange('bytes=20-10', 1000)).toBe('unsatisfiable');
    expect(requestedRange(null, 1000)).toBeNull();
    expect(requestedRange('bytes=0-1,5-9', 1000)).toBeNull();
    expect(requestedRange('items=0-1', 1000)).toBeNull();
    expect(requestedRange('bytes=-', 1000)).toBeNull();
  });
});
