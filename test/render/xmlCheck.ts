/**
 * A strict little XML well-formedness check for the pictures (no DOM in Node): matching tags, one
 * root, quoted attributes without duplicates, no raw `<` or stray `&` in text or values. Returns
 * the problem found, or null. Enough for markup we write ourselves; not a general XML parser.
 */
const entity = /^&(?:amp|lt|gt|quot|apos|#39|#\d+|#x[0-9a-fA-F]+);/;
const tag = /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[A-Za-z_:][\w:.-]*="[^"]*")*)\s*(\/?)>/y;
const attribute = /\s+([A-Za-z_:][\w:.-]*)="([^"]*)"/g;

function badAmpersand(text: string): boolean {
  for (let i = text.indexOf('&'); i >= 0; i = text.indexOf('&', i + 1)) {
    if (!entity.test(text.slice(i))) return true;
  }
  return false;
}

export function xmlProblem(markup: string): string | null {
  let text = markup.replace(/^<\?xml[^?]*\?>\s*/, '');
  if (text.startsWith('<!--')) return 'a comment before the root';
  text = text.trim();
  const stack: string[] = [];
  let roots = 0;
  let i = 0;
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    const chunk = text.slice(i, lt < 0 ? text.length : lt);
    if (chunk.includes('>')) return `a raw ">" in text near ${JSON.stringify(chunk.slice(0, 40))}`;
    if (badAmpersand(chunk)) return `a stray "&" in text near ${JSON.stringify(chunk.slice(0, 40))}`;
    if (stack.length === 0 && chunk.trim() !== '') return 'text outside the root';
    if (lt < 0) break;
    tag.lastIndex = lt;
    const m = tag.exec(text);
    if (m === null) return `a malformed tag at ${lt}: ${JSON.stringify(text.slice(lt, lt + 60))}`;
    const [whole, closing, name, attrs, selfClosing] = m as unknown as [
      string,
      string,
      string,
      string,
      string,
    ];
    if (closing === '/') {
      if (attrs !== '' || selfClosing === '/') return `a malformed end tag </${name}>`;
      const open = stack.pop();
      if (open !== name) return `</${name}> closes <${open ?? 'nothing'}>`;
    } else {
      if (stack.length === 0 && ++roots > 1) return 'more than one root element';
      const seen = new Set<string>();
      for (const [, key, value] of attrs.matchAll(attribute)) {
        if (seen.has(key as string)) return `attribute ${key} twice on <${name}>`;
        seen.add(key as string);
        if ((value as string).includes('<')) return `a raw "<" in ${key} of <${name}>`;
        if (badAmpersand(value as string)) return `a stray "&" in ${key} of <${name}>`;
      }
      if (selfClosing !== '/') stack.push(name);
    }
    i = lt + whole.length;
  }
  if (stack.length > 0) return `<${stack.join('>, <')}> never closed`;
  return roots === 1 ? null : 'no root element';
}

/** Every `<svg ...>...</svg>` of a page (SVG is never nested in what we write). */
export const svgsOf = (html: string): string[] => html.match(/<svg[\s\S]*?<\/svg>/g) ?? [];

/** How many times `needle` occurs in `text`. */
export const countOf = (text: string, needle: string): number => text.split(needle).length - 1;

/** The names of every attribute of every tag (values are quoted and hold no `"`: escaped text stays inside). */
export function attributeNames(markup: string): Set<string> {
  const names = new Set<string>();
  for (const tagMatch of markup.matchAll(
    /<[A-Za-z][\w:.-]*((?:\s+[A-Za-z_:][\w:.-]*(?:="[^"]*")?)*)\s*\/?>/g,
  ))
    for (const m of (tagMatch[1] as string).replace(/="[^"]*"/g, '').matchAll(/\s+([A-Za-z_:][\w:.-]*)/g))
      names.add((m[1] as string).toLowerCase());
  return names;
}

/** The inverse of `escapeXml` for the five entities it writes. */
export const unescapeXml = (text: string): string =>
  text.replace(
    /&(amp|lt|gt|quot|#39);/g,
    (_, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[name] as string,
  );
