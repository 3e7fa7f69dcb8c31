/**
 * The one Markdown renderer for published content (news, notices, 党内法规).
 *
 * Admins write the Markdown and every member reads it, so the output must never be able to run a
 * script, load a foreign resource or restyle the page. That is enforced in two independent layers:
 *
 * 1. markdown-it with raw HTML off (`<tag>` in the source is shown as text), followed by our own
 *    pass over the token stream. Links and images are checked against an allow-list *after*
 *    markdown-it has decoded entities and normalised the URL, so `&#106;avascript:` or
 *    `JaVaScRiPt:` are judged as what the browser would see. A refused link keeps its text, a
 *    refused image shows its alt text.
 * 2. sanitize-html over the rendered HTML with an allow-list of exactly the tags and attributes
 *    layer 1 can produce, its own scheme check, no `style`, no event handlers, no `data:`.
 *
 * Layer 2 exists because layer 1 is a parser plus our code: a markdown-it upgrade, a new rule or a
 * bug in the pass above could emit something unexpected, and the sanitiser would still strip it.
 * Neither layer assumes the other did its job.
 *
 * Plain module (no `server-only`): it does no I/O and vitest loads it directly.
 */
import MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

export type TocEntry = { id: string; level: 2 | 3; text: string };

export type RenderedMarkdown = {
  /** Sanitised HTML, safe to insert with dangerouslySetInnerHTML. */
  html: string;
  /** Every h2 and h3 in document order; `id` is the heading's `id` attribute. */
  toc: TocEntry[];
  /** Plain text (not HTML-escaped), whitespace collapsed — for search and summaries. */
  text: string;
  /** Distinct lowercase uuids referenced as `/files/<uuid>` by kept images and links. */
  fileIds: string[];
};

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
/** An image may only come from the authorised file route (the CSP allows images from the site only). */
const FILE_IMAGE_SRC = new RegExp(`^/files/(${UUID})$`);
/** A link to a file may carry a query or fragment (e.g. a download flag). */
const FILE_LINK_HREF = new RegExp(`^/files/(${UUID})(?:[?#]|$)`);

const EXTERNAL_REL = 'noopener noreferrer nofollow';
const HEADING_ID = /^section-[1-9][0-9]*$/;

type HrefKind = 'external' | 'internal';

/**
 * Classifies a link target, or returns null when it must not become a link. Allow-list only:
 * http(s) with a host, mailto:, tel:, a site-relative path (`/x`, never `//host` or `/\host`) and
 * a `#fragment`. Anything with whitespace, control characters or a backslash is refused outright;
 * markdown-it percent-encodes those in well-formed links, so seeing one raw means something odd.
 */
function classifyHref(href: string): HrefKind | null {
  if (href === '' || /[\u0000-\u0020\u007f-\u009f\\<>"'`]/.test(href)) return null;
  if (/^https?:\/\//i.test(href)) {
    try {
      const url = new URL(href);
      return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '' ? 'external' : null;
    } catch {
      return null;
    }
  }
  if (/^mailto:[^@]+@[^@]+$/i.test(href)) return 'internal';
  if (/^tel:\+?[0-9][0-9().-]*$/i.test(href)) return 'internal';
  if (/^\/(?![/\\])/.test(href)) return 'internal';
  if (href.startsWith('#')) return 'internal';
  return null;
}

const md = new MarkdownIt('default', { html: false, linkify: true, breaks: true, typographer: false });
// markdown-it's own check is a deny-list (javascript:, vbscript:, file:, most data:), and a refused
// destination is left as literal `[text](url)` source. Accept every destination at parse time so
// that the allow-list pass below decides, and a refused link can keep just its text.
md.validateLink = () => true;

/** Text a reader sees for a run of inline tokens (kept images contribute nothing). */
function inlineText(tokens: Token[] | null): string {
  let out = '';
  for (const token of tokens ?? []) {
    if (token.type === 'text' || token.type === 'code_inline') out += token.content;
    else if (token.type === 'softbreak' || token.type === 'hardbreak') out += ' ';
  }
  return out;
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Layer 1: rewrite the token stream in place and collect toc / fileIds. */
function processTokens(tokens: Token[]): { toc: TocEntry[]; fileIds: string[] } {
  const toc: TocEntry[] = [];
  const fileIds: string[] = [];
  const noteFile = (id: string) => {
    const lower = id.toLowerCase();
    if (!fileIds.includes(lower)) fileIds.push(lower);
  };
  let sectionCount = 0;

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    switch (token.type) {
      case 'heading_open': {
        let close: Token | undefined;
        for (let j = i + 1; j < tokens.length && !close; j++) if (tokens[j].type === 'heading_close') close = tokens[j];
        // The page title is the only h1.
        if (token.tag === 'h1') {
          token.tag = 'h2';
          if (close) close.tag = 'h2';
        }
        token.attrs = null;
        if (token.tag === 'h2' || token.tag === 'h3') {
          sectionCount += 1;
          const id = `section-${sectionCount}`;
          token.attrSet('id', id);
          const inline = tokens[i + 1]?.type === 'inline' ? tokens[i + 1] : null;
          toc.push({ id, level: token.tag === 'h2' ? 2 : 3, text: collapse(inlineText(inline?.children ?? null)) });
        }
        break;
      }
      case 'th_open':
      case 'td_open':
        // markdown-it puts column alignment in a style attribute; no style is allowed anywhere.
        token.attrs = null;
        break;
      case 'fence':
        // The info string would become class="language-…"; classes are not allowed.
        token.info = '';
        break;
      case 'inline':
        token.children = processInline(token.children ?? [], noteFile);
        break;
    }
  }
  return { toc, fileIds };
}

function processInline(children: Token[], noteFile: (id: string) => void): Token[] {
  const out: Token[] = [];
  // One entry per open link: whether it was kept. CommonMark links cannot nest, but be safe.
  const linkStack: boolean[] = [];
  for (const token of children) {
    if (token.type === 'link_open') {
      const href = String(token.attrGet('href') ?? '');
      const kind = classifyHref(href);
      linkStack.push(kind !== null);
      if (kind === null) continue;
      const title = token.attrGet('title');
      token.attrs = [['href', href]];
      if (title) token.attrSet('title', title);
      if (kind === 'external') {
        token.attrSet('target', '_blank');
        token.attrSet('rel', EXTERNAL_REL);
      }
      const file = FILE_LINK_HREF.exec(href);
      if (file) noteFile(file[1]);
      out.push(token);
    } else if (token.type === 'link_close') {
      if (linkStack.pop()) out.push(token);
    } else if (token.type === 'image') {
      const src = String(token.attrGet('src') ?? '');
      const file = FILE_IMAGE_SRC.exec(src);
      if (!file) {
        // Refused image: the reader gets its alt text instead.
        const alt = inlineText(token.children);
        token.type = 'text';
        token.tag = '';
        token.attrs = null;
        token.children = null;
        token.content = alt;
        out.push(token);
        continue;
      }
      const title = token.attrGet('title');
      // markdown-it's image rule fills alt from the children when rendering.
      token.attrs = [
        ['src', src],
        ['alt', ''],
      ];
      if (title) token.attrSet('title', title);
      token.attrSet('loading', 'lazy');
      token.attrSet('decoding', 'async');
      noteFile(file[1]);
      out.push(token);
    } else {
      out.push(token);
    }
  }
  return out;
}

function documentText(tokens: Token[]): string {
  const parts: string[] = [];
  for (const token of tokens) {
    if (token.type === 'inline') parts.push(inlineText(token.children));
    else if (token.type === 'fence' || token.type === 'code_block') parts.push(token.content);
    parts.push(' ');
  }
  return collapse(parts.join(''));
}

/** Drops a heading id that is not one we generate (guards against DOM clobbering by id). */
function keepSectionId(tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag {
  const { id, ...rest } = attribs;
  return { tagName, attribs: id !== undefined && HEADING_ID.test(id) ? { ...rest, id } : rest };
}

/** target only as _blank, rel only with its harmless tokens; a value outside those is dropped whole. */
function keepLinkAttributes(tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag {
  const { target, rel, ...rest } = attribs;
  const kept: sanitizeHtml.Attributes = { ...rest };
  if (target === '_blank') kept.target = '_blank';
  const relTokens = (rel ?? '').split(/\s+/).filter((t) => ['noopener', 'noreferrer', 'nofollow'].includes(t));
  if (relTokens.length > 0) kept.rel = relTokens.join(' ');
  return { tagName, attribs: kept };
}

/**
 * Runs after attribute filtering: a link whose href was removed or is not on the allow-list loses
 * its tag but keeps its text; an image not from /files/<uuid> is dropped. (Not done by renaming the
 * tag in transformTags: sanitize-html then mis-names the next closing tag at that depth,
 * apostrophecms/sanitize-html#398.)
 */
function refuseLinksAndImages(frame: sanitizeHtml.IFrame): boolean | 'excludeTag' {
  if (frame.tag === 'a') return classifyHref(frame.attribs.href ?? '') === null ? 'excludeTag' : false;
  if (frame.tag === 'img') return !FILE_IMAGE_SRC.test(frame.attribs.src ?? '');
  return false;
}

/** Layer 2 allow-list: exactly what layer 1 can emit, nothing more. */
const SANITISE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'p', 'br', 'h2', 'h3', 'h4', 'h5', 'h6', 'strong', 'em', 's', 'del', 'blockquote', 'ul', 'ol', 'li',
    'a', 'img', 'code', 'pre', 'hr', 'table', 'thead', 'tbody', 'tr', 'th', 'td',
  ],
  allowedAttributes: {
    h2: ['id'],
    h3: ['id'],
    h4: ['id'],
    h5: ['id'],
    h6: ['id'],
    ol: ['start'],
    a: ['href', 'title', 'target', 'rel'],
    img: ['src', 'alt', 'title', { name: 'loading', values: ['lazy'] }, { name: 'decoding', values: ['async'] }],
  },
  allowedClasses: {},
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  // Images: no scheme at all, i.e. site-relative only (the exclusiveFilter narrows it to /files/).
  allowedSchemesByTag: { img: [] },
  allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
  allowProtocolRelative: false,
  parseStyleAttributes: false,
  disallowedTagsMode: 'discard',
  enforceHtmlBoundary: false,
  transformTags: {
    h2: keepSectionId,
    h3: keepSectionId,
    h4: keepSectionId,
    h5: keepSectionId,
    h6: keepSectionId,
    a: keepLinkAttributes,
  },
  exclusiveFilter: refuseLinksAndImages,
};

export function renderMarkdown(source: string): RenderedMarkdown {
  const env = {};
  const tokens = md.parse(source, env);
  const { toc, fileIds } = processTokens(tokens);
  const rendered = md.renderer.render(tokens, md.options, env);
  return { html: sanitizeHtml(rendered, SANITISE_OPTIONS), toc, text: documentText(tokens), fileIds };
}

const WECHAT_STYLES: Record<string, string> = {
  p: 'margin:0 0 1em;line-height:1.75;',
  h2: 'margin:1.5em 0 0.75em;font-size:20px;font-weight:bold;line-height:1.4;',
  h3: 'margin:1.25em 0 0.5em;font-size:18px;font-weight:bold;line-height:1.4;',
  h4: 'margin:1em 0 0.5em;font-size:16px;font-weight:bold;line-height:1.5;',
  h5: 'margin:1em 0 0.5em;font-size:16px;font-weight:bold;line-height:1.5;',
  h6: 'margin:1em 0 0.5em;font-size:16px;font-weight:bold;line-height:1.5;',
  blockquote: 'margin:1em 0;padding:0.5em 1em;border-left:4px solid #c00;background:#f7f7f7;color:#555;',
  img: 'display:block;max-width:100%;height:auto;margin:1em auto;',
  ul: 'margin:0 0 1em;padding-left:2em;line-height:1.75;',
  ol: 'margin:0 0 1em;padding-left:2em;line-height:1.75;',
  pre: 'margin:0 0 1em;padding:0.75em;background:#f5f5f5;white-space:pre-wrap;word-break:break-all;',
  table: 'margin:0 0 1em;border-collapse:collapse;width:100%;',
  th: 'border:1px solid #ddd;padding:6px 8px;background:#f5f5f5;',
  td: 'border:1px solid #ddd;padding:6px 8px;',
};

function parseOrigin(origin: string): string {
  let url: URL | null = null;
  try {
    url = new URL(origin);
  } catch {
    url = null;
  }
  if (
    !url ||
    (url.protocol !== 'http:' && url.protocol !== 'https:') ||
    url.hostname === '' ||
    url.username !== '' ||
    url.password !== '' ||
    url.pathname !== '/' ||
    url.search !== '' ||
    url.hash !== ''
  ) {
    throw new Error(`renderWechatHtml: origin must be an http(s) origin such as https://ejia.example.cn, got ${JSON.stringify(origin)}`);
  }
  return url.origin;
}

/**
 * HTML to paste into the WeChat 公众号 editor: the sanitised rendering, without ids/classes, with
 * simple inline styles (the editor keeps inline style, nothing else) and absolute URLs.
 * In-page `#fragment` links lose their `<a>` (there are no ids to jump to); their text stays.
 */
export function renderWechatHtml(source: string, origin: string): string {
  const base = parseOrigin(origin);
  const absolute = (url: string) => (/^\/(?![/\\])/.test(url) ? base + url : url);
  const { html } = renderMarkdown(source);
  return sanitizeHtml(html, {
    allowedTags: SANITISE_OPTIONS.allowedTags,
    allowedAttributes: {
      ...Object.fromEntries(Object.keys(WECHAT_STYLES).map((tag) => [tag, ['style']])),
      ol: ['start', 'style'],
      a: ['href', 'title'],
      img: ['src', 'alt', 'title', 'style'],
    },
    allowedClasses: {},
    allowedSchemes: ['http', 'https', 'mailto', 'tel'],
    allowedSchemesByTag: { img: ['http', 'https'] },
    allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
    allowProtocolRelative: false,
    // The only styles are the constants above, set here; nothing from the input survives.
    parseStyleAttributes: false,
    disallowedTagsMode: 'discard',
    enforceHtmlBoundary: false,
    transformTags: {
      '*': (tagName, attribs) => {
        const next: sanitizeHtml.Attributes = {};
        if (tagName === 'a') {
          next.href = absolute(attribs.href ?? '');
          if (attribs.title) next.title = attribs.title;
        } else if (tagName === 'img') {
          next.src = absolute(attribs.src ?? '');
          next.alt = attribs.alt ?? '';
          if (attribs.title) next.title = attribs.title;
        } else if (tagName === 'ol' && attribs.start) {
          next.start = attribs.start;
        }
        const style = WECHAT_STYLES[tagName];
        if (style) next.style = style;
        return { tagName, attribs: next };
      },
    },
    // In-page links point at ids that are gone; they and anything odd keep their text only.
    exclusiveFilter: (frame) => {
      if (frame.tag !== 'a') return false;
      const href = frame.attribs.href ?? '';
      return href.startsWith('#') || classifyHref(href) === null ? 'excludeTag' : false;
    },
  });
}

const graphemes = new Intl.Segmenter('zh', { granularity: 'grapheme' });

/**
 * The first `max` characters (grapheme clusters, so an emoji or a combined character is never
 * split) of `text` with whitespace collapsed, followed by `…` when something was cut.
 */
export function summarise(text: string, max = 120): string {
  if (!Number.isInteger(max) || max < 1) throw new RangeError(`summarise: max must be a positive integer, got ${max}`);
  const plain = collapse(text);
  let kept = '';
  let count = 0;
  for (const { segment } of graphemes.segment(plain)) {
    if (count === max) return `${kept.trimEnd()}…`;
    kept += segment;
    count += 1;
  }
  return plain;
}
