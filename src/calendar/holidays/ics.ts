/**
 * The component structure of an iCalendar text (RFC 5545 section 3.4, 3.6): one or more
 * `VCALENDAR` objects, with `BEGIN`/`END` pairs that nest properly, and the `VEVENT`s directly
 * inside them. Only a VEVENT's own properties are kept: those of its sub-components (a `VALARM`
 * has its own `DURATION`) and of `VTIMEZONE` (whose `RRULE`s describe daylight saving time, not
 * events) are checked for syntax and then left alone.
 */
import { fail } from '../../errors.js';
import { describeValue, icsLineProblem, icsProblems } from '../../messages.js';
import { forEachContentLine, type IcsContentLine } from './icsContentLines.js';

/** A VEVENT: the line of its `BEGIN:VEVENT` and its own properties, in order. */
export interface IcsEvent {
  readonly line: number;
  readonly properties: readonly IcsContentLine[];
}

interface OpenComponent {
  readonly name: string;
  readonly line: number;
  /** The properties being collected, for a VEVENT only. */
  readonly properties: IcsContentLine[] | undefined;
}

const componentName = /^[A-Za-z0-9-]+$/;

/**
 * The VEVENTs of an iCalendar text, in order. Throws `SlaValidationError` naming the line when
 * the text does not start with `BEGIN:VCALENDAR`, a content line is malformed, or components do
 * not nest (an `END` that closes nothing or the wrong thing, a `BEGIN` never closed).
 *
 * @example
 * readIcsEvents('BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20261225\nEND:VEVENT\nEND:VCALENDAR')[0].line //=> 2
 */
export function readIcsEvents(text: string): IcsEvent[] {
  const events: IcsEvent[] = [];
  const open: OpenComponent[] = [];
  let lastLine = 0;
  forEachContentLine(text, (content) => {
    lastLine = content.line;
    const top = open[open.length - 1];
    if (content.name === 'BEGIN') {
      const name = checkedComponentName('BEGIN', content);
      if (top === undefined && name !== 'VCALENDAR') expectCalendar(content);
      if (top !== undefined && name === 'VCALENDAR')
        fail('invalid_value', [], icsLineProblem(content.line, icsProblems.misplacedCalendar(top.name)));
      if (name === 'VEVENT' && top?.name !== 'VCALENDAR')
        fail('invalid_value', [], icsLineProblem(content.line, icsProblems.misplacedEvent(top?.name ?? '')));
      open.push({ name, line: content.line, properties: name === 'VEVENT' ? [] : undefined });
      return;
    }
    if (top === undefined) expectCalendar(content);
    if (content.name === 'END') {
      const name = checkedComponentName('END', content);
      if (name !== top.name) {
        const problem = open.some((component) => component.name === name)
          ? icsProblems.mismatchedEnd(name, top.name, top.line)
          : icsProblems.strayEnd(name);
        fail('invalid_value', [], icsLineProblem(content.line, problem));
      }
      open.pop();
      if (top.properties !== undefined) events.push({ line: top.line, properties: top.properties });
      return;
    }
    top.properties?.push(content);
  });
  const unclosed = open[open.length - 1];
  if (unclosed !== undefined)
    fail('invalid_value', [], icsLineProblem(unclosed.line, icsProblems.unclosed(unclosed.name)));
  if (lastLine === 0)
    fail('invalid_value', [], icsLineProblem(1, icsProblems.noCalendar('the end of the text')));
  return events;
}

function checkedComponentName(keyword: 'BEGIN' | 'END', content: IcsContentLine): string {
  const value = content.value.trim();
  if (!componentName.test(value))
    fail('invalid_value', [], icsLineProblem(content.line, icsProblems.badComponent(keyword, content.value)));
  return value.toUpperCase();
}

/** Outside every component only `BEGIN:VCALENDAR` may appear (a text may hold several calendars). */
function expectCalendar(content: IcsContentLine): never {
  const found = describeValue(`${content.name}:${content.value}`);
  return fail('invalid_value', [], icsLineProblem(content.line, icsProblems.noCalendar(found)));
}
