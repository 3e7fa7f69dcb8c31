import fs from 'node:fs';
import path from 'node:path';

// What the access matrix must cover: the server actions the production build exposes (each is a
// public POST endpoint) and the page routes under app/.

type Manifest = { node: Record<string, { filename?: string; exportedName?: string }> };

/** `file#exportedName` of every server action in the build's server-reference manifest. */
export function builtActions(root = process.cwd()): string[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, '.next', 'server', 'server-reference-manifest.json'), 'utf8')) as Manifest;
  return [...new Set(Object.values(manifest.node).map((entry) => `${entry.filename}#${entry.exportedName}`))].sort();
}

/**
 * Every page route under app/ as a URL pattern: route groups `(x)` and parallel-route slots
 * `@x` do not appear in the URL, private folders `_x` hold no routes.
 */
export function pageRoutes(appDir = path.join(process.cwd(), 'app')): string[] {
  const routes: string[] = [];
  const walk = (dir: string, segments: string[]) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (entry.name.startsWith('_')) continue;
        const inUrl = !/^\(.*\)$/.test(entry.name) && !entry.name.startsWith('@');
        walk(path.join(dir, entry.name), inUrl ? [...segments, entry.name] : segments);
      } else if (/^page\.(tsx|ts|jsx|js|mdx)$/.test(entry.name)) {
        routes.push(`/${segments.join('/')}`);
      }
    }
  };
  walk(appDir, []);
  return [...new Set(routes)].sort();
}
