import { describe, expect, it } from 'vitest';
import { renderMarkdown, renderWechatHtml, summarise } from './markdown';

const FILE_A = '3f2b8c1e-9d4a-4b6f-8e2a-1c5d7f9a0b3e';
const FILE_B = '0a1b2c3d-4e5f-4a6b-9c7d-8e9f0a1b2c3d';
const EXTERNAL = 'target="_blank" rel="noopener noreferrer nofollow"';

describe('renderMarkdown: raw HTML in the source', () => {
  it('shows a script tag as text and never emits one', () => {
    const { html, text } = renderMarkdown('<script>alert(1)</script>');
    expect(html).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n');
    expect(html).not.toContain('<script');
    expect(text).toBe('<script>alert(1)</script>');
  });

  it('shows an <img onerror> as text', () => {
    const { html } = renderMarkdown('<img src=x onerror=alert(1)>');
    expect(html).toBe('<p>&lt;img src=x onerror=alert(1)&gt;</p>\n');
    expect(html).not.toContain('<img');
  });
});

describe('renderMarkdown: links', () => {
  it.each([
    ['[点我](javascript:alert(1))', '<p>点我</p>\n'],
    ['[x](JaVaScRiPt:alert(1))', '<p>x</p>\n'],
    ['[x](&#106;avascript:alert(1))', '<p>x</p>\n'],
    ['[x](java&#x09;script:alert(1))', '<p>x</p>\n'],
    ['[x](<java\tscript:alert(1)>)', '<p>x</p>\n'],
    ['[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)', '<p>x</p>\n'],
    ['[x](vbscript:msgbox(1))', '<p>x</p>\n'],
    ['[x](file:///etc/passwd)', '<p>x</p>\n'],
    ['[x](//evil.example/)', '<p>x</p>\n'],
    ['[x](notices/1)', '<p>x</p>\n'],
    ['[x][1]\n\n[1]: javascript:alert(1)', '<p>x</p>\n'],
    ['<javascript:alert(1)>', '<p>javascript:alert(1)</p>\n'],
  ])('refuses %j and keeps only the link text', (source, expected) => {
    const { html } = renderMarkdown(source);
    expect(html).toBe(expected);
    expect(html).not.toContain('<a');
  });

  it('leaves `[x](java<TAB>script:…)` as literal text: a bare tab ends a link destination', () => {
    const { html } = renderMarkdown('[x](java\tscript:alert(1))');
    expect(html).toBe('<p>[x](java\tscript:alert(1))</p>\n');
    expect(html).not.toContain('<a');
  });

  it('opens external links in a new tab without opener, referrer or endorsement', () => {
    expect(renderMarkdown('[政策](https://www.12371.cn/x)').html).toBe(
      `<p><a href="https://www.12371.cn/x" ${EXTERNAL}>政策</a></p>\n`,
    );
  });

  it('keeps fragment, site-relative, file, mailto and tel links as plain links', () => {
    expect(renderMarkdown('[见第二条](#section-2)').html).toBe('<p><a href="#section-2">见第二条</a></p>\n');
    expect(renderMarkdown(`[下载](/files/${FILE_A})`).html).toBe(`<p><a href="/files/${FILE_A}">下载</a></p>\n`);
    expect(renderMarkdown('[通知](/notices/12 "第12号")').html).toBe('<p><a href="/notices/12" title="第12号">通知</a></p>\n');
    expect(renderMarkdown('[来信](mailto:dangban@example.cn) [电话](tel:+86-10-12345678)').html).toBe(
      '<p><a href="mailto:dangban@example.cn">来信</a> <a href="tel:+86-10-12345678">电话</a></p>\n',
    );
  });

  it('linkifies full URLs and e-mail addresses inside Chinese text', () => {
    expect(renderMarkdown('详见 https://www.12371.cn/x，联系 dangban@example.cn').html).toBe(
      `<p>详见 <a href="https://www.12371.cn/x" ${EXTERNAL}>https://www.12371.cn/x</a>，联系 <a href="mailto:dangban@example.cn">dangban@example.cn</a></p>\n`,
    );
  });

  it('percent-encodes what markdown-it normalises, so quotes cannot break out of href', () => {
    expect(renderMarkdown('[通知](/notices/通知)').html).toBe('<p><a href="/notices/%E9%80%9A%E7%9F%A5">通知</a></p>\n');
    expect(renderMarkdown('[x](https://a.example/"onmouseover="alert(1))').html).toBe(
      `<p><a href="https://a.example/%22onmouseover=%22alert(1)" ${EXTERNAL}>x</a></p>\n`,
    );
  });
});

describe('renderMarkdown: images', () => {
  it('keeps an image from /files/<uuid>, lazily loaded', () => {
    const { html, fileIds } = renderMarkdown(`![会议现场](/files/${FILE_A})`);
    expect(html).toBe(`<p><img src="/files/${FILE_A}" alt="会议现场" loading="lazy" decoding="async" /></p>\n`);
    expect(fileIds).toEqual([FILE_A]);
  });

  it.each([
    ['![图](https://evil.example/a.png)', '<p>图</p>\n'],
    ['![x](javascript:alert(1))', '<p>x</p>\n'],
    ['![x](data:image/png;base64,iVBORw0KGgo=)', '<p>x</p>\n'],
    ['![x](/uploads/a.png)', '<p>x</p>\n'],
    [`![x](/files/${FILE_A}/../../admin)`, '<p>x</p>\n'],
    ['![](https://evil.example/track.gif)', '<p></p>\n'],
  ])('shows only the alt text for %j', (source, expected) => {
    const { html, fileIds } = renderMarkdown(source);
    expect(html).toBe(expected);
    expect(html).not.toContain('<img');
    expect(fileIds).toEqual([]);
  });
});

describe('renderMarkdown: headings and table of contents', () => {
  it('demotes h1, numbers h2/h3 and lists them in the toc', () => {
    const { html, toc } = renderMarkdown(
      '# 学习贯彻\n\n## 第一章 总则\n\n第一条 正文。\n\n### 第二条 `适用范围`\n\n#### 备注\n\n## 第二章 *组织*',
    );
    expect(html).toBe(
      '<h2 id="section-1">学习贯彻</h2>\n' +
        '<h2 id="section-2">第一章 总则</h2>\n' +
        '<p>第一条 正文。</p>\n' +
        '<h3 id="section-3">第二条 <code>适用范围</code></h3>\n' +
        '<h4>备注</h4>\n' +
        '<h2 id="section-4">第二章 <em>组织</em></h2>\n',
    );
    expect(toc).toEqual([
      { id: 'section-1', level: 2, text: '学习贯彻' },
      { id: 'section-2', level: 2, text: '第一章 总则' },
      { id: 'section-3', level: 3, text: '第二条 适用范围' },
      { id: 'section-4', level: 2, text: '第二章 组织' },
    ]);
  });

  it('demotes a setext h1 too', () => {
    expect(renderMarkdown('总则\n===').html).toBe('<h2 id="section-1">总则</h2>\n');
  });
});

describe('renderMarkdown: block structure', () => {
  it('turns a single Enter into a line break', () => {
    expect(renderMarkdown('第一行\n第二行').html).toBe('<p>第一行<br />\n第二行</p>\n');
  });

  it('renders a table without alignment styles', () => {
    expect(renderMarkdown('| 姓名 | 党龄 |\n|:--|--:|\n| 张三 | 12 |').html).toBe(
      '<table>\n<thead>\n<tr>\n<th>姓名</th>\n<th>党龄</th>\n</tr>\n</thead>\n' +
        '<tbody>\n<tr>\n<td>张三</td>\n<td>12</td>\n</tr>\n</tbody>\n</table>\n',
    );
  });

  it('renders fenced code escaped and ignores a hostile info string', () => {
    expect(renderMarkdown('```js"><img src=x onerror=alert(1)>\nif (a < b) {}\n```').html).toBe(
      '<pre><code>if (a &lt; b) {}\n</code></pre>\n',
    );
  });

  it('renders blockquotes, numbered lists with a start, rules and emphasis', () => {
    expect(renderMarkdown('> 引用\n\n3. 甲\n4. 乙\n\n---\n\n~~旧~~ *新* **重点** `代码`').html).toBe(
      '<blockquote>\n<p>引用</p>\n</blockquote>\n' +
        '<ol start="3">\n<li>甲</li>\n<li>乙</li>\n</ol>\n' +
        '<hr />\n' +
        '<p><s>旧</s> <em>新</em> <strong>重点</strong> <code>代码</code></p>\n',
    );
  });
});

describe('renderMarkdown: text and fileIds', () => {
  it('gives the visible plain text with whitespace collapsed', () => {
    const { text } = renderMarkdown(
      `# 通知\n\n请  各支部\n及时[学习](/notices/1) &amp; 讨论。\n\n![现场](/files/${FILE_A}) ![外图](https://evil.example/a.png)\n\n| 项目 | 时间 |\n|--|--|\n| 学习 | 周三 |\n\n\`\`\`\n代码 块\n\`\`\``,
    );
    expect(text).toBe('通知 请 各支部 及时学习 & 讨论。 外图 项目 时间 学习 周三 代码 块');
  });

  it('lists distinct lowercase file ids from kept images and links, in order', () => {
    const { fileIds } = renderMarkdown(
      `[附件](/files/${FILE_B}?download=1)\n\n![图](/files/${FILE_A.toUpperCase()})\n\n![又一次](/files/${FILE_A})\n\n` +
        `![外链](https://evil.example/files/${FILE_A}) [下载](/files/${FILE_B})`,
    );
    expect(fileIds).toEqual([FILE_B, FILE_A]);
  });

  it('renders an empty document as nothing', () => {
    expect(renderMarkdown('')).toEqual({ html: '', toc: [], text: '', fileIds: [] });
  });
});

describe('renderMarkdown: hostile inputs', () => {
  const hostile = [
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '<a href="javascript:alert(1)" onclick="alert(1)">x</a>',
    '[x](javascript:alert(1))',
    '[x](JaVaScRiPt:alert(1) "t")',
    '[x](&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;:alert(1))',
    '![x](javascript:alert(1))',
    '![x" onerror="alert(1)](/files/3f2b8c1e-9d4a-4b6f-8e2a-1c5d7f9a0b3e)',
    '[x](https://a.example/" onmouseover="alert(1))',
    '<http://a.example" onmouseover="alert(1)>',
    '[x][r]\n\n[r]: javascript:alert(1) "t"',
    '```"><svg onload=alert(1)>\ncode\n```',
    '## <svg onload=alert(1)>\n\n| <b onclick=x> |\n|--|\n| javascript:alert(1) |',
  ];

  it.each(hostile)('%j has no event handler, javascript: or style inside any tag', (source) => {
    const { html } = renderMarkdown(source);
    const tags = html.match(/<[^>]*>/g) ?? [];
    for (const tag of tags) {
      // Attribute values are always double-quoted with `"` escaped, so blanking them leaves the names.
      expect(tag.replace(/"[^"]*"/g, '""')).not.toMatch(/\son[a-z]+=/i);
      expect(tag).not.toMatch(/javascript:/i);
      expect(tag).not.toMatch(/\sstyle=/i);
      expect(tag).not.toMatch(/data:/i);
    }
    expect(html).not.toMatch(/<(script|svg|iframe|b)[\s>]/i);
  });

  it('keeps an image whose alt text tries to close the attribute, escaped', () => {
    expect(renderMarkdown(`![x" onerror="alert(1)](/files/${FILE_A})`).html).toBe(
      `<p><img src="/files/${FILE_A}" alt="x&quot; onerror=&quot;alert(1)" loading="lazy" decoding="async" /></p>\n`,
    );
  });
});

describe('renderWechatHtml', () => {
  const origin = 'https://ejia.example.cn';

  it('inlines simple styles, drops ids and makes site URLs absolute', () => {
    const html = renderWechatHtml(`# 标题\n\n正文见[附件](/files/${FILE_A})。\n\n> 引用\n\n![图](/files/${FILE_A})`, origin);
    expect(html).toBe(
      '<h2 style="margin:1.5em 0 0.75em;font-size:20px;font-weight:bold;line-height:1.4;">标题</h2>\n' +
        `<p style="margin:0 0 1em;line-height:1.75;">正文见<a href="https://ejia.example.cn/files/${FILE_A}">附件</a>。</p>\n` +
        '<blockquote style="margin:1em 0;padding:0.5em 1em;border-left:4px solid #c00;background:#f7f7f7;color:#555;">\n' +
        '<p style="margin:0 0 1em;line-height:1.75;">引用</p>\n</blockquote>\n' +
        `<p style="margin:0 0 1em;line-height:1.75;"><img src="https://ejia.example.cn/files/${FILE_A}" alt="图" style="display:block;max-width:100%;height:auto;margin:1em auto;" /></p>\n`,
    );
    expect(html).not.toContain('id=');
    expect(html).not.toContain('class=');
  });

  it('unwraps in-page links, keeps external ones without target, accepts a trailing slash', () => {
    expect(renderWechatHtml('见[第二条](#section-2)和[原文](https://www.12371.cn/x)', 'https://ejia.example.cn/')).toBe(
      '<p style="margin:0 0 1em;line-height:1.75;">见第二条和<a href="https://www.12371.cn/x">原文</a></p>\n',
    );
  });

  it('still refuses hostile content', () => {
    expect(renderWechatHtml('[x](javascript:alert(1))<script>alert(1)</script>', origin)).toBe(
      '<p style="margin:0 0 1em;line-height:1.75;">x&lt;script&gt;alert(1)&lt;/script&gt;</p>\n',
    );
  });

  it.each(['javascript:alert(1)', 'ftp://ejia.example.cn', 'ejia.example.cn', 'https://ejia.example.cn/news', 'https://user:pw@ejia.example.cn', ''])(
    'rejects %j as origin',
    (bad) => {
      expect(() => renderWechatHtml('正文', bad)).toThrow(/origin/);
    },
  );
});

describe('summarise', () => {
  it('cuts long Chinese text at 120 characters with an ellipsis', () => {
    const sentence = '不忘初心，牢记使命。'; // 10 characters
    expect(summarise(sentence.repeat(13))).toBe(`${sentence.repeat(12)}…`);
    expect(summarise('中国共产党员要牢记初心使命', 5)).toBe('中国共产党…');
  });

  it('returns short text unchanged, with whitespace collapsed', () => {
    expect(summarise('  第一段\n\n第二段 ', 120)).toBe('第一段 第二段');
    expect(summarise('五个字正好', 5)).toBe('五个字正好');
  });

  it('never splits an emoji at the cut point', () => {
    expect(summarise('学习强国👍打卡', 5)).toBe('学习强国👍…');
    expect(summarise('学习强国👍打卡', 4)).toBe('学习强国…');
    expect(summarise('家👨‍👩‍👧庭', 2)).toBe('家👨‍👩‍👧…');
  });

  it('does not leave a space before the ellipsis', () => {
    expect(summarise('第一段 第二段', 4)).toBe('第一段…');
  });

  it('rejects a non-positive or fractional max', () => {
    expect(() => summarise('正文', 0)).toThrow(RangeError);
    expect(() => summarise('正文', 2.5)).toThrow(RangeError);
  });
});
