// The benches' HTTP side: a tiny closed-loop load generator (C concurrent clients, N requests in
// all, bounded in count and time, against this machine's loopback only), starting the built app
// with `next start`, and signing a member in over HTTP as a browser without JavaScript does.
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';

export type LatencySummary = { requests: number; errors: number; rps: number; p50: number; p95: number; p99: number; min: number; max: number };
/** Also when the first chunk arrived: a streamed page sends its shell before its slow parts. */
export type LoadSummary = LatencySummary & { firstByteP50: number; firstByteP95: number };

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const round = (value: number) => Math.round(value * 100) / 100;

export function summarise(latencies: number[], errors: number, seconds: number): LatencySummary {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    rps: Math.round(latencies.length / seconds),
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    min: round(sorted[0]),
    max: round(sorted[sorted.length - 1]),
  };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

function assertLoopback(target: URL): void {
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(target.hostname)) throw new Error('load tests only target loopback');
}

/** One GET, the body discarded; `firstByte` and `ms` are milliseconds from the request's start. */
export function timedGet(url: string | URL, { cookie }: { cookie?: string } = {}): Promise<{ status: number; firstByte: number; ms: number }> {
  const target = new URL(url);
  assertLoopback(target);
  return new Promise((resolve, reject) => {
    const start = performance.now();
    let firstByte = 0;
    const request = http.get(target, { agent, headers: cookie ? { Cookie: cookie } : {} }, (response) => {
      response.once('data', () => (firstByte = performance.now() - start));
      response.resume();
      response.on('end', () => resolve({ status: response.statusCode ?? 0, firstByte, ms: performance.now() - start }));
    });
    request.on('error', reject);
  });
}

/**
 * N GETs of one URL from C concurrent clients. Only a 2xx counts as served: a redirect (to the
 * login, say) is an error, so a lost session cannot pass for a fast page.
 */
export async function load(url: string, { requests, concurrency, maxSeconds = 60, cookie }: { requests: number; concurrency: number; maxSeconds?: number; cookie?: string }): Promise<LoadSummary> {
  const latencies: number[] = [];
  const firstBytes: number[] = [];
  let errors = 0;
  let issued = 0;
  const started = performance.now();
  const deadline = started + maxSeconds * 1000;
  const client = async () => {
    while (issued < requests && performance.now() < deadline) {
      issued++;
      try {
        const { status, firstByte, ms } = await timedGet(url, { cookie });
        if (status >= 200 && status < 300) {
          latencies.push(ms);
          firstBytes.push(firstByte);
        } else errors++;
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, client));
  firstBytes.sort((a, b) => a - b);
  return { ...summarise(latencies, errors, (performance.now() - started) / 1000), firstByteP50: round(percentile(firstBytes, 50)), firstByteP95: round(percentile(firstBytes, 95)) };
}

/**
 * Starts the built app (`npm run build` first) and resolves once /healthz answers, with the time
 * that took. Rejects at once if the server exits (a refused start: wrong keys, bad environment)
 * rather than waiting out the timeout.
 */
export async function startServer({ port, env, timeoutSeconds = 120 }: { port: number; env: NodeJS.ProcessEnv; timeoutSeconds?: number }): Promise<{ server: ChildProcess; readyMs: number }> {
  const t0 = performance.now();
  const server = spawn(process.execPath, [path.join(process.cwd(), 'node_modules/next/dist/bin/next'), 'start', '-p', String(port)], { cwd: process.cwd(), env, stdio: 'ignore' });
  let exited: number | null | undefined;
  server.once('exit', (code) => (exited = code));
  for (let i = 0; i < timeoutSeconds * 10; i++) {
    if (exited !== undefined) throw new Error(`the server exited (code ${exited}) before it became healthy`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return { server, readyMs: performance.now() - t0 };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  server.kill();
  throw new Error(`the server did not become healthy in ${timeoutSeconds} s`);
}

/** Stops a server and waits until it is gone, so its port and (PGlite) database are free again. */
export async function stopServer(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const gone = new Promise((resolve) => server.once('exit', resolve));
  server.kill();
  await gone;
}

const decodeAttribute = (value: string) =>
  value.replace(/&(quot|amp|lt|gt|#x27|#39);/g, (_, entity: string) => ({ quot: '"', amp: '&', lt: '<', gt: '>', '#x27': "'", '#39': "'" })[entity] ?? '');

/**
 * Signs a member in over HTTP the way a browser without JavaScript does: GET /login, then POST the
 * form with the hidden fields React rendered for its server action (action id, bound state) plus
 * phone or ID number and password. The real login path runs (throttles, argon2id, session row,
 * audit); the answer is a 303 with the session cookie, which is returned as a Cookie header value.
 */
export async function loginMemberOverHttp(base: string, identifier: string, password: string): Promise<string> {
  assertLoopback(new URL(base));
  const page = await (await fetch(`${base}/login`)).text();
  const form = /<form[^>]*>([\s\S]*?)<\/form>/.exec(page)?.[1];
  if (!form) throw new Error('no form on /login');
  const body = new FormData();
  for (const [, name, value] of form.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?\/?>/g)) body.append(decodeAttribute(name), decodeAttribute(value ?? ''));
  if (![...body.keys()].some((name) => name.startsWith('$ACTION_'))) throw new Error('the /login form carries no server action fields');
  body.append('identifier', identifier);
  body.append('password', password);
  // Next.js refuses a server action whose Origin is not the host it was sent to.
  const response = await fetch(`${base}/login`, { method: 'POST', body, headers: { Origin: base }, redirect: 'manual' });
  const cookies = response.headers.getSetCookie().map((header) => header.split(';')[0]);
  const session = cookies.find((cookie) => /^(__Secure-)?authjs\.session-token=/.test(cookie));
  if (response.status !== 303 || !session) throw new Error(`member login failed: ${response.status}, cookies ${cookies.map((cookie) => cookie.split('=')[0]).join(', ') || 'none'}`);
  return session;
}
