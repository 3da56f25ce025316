/**
 * A seeded generator of realistic ticket logs: statuses with pending and on-hold periods,
 * customer and agent messages (some internal notes, some system updates), priority changes,
 * solves and reopenings, several tiers and two regions. The same seed gives the same tickets,
 * byte for byte: benchmarks, the demo and tests share it.
 *
 * Usage as a script: `node --experimental-strip-types bench/generate.ts 1000 42 > tickets.ndjson`
 * is not needed; `npm run generate -- --count 1000 --seed 42` writes NDJSON to stdout.
 */
import type { Ticket, TicketEvent } from '../src/index.js';

export interface GenerateOptions {
  /** How many tickets. */
  readonly count: number;
  /** Seed of the pseudo-random sequence (any 32-bit integer). */
  readonly seed?: number;
  /** Events per ticket, `created` included: each ticket draws a count in this range. */
  readonly minEvents?: number;
  readonly maxEvents?: number;
  /** Tickets are created between these instants (epoch ms), mostly in business hours. */
  readonly fromMs?: number;
  readonly toMs?: number;
  /**
   * Agents act only in their region's staffed hours (Monday to Friday, 13:00-22:00Z for amer,
   * 07:00-16:00Z for emea; an action due outside waits for the next morning's queue), except on
   * enterprise tickets, which a 24/7 team answers about three times as fast. Customers and
   * automations still act at any hour. Off by default, so that a seed gives the same tickets as before the option existed;
   * the demo data (`examples/data/tickets.ndjson`) is generated with it.
   */
  readonly staffedHours?: boolean;
}

const minute = 60_000;
const hour = 60 * minute;

/** mulberry32: small, fast, good enough for test data; never used by the library. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, items: readonly T[], weights?: readonly number[]): T {
  if (weights === undefined) return items[Math.floor(random() * items.length)] as T;
  const total = weights.reduce((a, b) => a + b, 0);
  let roll = random() * total;
  for (let i = 0; i < items.length; i++) {
    roll -= weights[i] as number;
    if (roll < 0) return items[i] as T;
  }
  return items[items.length - 1] as T;
}

/** A wait of about `meanMs`, exponentially distributed, whole seconds, at least a minute. */
function wait(random: () => number, meanMs: number): number {
  return Math.max(minute, Math.round((-Math.log(1 - random()) * meanMs) / 1000) * 1000);
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The first instant at or after `ms` in the region's staffed hours (Monday to Friday, UTC
 * windows that follow New York's and Berlin's working days), plus a wait in the morning queue
 * when the action had to wait for the window to open.
 */
function staffedAt(ms: number, region: 'amer' | 'emea', random: () => number): number {
  const day = 24 * hour;
  const [openHour, closeHour] = region === 'amer' ? [13, 22] : [7, 16];
  let dayMs = Math.floor(ms / day) * day;
  for (;;) {
    const weekday = new Date(dayMs).getUTCDay(); // 0 = Sunday
    if (weekday !== 0 && weekday !== 6) {
      const openMs = dayMs + openHour * hour;
      if (ms < openMs) return openMs + Math.round((random() * 90 * minute) / 1000) * 1000;
      if (ms < dayMs + closeHour * hour) return ms;
    }
    dayMs += day;
  }
}

/**
 * Generates `count` tickets lazily.
 *
 * @example
 * const [first] = generateTickets({ count: 1, seed: 1 })
 * first.events[0].type //=> 'created'
 */
export function* generateTickets(options: GenerateOptions): Generator<Ticket> {
  const random = seededRandom(options.seed ?? 1);
  const minEvents = options.minEvents ?? 3;
  const maxEvents = options.maxEvents ?? 30;
  const fromMs = options.fromMs ?? Date.UTC(2026, 0, 5);
  const toMs = options.toMs ?? Date.UTC(2026, 2, 27);
  const width = String(options.count).length;
  for (let n = 1; n <= options.count; n++) {
    const region = pick(random, ['amer', 'emea'] as const, [3, 2]);
    const tier = pick(random, ['enterprise', 'business', 'standard'] as const, [1, 3, 6]);
    let priority = pick(random, ['urgent', 'high', 'normal', 'low'] as const, [1, 3, 10, 4]);
    // Mostly created in the region's working day: 13:00-22:00Z for amer, 07:00-16:00Z for emea.
    const day = Math.floor((fromMs + random() * (toMs - fromMs)) / (24 * hour)) * 24 * hour;
    const inHours = random() < 0.8;
    const startHour = region === 'amer' ? 13 : 7;
    let atMs = day + (inHours ? startHour * hour + random() * 9 * hour : random() * 24 * hour);
    atMs = Math.round(atMs / 1000) * 1000;
    const target = minEvents + Math.floor(random() * (maxEvents - minEvents + 1));
    const channel = pick(random, ['email', 'web', 'chat', 'phone'] as const, [5, 3, 2, 1]);
    const events: TicketEvent[] = [
      { type: 'created', at: iso(atMs), attributes: { status: 'new', priority, tier, region, channel } },
    ];
    let status = 'new';
    // Staffed hours: agents act when their region works, on the enterprise queue first.
    // Enterprise support is staffed around the clock, as its 24/7 goals assume.
    const staffed = options.staffedHours === true && tier !== 'enterprise';
    const agentAt = (ms: number): number => (staffed ? staffedAt(ms, region, random) : ms);
    const agentMeanMs = options.staffedHours === true && tier === 'enterprise' ? hour : 3 * hour;
    while (events.length < target) {
      const roll = random();
      if (status === 'solved' || status === 'closed') {
        if (roll < 0.5 || events.length + 2 > target) {
          atMs += wait(random, 20 * hour);
          events.push({ type: 'updated', at: iso(atMs), attributes: { status: 'closed' } });
          if (status === 'closed') break;
          status = 'closed';
        } else {
          // A reopen: the customer writes back.
          atMs += wait(random, 30 * hour);
          status = 'open';
          events.push({ type: 'message', at: iso(atMs), author: 'customer', attributes: { status } });
        }
        continue;
      }
      const replyMeanMs = roll < 0.35 ? agentMeanMs : 3 * hour;
      atMs += wait(random, status === 'pending' ? 14 * hour : status === 'on_hold' ? 24 * hour : replyMeanMs);
      // Agent replies, notes, holds and assignments wait for the agent's staffed hours.
      if (roll < 0.35 || (roll >= 0.6 && roll < 0.8) || roll >= 0.9) atMs = agentAt(atMs);
      if (roll < 0.35) {
        // An agent reply: asks for details (pending), answers (open) or solves.
        const next = pick(random, ['pending', 'open', 'solved'] as const, [4, 3, events.length > 4 ? 3 : 1]);
        status = next;
        events.push({ type: 'message', at: iso(atMs), author: 'agent', attributes: { status } });
      } else if (roll < 0.6) {
        status = status === 'new' ? 'new' : 'open';
        events.push({ type: 'message', at: iso(atMs), author: 'customer', attributes: { status } });
      } else if (roll < 0.7) {
        events.push({ type: 'message', at: iso(atMs), author: 'agent', public: false });
      } else if (roll < 0.8) {
        status = 'on_hold';
        events.push({ type: 'updated', at: iso(atMs), attributes: { status } });
      } else if (roll < 0.9) {
        priority = pick(random, ['urgent', 'high', 'normal', 'low'] as const);
        events.push({ type: 'message', at: iso(atMs), author: 'system', attributes: { priority } });
      } else {
        events.push({
          type: 'updated',
          at: iso(atMs),
          attributes: { assignee: `agent-${1 + Math.floor(random() * 40)}` },
        });
      }
    }
    // Most tickets get solved in the end; a quarter of those still open stay open (backlog).
    if (options.staffedHours === true && status !== 'solved' && status !== 'closed' && random() < 0.75) {
      atMs = agentAt(atMs + wait(random, agentMeanMs));
      events.push({ type: 'message', at: iso(atMs), author: 'agent', attributes: { status: 'solved' } });
    }
    yield { id: `T-${String(n).padStart(width, '0')}`, events };
  }
}
