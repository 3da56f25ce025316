import type { CalendarSpec, TicketEvent } from '../../src/index.js';

export const minute = 60_000;
export const hour = 3_600_000;

/** Epoch ms of an RFC 3339 string with an explicit offset. */
export function ms(text: string): number {
  if (!/(Z|[+-]\d\d:\d\d)$/.test(text)) throw new Error(`test instant without offset: ${text}`);
  return Date.parse(text);
}

const workday = [['09:00', '17:00']] as const;

/** Mon-Fri 09:00-17:00 in New York. */
export const newYorkHours: CalendarSpec = {
  timeZone: 'America/New_York',
  week: { mon: workday, tue: workday, wed: workday, thu: workday, fri: workday },
};

// Event builders: terse logs that read like the ticket's story.
export const created = (
  at: string,
  attributes: Record<string, string | number | boolean | null> = { status: 'new' },
): TicketEvent => ({
  type: 'created',
  at,
  attributes,
});
export const update = (
  at: string,
  attributes: Record<string, string | number | boolean | null>,
): TicketEvent => ({
  type: 'updated',
  at,
  attributes,
});
export const customer = (
  at: string,
  attributes?: Record<string, string | number | boolean | null>,
): TicketEvent => ({
  type: 'message',
  at,
  author: 'customer',
  ...(attributes ? { attributes } : {}),
});
export const agent = (
  at: string,
  attributes?: Record<string, string | number | boolean | null>,
): TicketEvent => ({
  type: 'message',
  at,
  author: 'agent',
  ...(attributes ? { attributes } : {}),
});
export const note = (at: string): TicketEvent => ({ type: 'message', at, author: 'agent', public: false });
export const system = (
  at: string,
  attributes?: Record<string, string | number | boolean | null>,
): TicketEvent => ({
  type: 'message',
  at,
  author: 'system',
  ...(attributes ? { attributes } : {}),
});
