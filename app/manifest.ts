import type { MetadataRoute } from 'next';
import { messages } from '@/lib/i18n/messages';

// The member's installable app (DESIGN.md §1). The theme is the party red of app/globals.css;
// the icons are rasterised from app/icon.svg by scripts/generate-icons.sh.
export default function manifest(): MetadataRoute.Manifest {
  return {
    id: '/',
    name: messages.app.name,
    short_name: messages.app.name,
    description: messages.app.description,
    lang: 'zh-CN',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    orientation: 'portrait',
    background_color: '#fafaf9',
    theme_color: '#c8161d',
    icons: [
      { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: '/icons/icon-maskable-192.png', sizes: '192x192', type: 'image/png', purpose: 'maskable' },
      { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  };
}
