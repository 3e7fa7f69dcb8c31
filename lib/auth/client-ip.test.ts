import { describe, expect, it } from 'vitest';
import { clientIp, normaliseIp } from './client-ip';

describe('clientIp without trusted proxies (hops = 0)', () => {
  it('ignores X-Forwarded-For entirely and uses the socket address', () => {
    expect(clientIp('6.6.6.6', '203.0.113.7', 0)).toBe('203.0.113.7');
    expect(clientIp('6.6.6.6, 7.7.7.7', '203.0.113.7', 0)).toBe('203.0.113.7');
    expect(clientIp(null, '203.0.113.7', 0)).toBe('203.0.113.7');
  });

  it('returns unknown when the socket address is missing, even with a header present', () => {
    expect(clientIp('6.6.6.6', null, 0)).toBe('unknown');
    expect(clientIp(null, '', 0)).toBe('unknown');
  });

  it('treats a negative or fractional hop count as 0 rather than trusting the header', () => {
    expect(clientIp('6.6.6.6', '203.0.113.7', -1)).toBe('203.0.113.7');
    expect(clientIp('6.6.6.6', '203.0.113.7', 1.5)).toBe('203.0.113.7');
    expect(clientIp('6.6.6.6', '203.0.113.7', Number.NaN)).toBe('203.0.113.7');
  });
});

describe('clientIp behind trusted proxies', () => {
  it('with one proxy takes the right-most entry, the one the proxy appended', () => {
    expect(clientIp('198.51.100.1', '10.0.0.2', 1)).toBe('198.51.100.1');
  });

  it('ignores forged entries the client put on the left', () => {
    expect(clientIp('6.6.6.6, 7.7.7.7, 198.51.100.1', '10.0.0.2', 1)).toBe('198.51.100.1');
    expect(clientIp('6.6.6.6, 198.51.100.1, 10.0.0.1', '10.0.0.2', 2)).toBe('198.51.100.1');
  });

  it('with two proxies takes the second entry from the right', () => {
    expect(clientIp('198.51.100.1, 10.0.0.1', '10.0.0.2', 2)).toBe('198.51.100.1');
  });

  it('falls back to the left-most entry when the list is shorter than the hop count', () => {
    expect(clientIp('198.51.100.1', '10.0.0.2', 2)).toBe('198.51.100.1');
    expect(clientIp('198.51.100.1, 10.0.0.1', '10.0.0.2', 3)).toBe('198.51.100.1');
  });

  it('trims spaces and skips empty entries', () => {
    expect(clientIp('  6.6.6.6 ,   198.51.100.1   ', '10.0.0.2', 1)).toBe('198.51.100.1');
    expect(clientIp('6.6.6.6,,198.51.100.1,', '10.0.0.2', 1)).toBe('198.51.100.1');
  });

  it('uses the socket address when the header is missing or empty', () => {
    expect(clientIp(null, '10.0.0.2', 1)).toBe('10.0.0.2');
    expect(clientIp('', '10.0.0.2', 1)).toBe('10.0.0.2');
    expect(clientIp(' , ', '10.0.0.2', 1)).toBe('10.0.0.2');
  });

  it('uses the socket address when the trusted entry is not an address, and never a forged one', () => {
    expect(clientIp('198.51.100.1, unknown', '10.0.0.2', 1)).toBe('10.0.0.2');
    expect(clientIp('198.51.100.1, 999.1.1.1', null, 1)).toBe('unknown');
  });

  it('strips ports and brackets and normalises IPv4-mapped IPv6', () => {
    expect(clientIp('198.51.100.1:54321', null, 1)).toBe('198.51.100.1');
    expect(clientIp('[2001:DB8::1]:443', null, 1)).toBe('2001:db8::1');
    expect(clientIp('[2001:db8::1]', null, 1)).toBe('2001:db8::1');
    expect(clientIp('::ffff:198.51.100.1', null, 1)).toBe('198.51.100.1');
    expect(clientIp(null, '::ffff:127.0.0.1', 0)).toBe('127.0.0.1');
  });
});

describe('normaliseIp', () => {
  it('accepts and canonicalises valid addresses', () => {
    expect(normaliseIp(' 1.2.3.4 ')).toBe('1.2.3.4');
    expect(normaliseIp('255.255.255.255')).toBe('255.255.255.255');
    expect(normaliseIp('::1')).toBe('::1');
    expect(normaliseIp('::')).toBe('::');
    expect(normaliseIp('2001:db8:0:0:0:0:0:1')).toBe('2001:db8:0:0:0:0:0:1');
    expect(normaliseIp('1:2:3:4:5:6:7::')).toBe('1:2:3:4:5:6:7::');
    expect(normaliseIp('64:ff9b::192.0.2.33')).toBe('64:ff9b::192.0.2.33');
    expect(normaliseIp('fe80::1%eth0')).toBe('fe80::1');
    expect(normaliseIp('::FFFF:c633:6401')).toBe('198.51.100.1');
  });

  it('refuses what is not an address', () => {
    for (const bad of [
      null, '', '   ', 'unknown', '_hidden', '1.2.3', '1.2.3.4.5', '256.1.1.1', '01.2.3.4', '1.2.3.4:',
      '1::2::3', '1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7:8::', '12345::1', 'g::1', '::ffff:999.1.1.1',
      '[1.2.3.4', 'example.com',
    ]) {
      expect(normaliseIp(bad), String(bad)).toBeNull();
    }
  });
});
