import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskPhone } from './masking';

describe('masking', () => {
  it('shows the region code and the last four characters of an ID number', () => {
    expect(maskIdNumber('34052419800101001X')).toBe('340524********001X');
  });
  it('hides the middle of a mobile number', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
  });
  it('hides short values completely', () => {
    expect(maskIdNumber('12345')).toBe('*****');
    expect(maskPhone('110')).toBe('***');
  });
});
