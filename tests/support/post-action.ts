import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

// Posts a server action the way an attacker would: straight to the endpoint, with any cookie
// and any arguments, bypassing the form and every check the page might make.

const require = createRequire(import.meta.url);
// React's own reply encoder, as Next.js bundles it, so the body is exactly what a browser sends.
const { encodeReply } = require('next/dist/compiled/react-server-dom-webpack/client.node') as {
  encodeReply: (value: unknown) => Promise<string | FormData>;
};

type Manifest = { node: Record<string, { filename?: string; exportedName?: string; workers: Record<string, unknown> }> };

export function actionId(file: string, exportedName: string): string {
  const manifestFile = path.join(process.cwd(), '.next', 'server', 'server-reference-manifest.json');
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Manifest;
  const found = Object.entries(manifest.node).find(([, entry]) => entry.filename === file && entry.exportedName === exportedName);
  if (!found) throw new Error(`server action ${file}#${exportedName} is not in the build manifest`);
  return found[0];
}

/**
 * `result` is the action's return value; `rejected` is set when Next.js refused to run it;
 * `redirectTo` is where the action sent the browser (`redirect()`, a sign-in), if anywhere.
 */
export type PostActionResult<T> = { status: number; result: T | undefined; rejected: boolean; redirectTo: string | null; setCookie: string[] };

export async function postAction<T = unknown>(options: {
  baseURL: string;
  /** A page that uses the action (the path it is posted to). */
  pagePath: string;
  file: string;
  exportedName: string;
  args: unknown[];
  cookie?: string;
  origin?: string;
}): Promise<PostActionResult<T>> {
  const body = await encodeReply(options.args);
  const response = await fetch(new URL(options.pagePath, options.baseURL), {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'Next-Action': actionId(options.file, options.exportedName),
      Accept: 'text/x-component',
      Origin: options.origin ?? new URL(options.baseURL).origin,
      ...(options.cookie ? { Cookie: options.cookie } : {}),
      ...(typeof body === 'string' ? { 'Content-Type': 'text/plain;charset=UTF-8' } : {}),
    },
    body,
  });
  const text = await response.text();
  // The flight stream's row 1 holds the action's return value as JSON, or `E{…}` when it threw.
  const row = text.split('\n').find((line) => line.startsWith('1:'))?.slice(2);
  const rejected = response.status >= 400 || row === undefined || row.startsWith('E');
  return {
    status: response.status,
    result: row && !row.startsWith('E') ? (JSON.parse(row) as T) : undefined,
    rejected,
    // Next.js answers a redirecting action with the new page's payload and names it here.
    redirectTo: response.headers.get('x-action-redirect')?.split(';')[0] ?? null,
    setCookie: response.headers.getSetCookie(),
  };
}
