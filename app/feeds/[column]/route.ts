import { renderRss } from '@/lib/content/feed';
import { contentPages } from '@/lib/content/queries';
import { siteOriginOf } from '@/lib/http/site-origin';
import { messages } from '@/lib/i18n/messages';

export const dynamic = 'force-dynamic';

// A column's RSS feed: public, so only what the whole county may read (lib/content/queries.ts
// listPublicFeed). Links lead to the reading page, which asks a reader to sign in.
export async function GET(request: Request, { params }: { params: Promise<{ column: string }> }) {
  const column = await contentPages.column((await params).column);
  if (!column) return new Response('Not found', { status: 404 });
  const origin = siteOriginOf(request.headers);
  const entries = await contentPages.feed(column.id);
  const xml = renderRss(
    {
      title: `${messages.app.name} · ${column.name}`,
      description: messages.content.reader.feedDescription(column.name),
      link: `${origin}/learn/${column.slug}`,
      selfLink: `${origin}/feeds/${column.slug}`,
    },
    entries.map((entry) => ({
      title: entry.title,
      link: `${origin}/read/${entry.id}`,
      guid: `ejia-content-${entry.id}`,
      description: entry.summary,
      // Images and files in a body are the app's own routes: absolute, so a reader can ask for them.
      contentHtml: entry.bodyHtml.replace(/(src|href)="\/(?!\/)/g, `$1="${origin}/`),
      author: entry.orgName,
      publishedAt: entry.publishAt,
    })),
  );
  return new Response(xml, { headers: { 'Content-Type': 'application/rss+xml; charset=utf-8', 'Cache-Control': 'public, max-age=300', 'X-Content-Type-Options': 'nosniff' } });
}
