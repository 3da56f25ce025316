/** Reads the summary table of an HTML report back into `SlaSummary` rows, from its data-value attributes. */
import { unescapeXml } from './xmlCheck.js';

export type Row = Record<string, unknown>;

/** The rows of `<table id="...">`, each `{ field: value }` with `elapsed.mean` etc. folded into `elapsed`. */
export function tableRows(html: string, id: string): Row[] {
  const table = new RegExp(`<table id="${id}">[\\s\\S]*?<tbody>([\\s\\S]*?)</tbody>`).exec(html);
  if (table === null) throw new Error(`no table #${id}`);
  return [...(table[1] as string).matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) => {
    const out: Row = {};
    const elapsed: Row = {};
    for (const cell of (row[1] as string).matchAll(/data-field="([^"]+)" data-value="([^"]*)"/g)) {
      const field = cell[1] as string;
      const value = JSON.parse(unescapeXml(cell[2] as string)) as unknown;
      if (field.startsWith('elapsed.')) elapsed[field.slice('elapsed.'.length)] = value;
      else out[field] = value;
    }
    if (Object.keys(elapsed).length > 0) out.elapsed = elapsed.mean === null ? null : elapsed;
    return out;
  });
}

/** A summary row as the table shows it: `key` only when grouped. */
export function asShown(group: Row, grouped: boolean): Row {
  const { key, ...rest } = group;
  return grouped ? { ...rest, key } : rest;
}
