// Uploads are limited to 20 MiB (lib/storage/limits.ts); a server action body carries the file
// plus its form fields, so the action limit is slightly larger. A test keeps the two in step.
export const SERVER_ACTION_BODY_LIMIT = '21mb';

const allowedOrigins = (process.env.SERVER_ACTIONS_ALLOWED_ORIGINS ?? '')
  .split(',')
  .map((origin) => origin.trim())
  .filter(Boolean);

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // PGlite loads its WASM and data files from its own package folder at run time.
  serverExternalPackages: ['@electric-sql/pglite'],
  experimental: {
    // forbidden() renders app/forbidden.tsx with status 403.
    authInterrupts: true,
    // With a proxy.ts, Next buffers request bodies and cuts them at 10 MB by default, which would
    // truncate an upload below our own limit before the action sees it.
    proxyClientMaxBodySize: SERVER_ACTION_BODY_LIMIT,
    serverActions: {
      bodySizeLimit: SERVER_ACTION_BODY_LIMIT,
      // For deployments behind a reverse proxy whose public host differs from the app's.
      ...(allowedOrigins.length > 0 ? { allowedOrigins } : {}),
    },
  },
  async headers() {
    // The Content-Security-Policy carries a per-request nonce and is set in proxy.ts.
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
          { key: 'Permissions-Policy', value: 'camera=(self), microphone=(), geolocation=(), payment=()' },
          { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
        ],
      },
    ];
  },
};

export default nextConfig;
