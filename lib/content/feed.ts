// RSS 2.0 for a column's public items (issue 6 §2): what a feed reader or the county's website
// picks up. Pure: the route passes the entries and the site's address.

export type FeedChannel = { title: string; description: string; link: string; selfLink: string };
export type FeedItem = { title: string; link: string; guid: string; description: string; contentHtml: string; author: string; publishedAt: Date };

const escapeXml = (text: string): string =>
  // Characters XML 1.0 forbids are dropped; the five specials are escaped.
  text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '').replace(/[<>&'"]/g, (char) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[char]!);

/** CDATA cannot hold "]]>": split it across two sections. */
const cdata = (html: string): string => `<![CDATA[${html.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;

export function renderRss(channel: FeedChannel, items: readonly FeedItem[], now: Date = new Date()): string {
  const entries = items.map(
    (item) => `    <item>
      <title>${escapeXml(item.title)}</title>
      <link>${escapeXml(item.link)}</link>
      <guid isPermaLink="false">${escapeXml(item.guid)}</guid>
      <pubDate>${item.publishedAt.toUTCString()}</pubDate>
      <dc:creator>${escapeXml(item.author)}</dc:creator>
      <description>${escapeXml(item.description)}</description>
      <content:encoded>${cdata(item.contentHtml)}</content:encoded>
    </item>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>${escapeXml(channel.title)}</title>
    <link>${escapeXml(channel.link)}</link>
    <description>${escapeXml(channel.description)}</description>
    <language>zh-CN</language>
    <lastBuildDate>${(items[0]?.publishedAt ?? now).toUTCString()}</lastBuildDate>
    <atom:link href="${escapeXml(channel.selfLink)}" rel="self" type="application/rss+xml"/>
${entries.join('\n')}
  </channel>
</rss>
`;
}
