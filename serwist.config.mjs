// @ts-check
// Serwist's configurator mode (DESIGN.md §8, §10): `next build` stays on Turbopack and
// `serwist build` bundles app/sw.ts into public/sw.js afterwards (npm run build does both).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { serwist } from '@serwist/next/config';

// The offline page is rendered per request (the CSP nonce), so it is not prerendered and is
// precached by URL; the build id changes with every release, so a new worker fetches it again.
const revision = fs.existsSync('.next/BUILD_ID') ? fs.readFileSync('.next/BUILD_ID', 'utf8').trim() : createHash('sha256').update(String(Date.now())).digest('hex');

export default serwist({
  swSrc: 'app/sw.ts',
  swDest: 'public/sw.js',
  // Only the icons and the offline page are precached. Next.js's chunks (the whole admin console
  // among them) are cached as a member's pages use them, not downloaded at install over a
  // metered connection; lib/pwa/offline-policy.ts says why regulations are saved on demand.
  globPatterns: ['public/icons/*.png'],
  additionalPrecacheEntries: [{ url: '/~offline', revision }],
  precachePrerendered: false,
});
