/**
 * The small vocabulary every picture is written with: text escaped for XML and HTML alike, and
 * coordinates written short. Charts are strings built by hand (docs/reports.md, "Why hand-written
 * SVG"), so every piece of text that comes from data goes through `escapeXml` exactly once.
 */

const replacements: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

// Characters XML 1.0 forbids anywhere, even escaped: C0 controls but tab, newline and carriage
// return, lone surrogates, U+FFFE and U+FFFF. An attribute value from a ticket may hold any of them.
const forbidden =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching these control characters is the point.
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Text safe inside an element or a quoted attribute of SVG or HTML: `& < > " '` escaped, and
 * characters XML cannot carry at all replaced by U+FFFD.
 *
 * @example
 * escapeXml('<script>"a" & \'b\'') //=> '&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;'
 */
export function escapeXml(text: string): string {
  return text.replace(forbidden, '\ufffd').replace(/[&<>"']/g, (char) => replacements[char] as string);
}

/**
 * A coordinate or length with at most two decimals and no trailing zeros: pictures stay small and
 * identical on every machine.
 *
 * @example
 * num(12.3456) //=> '12.35'
 */
export function num(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  // -0 would print as "0" anyway; Object.is keeps the output free of "-0".
  return String(Object.is(rounded, -0) ? 0 : rounded);
}

/** An attribute value: a string escaped, a number shortened by `num`. */
export type AttributeValue = string | number;

/**
 * Attributes as ` name="value"` pairs, in the order given; `undefined` and `null` values are left out.
 *
 * @example
 * attributes({ x: 1.006, 'data-kind': 'paused', title: undefined }) //=> ' x="1.01" data-kind="paused"'
 */
export function attributes(values: Readonly<Record<string, AttributeValue | null | undefined>>): string {
  let out = '';
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined || value === null) continue;
    out += ` ${name}="${typeof value === 'number' ? num(value) : escapeXml(value)}"`;
  }
  return out;
}

/**
 * An element with escaped attributes and `inner` markup (already escaped by its builder);
 * self-closing when `inner` is empty.
 *
 * @example
 * element('rect', { width: 3 }, '<title>a &amp; b</title>') //=> '<rect width="3"><title>a &amp; b</title></rect>'
 */
export function element(
  name: string,
  values: Readonly<Record<string, AttributeValue | null | undefined>>,
  inner = '',
): string {
  return inner === ''
    ? `<${name}${attributes(values)}/>`
    : `<${name}${attributes(values)}>${inner}</${name}>`;
}

/**
 * An HTML element: like `element`, but always closed with its end tag (`<td/>` is not an empty
 * cell in HTML, it opens one).
 *
 * @example
 * htmlElement('td', { 'data-value': 0 }, '') //=> '<td data-value="0"></td>'
 */
export function htmlElement(
  name: string,
  values: Readonly<Record<string, AttributeValue | null | undefined>>,
  inner: string,
): string {
  return `<${name}${attributes(values)}>${inner}</${name}>`;
}

/**
 * A `<title>` element: the tooltip and accessible name of the SVG element it is the first child of.
 *
 * @example
 * titleElement('5 > 4') //=> '<title>5 &gt; 4</title>'
 */
export const titleElement = (text: string): string => `<title>${escapeXml(text)}</title>`;
