// The client address used as a throttling key and in the audit log. X-Forwarded-For is
// written left to right by every hop, and anything left of what our own proxies appended is
// whatever the client chose to send, so only the position our proxies wrote is believed.
// No node:net here so the module also runs where only web APIs exist.

const UNKNOWN = 'unknown';

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

function isIpv4(s: string): boolean {
  return IPV4.test(s);
}

function isIpv6(s: string): boolean {
  let rest = s;
  let groupsNeeded = 8;
  // An embedded IPv4 tail ("::ffff:1.2.3.4") stands for the last two groups.
  const lastColon = rest.lastIndexOf(':');
  if (rest.includes('.')) {
    if (!isIpv4(rest.slice(lastColon + 1))) return false;
    rest = rest.slice(0, lastColon + 1) + '0';
    groupsNeeded = 7;
  }
  const halves = rest.split('::');
  if (halves.length > 2) return false;
  const group = /^[0-9a-f]{1,4}$/;
  const parts = (half: string) => (half === '' ? [] : half.split(':'));
  const groups = halves.flatMap(parts);
  if (!groups.every((g) => group.test(g))) return false;
  return halves.length === 2 ? groups.length < groupsNeeded : groups.length === groupsNeeded;
}

function mappedIpv4(ipv6: string): string | null {
  const dotted = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(ipv6);
  if (dotted) return isIpv4(dotted[1]) ? dotted[1] : null;
  // Some stacks print the mapped address in hex groups (::ffff:102:304).
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(ipv6);
  if (!hex) return null;
  const high = parseInt(hex[1], 16);
  const low = parseInt(hex[2], 16);
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}

/** Returns a canonical address, or null for anything that is not one (garbage, "unknown", obfuscated ids). */
export function normaliseIp(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let s = raw.trim().toLowerCase();

  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(s);
  if (bracketed) s = bracketed[1];
  else {
    const ipv4WithPort = /^([\d.]+):\d{1,5}$/.exec(s);
    if (ipv4WithPort) s = ipv4WithPort[1];
  }

  if (isIpv4(s)) return s;

  // A zone ("fe80::1%eth0") names an interface on the proxy, not part of the client's identity.
  const zone = s.indexOf('%');
  if (zone >= 0) s = s.slice(0, zone);
  if (!isIpv6(s)) return null;
  return mappedIpv4(s) ?? s;
}

/**
 * `trustedProxyHops` is the number of proxies of ours in front of the app, each of which appends
 * the address it received the request from. With 0 the header is ignored entirely.
 */
export function clientIp(forwardedFor: string | null, socketIp: string | null, trustedProxyHops: number): string {
  const fromSocket = normaliseIp(socketIp) ?? UNKNOWN;
  // A misconfigured hop count must fail towards the header nobody can forge, not towards trusting it.
  const hops = Number.isSafeInteger(trustedProxyHops) && trustedProxyHops > 0 ? trustedProxyHops : 0;
  if (hops === 0 || !forwardedFor) return fromSocket;

  const entries = forwardedFor.split(',').map((e) => e.trim()).filter((e) => e !== '');
  if (entries.length === 0) return fromSocket;
  // Shorter than expected means fewer of our proxies saw the request than configured (e.g. a
  // health check sent to an inner hop); the left-most entry is the best remaining guess.
  const chosen = entries.length >= hops ? entries[entries.length - hops] : entries[0];
  return normaliseIp(chosen) ?? fromSocket;
}
