/**
 * The shell of every HTML page the CLI writes: one self-contained file, its style inline, a
 * Content-Security-Policy that forbids every request (so even a mistake in a renderer cannot make
 * the page reach the network), readable at 1280 px and in print.
 */
import { colors } from './palette.js';
import { escapeXml } from './xml.js';

const style = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1240px; padding: 16px 20px 40px; color: ${colors.ink}; background: #fff;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
h1 { font-size: 1.5rem; margin: 0.2em 0 0.3em; }
h2 { font-size: 1.15rem; margin: 1.6em 0 0.5em; border-bottom: 1px solid ${colors.grid}; padding-bottom: 4px; }
h3 { font-size: 1rem; margin: 0.4em 0; }
p { margin: 0.4em 0; }
.meta, .note { color: ${colors.muted}; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; margin: 0.5em 0 1em; }
caption { text-align: left; font-weight: 600; padding: 0 0 6px; }
th, td { padding: 3px 8px; border-bottom: 1px solid ${colors.grid}; vertical-align: top; }
thead th { border-bottom: 2px solid ${colors.muted}; text-align: left; }
th[scope="row"] { text-align: left; font-weight: normal; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.charts { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 12px 24px; }
figure { margin: 0; break-inside: avoid; }
figcaption { font-weight: 600; margin: 0 0 4px; }
svg { max-width: 100%; height: auto; display: block; }
details { margin: 0.5em 0; }
summary { cursor: pointer; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 16px; list-style: none; padding: 0; margin: 4px 0; }
.swatch { display: inline-block; width: 14px; height: 10px; margin-right: 4px; vertical-align: baseline; }
@media (max-width: 900px) { .charts { grid-template-columns: 1fr; } }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  h2 { break-after: avoid; }
  table, figure, tr { break-inside: avoid; }
  /* The summary's 13 columns fit an A4 page's width: smaller type, tighter cells. */
  table { font-size: 7.5pt; }
  th, td { padding: 2px 3px; }
  .num { white-space: normal; }
  .scroll { overflow: visible; }
  summary { display: none; }
  a { color: inherit; text-decoration: none; }
}
`;

/**
 * A whole HTML document: `title` (text, escaped here) and `body` (markup, escaped by its builder).
 *
 * @example
 * renderPage('Report <1>', '<p>hi</p>').includes('<title>Report &lt;1&gt;</title>') //=> true
 */
export function renderPage(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="sla-clock">
<title>${escapeXml(title)}</title>
<style>${style}</style>
</head>
<body>
${body}
</body>
</html>
`;
}
