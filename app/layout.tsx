import type { Metadata, Viewport } from 'next';
import { cookies } from 'next/headers';
import { messages } from '@/lib/i18n/messages';
import { readTextSize, TEXT_SIZE_COOKIE } from '@/lib/preferences/text-size';
import './globals.css';

// Every page is rendered per request: the CSP nonce (proxy.ts) must reach Next.js's inline
// scripts, and nearly every page depends on who is asking.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = {
  title: { default: messages.app.name, template: `%s · ${messages.app.name}` },
  description: messages.app.description,
  applicationName: messages.app.name,
};

export const viewport: Viewport = {
  themeColor: '#c8161d',
  width: 'device-width',
  initialScale: 1,
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const textSize = readTextSize((await cookies()).get(TEXT_SIZE_COOKIE)?.value);
  return (
    <html lang="zh-CN" data-text-size={textSize}>
      <body className="min-h-dvh">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:bg-white focus:p-2">
          {messages.nav.skipToContent}
        </a>
        {children}
      </body>
    </html>
  );
}
