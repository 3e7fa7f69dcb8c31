import { describe, expect, it } from 'vitest';
import { renderRss } from './feed';

const channel = { title: '流动e家 · 新闻动态', description: '清源县流动党员的新闻动态', link: 'https://ejia.example.cn/learn/news', selfLink: 'https://ejia.example.cn/feeds/news' };
const item = {
  title: '县委组织部走访慰问 <在外> 党员 & 家属',
  link: 'https://ejia.example.cn/read/1',
  guid: 'ejia-1',
  description: '摘要 "引号"',
  contentHtml: '<p>正文 ]]> 之后</p>',
  author: '中共清源县委',
  publishedAt: new Date('2026-11-30T02:00:00Z'),
};

describe('renderRss: a column as a feed reader receives it', () => {
  it('escapes titles and summaries, so markup in a title never becomes markup in the feed', () => {
    const xml = renderRss(channel, [item]);
    expect(xml).toContain('<title>县委组织部走访慰问 &lt;在外&gt; 党员 &amp; 家属</title>');
    expect(xml).toContain('<description>摘要 &quot;引号&quot;</description>');
  });

  it('keeps the body readable as HTML even when it contains the CDATA terminator', () => {
    const xml = renderRss(channel, [item]);
    expect(xml).toContain('<content:encoded><![CDATA[<p>正文 ]]]]><![CDATA[> 之后</p>]]></content:encoded>');
  });

  it('dates items in RFC 822 form and the channel by its newest item', () => {
    const older = { ...item, guid: 'ejia-0', publishedAt: new Date('2026-11-01T00:00:00Z') };
    const xml = renderRss(channel, [item, older]);
    expect(xml).toContain('<pubDate>Mon, 30 Nov 2026 02:00:00 GMT</pubDate>');
    expect(xml).toContain('<lastBuildDate>Mon, 30 Nov 2026 02:00:00 GMT</lastBuildDate>');
    expect(xml.indexOf('ejia-1')).toBeLessThan(xml.indexOf('ejia-0'));
  });

  it('drops control characters XML does not allow, and names its own address', () => {
    const xml = renderRss(channel, [{ ...item, title: '通知\u0007公告' }]);
    expect(xml).toContain('<title>通知公告</title>');
    expect(xml).toContain('<atom:link href="https://ejia.example.cn/feeds/news" rel="self" type="application/rss+xml"/>');
  });

  it('is a valid empty channel when a column has nothing public', () => {
    const xml = renderRss(channel, [], new Date('2026-12-01T00:00:00Z'));
    expect(xml).not.toContain('<item>');
    expect(xml).toContain('<lastBuildDate>Tue, 01 Dec 2026 00:00:00 GMT</lastBuildDate>');
  });
});
