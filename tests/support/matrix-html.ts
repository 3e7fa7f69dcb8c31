// Small readers for server-rendered HTML, so the access matrix can check pages over plain HTTP
// instead of rendering them in a browser. They read only markup our own components emit.

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'", nbsp: ' ' };

export function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39|#x27|nbsp);/g, (_, name: string) => ENTITIES[name]);
}

/** The visible text of an HTML fragment: tags and React's `<!-- -->` separators removed. */
export function textOf(html: string): string {
  return decodeEntities(html.replace(/<!--.*?-->/gs, '').replace(/<[^>]+>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
}

/** The body of the page's main element (not the navigation around it). */
export function mainOf(html: string): string {
  return /<main\b[^>]*>([\s\S]*)<\/main>/.exec(html)?.[1] ?? '';
}

/** Every `<tr>` of the page, as HTML. */
export function tableRows(html: string): string[] {
  return [...html.matchAll(/<tr\b[^>]*>([\s\S]*?)<\/tr>/g)].map((match) => match[1]);
}

/** The values of the hidden inputs named `name` in a fragment, in document order. */
export function hiddenValues(html: string, name: string): string[] {
  const values: string[] = [];
  for (const [input] of html.matchAll(/<input\b[^>]*>/g)) {
    if (!/type="hidden"/.test(input) || !input.includes(`name="${name}"`)) continue;
    const value = /value="([^"]*)"/.exec(input)?.[1];
    if (value !== undefined) values.push(decodeEntities(value));
  }
  return values;
}

export type HtmlOption = { value: string; label: string; depth: number };

/** The options of the `<select id=…>`: label without its indent, depth = indent width. */
export function selectOptions(html: string, selectId: string): HtmlOption[] {
  const select = new RegExp(`<select\\b[^>]*\\bid="${selectId}"[^>]*>([\\s\\S]*?)</select>`).exec(html)?.[1];
  if (select === undefined) return [];
  return [...select.matchAll(/<option\b[^>]*value="([^"]*)"[^>]*>([\s\S]*?)<\/option>/g)].map(([, value, inner]) => {
    const label = decodeEntities(inner.replace(/<!--.*?-->/gs, ''));
    const indent = /^　*/.exec(label)![0].length;
    return { value: decodeEntities(value), label: label.slice(indent).trim(), depth: indent };
  });
}

/** A form's current values as a browser would post them: text inputs, and checked boxes only. */
export function formInputs(html: string): Record<string, string[]> {
  const values: Record<string, string[]> = {};
  for (const [input] of html.matchAll(/<input\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(input)?.[1];
    if (!name) continue;
    const type = /\btype="([^"]*)"/.exec(input)?.[1] ?? 'text';
    if ((type === 'checkbox' || type === 'radio') && !/\bchecked(=|\s|>|\/)/.test(input)) continue;
    (values[decodeEntities(name)] ??= []).push(decodeEntities(/\bvalue="([^"]*)"/.exec(input)?.[1] ?? ''));
  }
  return values;
}
