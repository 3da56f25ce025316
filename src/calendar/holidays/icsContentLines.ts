/**
 * The lowest layer of iCalendar (RFC 5545 section 3.1): unfolding the text into content lines,
 * and splitting each into a name, parameters and a value. Nothing here knows what a property
 * means; `ics.ts` builds components from these lines.
 */
import { fail } from '../../errors.js';
import { icsLineProblem, icsProblems } from '../../messages.js';

/** One content line: its name and parameter names upper-cased, its value as written. */
export interface IcsContentLine {
  /** Upper-cased: `DTSTART`, `BEGIN`, `X-WR-CALNAME`. */
  readonly name: string;
  /** Parameter values by upper-cased parameter name, double quotes removed: `VALUE` → `['DATE']`. */
  readonly params: ReadonlyMap<string, readonly string[]>;
  /** Everything after the colon, unfolded, not unescaped. */
  readonly value: string;
  /** Line of the text (from 1) where the content line starts, before unfolding. */
  readonly line: number;
}

const noParams: ReadonlyMap<string, readonly string[]> = new Map();

/**
 * Calls `visit` with each content line of `text`, unfolded, in order.
 *
 * Lines end with CRLF, LF or a lone CR (files are often saved with LF; RFC 5545 says CRLF). A line
 * that starts with a space or a tab continues the previous one, that first character removed.
 * Empty lines are ignored, as ical.js does (RFC 5545 has none; some hand-written files do). A
 * leading byte-order mark is ignored.
 *
 * @example
 * const names: string[] = []
 * forEachContentLine('BEGIN:VCALENDAR\r\nSUMMARY:Christ\r\n mas\r\n', (l) => names.push(l.value))
 * names //=> ['VCALENDAR', 'Christmas']
 */
export function forEachContentLine(text: string, visit: (line: IcsContentLine) => void): void {
  const physical = text.split(/\r\n|\n|\r/);
  if (physical[0]?.charCodeAt(0) === 0xfeff) physical[0] = physical[0].slice(1);
  let pending: string[] = [];
  let pendingLine = 0;
  for (let i = 0; i < physical.length; i++) {
    const raw = physical[i] as string;
    const first = raw.charCodeAt(0);
    if (first === 32 || first === 9) {
      if (pending.length === 0) fail('invalid_value', [], icsLineProblem(i + 1, icsProblems.orphanFold));
      pending.push(raw.slice(1));
      continue;
    }
    if (pending.length > 0) visit(parseContentLine(pending.join(''), pendingLine));
    pending = raw === '' ? [] : [raw];
    pendingLine = i + 1;
  }
  if (pending.length > 0) visit(parseContentLine(pending.join(''), pendingLine));
}

/** A name or parameter-name character: letters, digits and "-" (RFC 5545 iana-token, x-name). */
function isNameChar(code: number): boolean {
  return (
    (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 45
  );
}

function nameEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length && isNameChar(text.charCodeAt(i))) i++;
  return i;
}

/**
 * Splits one unfolded content line: `name *(";" param) ":" value`, where a parameter is
 * `name "=" value *("," value)` and a parameter value may be double-quoted.
 *
 * @example
 * parseContentLine('DTSTART;VALUE=DATE:20261225', 4).params.get('VALUE') //=> ['DATE']
 */
export function parseContentLine(text: string, line: number): IcsContentLine {
  const end = nameEnd(text, 0);
  if (end === 0) fail('invalid_value', [], icsLineProblem(line, icsProblems.badName(text)));
  const name = text.slice(0, end).toUpperCase();
  let i = end;
  let params = noParams;
  while (text.charCodeAt(i) === 59 /* ; */) {
    const paramEnd = nameEnd(text, i + 1);
    if (paramEnd === i + 1 || text.charCodeAt(paramEnd) !== 61 /* = */)
      fail('invalid_value', [], icsLineProblem(line, icsProblems.badParameter(name)));
    const paramName = text.slice(i + 1, paramEnd).toUpperCase();
    const values: string[] = [];
    i = paramEnd;
    do {
      i++;
      if (text.charCodeAt(i) === 34 /* " */) {
        const close = text.indexOf('"', i + 1);
        if (close === -1) fail('invalid_value', [], icsLineProblem(line, icsProblems.badParameter(name)));
        values.push(text.slice(i + 1, close));
        i = close + 1;
      } else {
        const start = i;
        while (i < text.length && !isParamDelimiter(text.charCodeAt(i))) i++;
        values.push(text.slice(start, i));
      }
    } while (text.charCodeAt(i) === 44 /* , */);
    if (text.charCodeAt(i) === 34)
      fail('invalid_value', [], icsLineProblem(line, icsProblems.badParameter(name)));
    if (params === noParams) params = new Map();
    const known = (params as Map<string, string[]>).get(paramName);
    if (known === undefined) (params as Map<string, string[]>).set(paramName, values);
    else for (const value of values) known.push(value); // not push(...values): a huge list would overflow the stack
  }
  if (text.charCodeAt(i) !== 58 /* : */)
    fail('invalid_value', [], icsLineProblem(line, icsProblems.noColon(name)));
  return { name, params, value: text.slice(i + 1), line };
}

/** `,`, `;` and `:` end an unquoted parameter value; a double quote may only open a quoted one. */
function isParamDelimiter(code: number): boolean {
  return code === 44 || code === 59 || code === 58 || code === 34;
}
