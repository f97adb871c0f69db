/**
 * Posting slots: each social account has weekly rules ("Monday 10:00", "Friday 19:00", local
 * time in the institution's zone). "Add to queue" takes the next free slot of the account; the
 * queue can be reordered or shuffled, which permutes posts over the slots they already hold.
 *
 * Everything here is pure. Two users queueing at the same moment can both compute the same
 * slot: the service must make the choice stick under a lock or a unique index on
 * (account, scheduled instant) and recompute on conflict.
 *
 *   parseSlotRules(input, field = 'slots'): Parsed<SlotRule[]>   sorted, duplicates and 24:00 rejected
 *   slotsBetween(rules, zone, range): Date[]                     every slot instant in [start, end)
 *   nextFreeSlots(query): NextSlotsResult                        skips the past, taken and blacked-out
 *   reorderQueue(queue, orderedPostIds, field?): Parsed<QueueAssignment[]>
 *   shuffleQueue(queue, random = Math.random): QueueAssignment[]
 *
 * "Taken" compares to the minute: a post at exactly 10:00 occupies the 10:00 slot; one at 10:05
 * does not (the conflict check warns about the short gap instead).
 */
import type { LocalizedText } from '../common/app-error';
import { blackoutsOnDate, type BlackoutDates } from './blackout';
import type { InstantRange } from './iso-week';
import {
  addDaysToDate,
  DAY_MS,
  instantOf,
  isoWeekdayOf,
  localDateOf,
  parseLocalTime,
  type CalendarZone,
  type IsoWeekday,
  type LocalTime,
} from './local-time';
import { fail, ok, type Parsed } from './result';

export interface SlotRule {
  weekday: IsoWeekday;
  time: LocalTime;
}

export const MAX_SLOT_RULES = 70;
export const DEFAULT_QUEUE_HORIZON_WEEKS = 26;

export function parseSlotRules(
  input: readonly { weekday: unknown; time: unknown }[],
  field = 'slots',
): Parsed<SlotRule[]> {
  if (input.length > MAX_SLOT_RULES) {
    return fail(field, {
      id: `Paling banyak ${MAX_SLOT_RULES} slot per akun`,
      en: `At most ${MAX_SLOT_RULES} slots per account`,
    });
  }
  const rules: SlotRule[] = [];
  const seen = new Set<string>();
  for (const [index, raw] of input.entries()) {
    const weekday = raw.weekday;
    if (typeof weekday !== 'number' || !Number.isInteger(weekday) || weekday < 1 || weekday > 7) {
      return fail(`${field}[${index}].weekday`, {
        id: 'Hari harus angka 1 (Senin) sampai 7 (Minggu)',
        en: 'Weekday must be a number from 1 (Monday) to 7 (Sunday)',
      });
    }
    const time = parseLocalTime(String(raw.time), `${field}[${index}].time`);
    if (!time.ok) return time;
    const key = `${weekday} ${time.value}`;
    if (seen.has(key)) {
      return fail(`${field}[${index}]`, {
        id: 'Slot ini tercantum dua kali',
        en: 'This slot is listed twice',
      });
    }
    seen.add(key);
    rules.push({ weekday: weekday as IsoWeekday, time: time.value });
  }
  return ok(rules.sort(compareRules));
}

export function slotsBetween(
  rules: readonly SlotRule[],
  zone: CalendarZone,
  range: InstantRange,
): Date[] {
  const slots: Date[] = [];
  for (const slot of walkSlots(rules, zone, range.start)) {
    if (slot >= range.end) break;
    if (slot >= range.start) slots.push(slot);
  }
  return slots;
}

export interface NextSlotsQuery {
  rules: readonly SlotRule[];
  zone: CalendarZone;
  /** Now (from the Clock), plus any lead time the service wants: slots at or before it are skipped. */
  from: Date;
  /** Instants already used by this account's scheduled posts. */
  taken: readonly Date[];
  blackouts: readonly BlackoutDates[];
  /** How many slots are wanted (default 1). */
  count?: number;
  /** How far ahead to look before declaring the queue full (default 26 weeks). */
  horizonWeeks?: number;
}

export type NextSlotsResult =
  | { ok: true; slots: Date[] }
  | {
      ok: false;
      reason: 'no_rules' | 'no_free_slot';
      /** The free slots that were found, fewer than asked for. */
      slots: Date[];
      horizonEnd: Date;
      message: LocalizedText;
    };

export function nextFreeSlots(query: NextSlotsQuery): NextSlotsResult {
  const count = query.count ?? 1;
  const horizonWeeks = query.horizonWeeks ?? DEFAULT_QUEUE_HORIZON_WEEKS;
  const horizonEnd = new Date(query.from.getTime() + horizonWeeks * 7 * DAY_MS);
  if (query.rules.length === 0) {
    return {
      ok: false,
      reason: 'no_rules',
      slots: [],
      horizonEnd,
      message: {
        id: 'Akun ini belum memiliki slot posting',
        en: 'This account has no posting slots',
      },
    };
  }
  const taken = new Set(query.taken.map(minuteKey));
  const slots: Date[] = [];
  for (const slot of walkSlots(query.rules, query.zone, query.from)) {
    if (slots.length >= count || slot >= horizonEnd) break;
    if (slot <= query.from || taken.has(minuteKey(slot))) continue;
    if (blackoutsOnDate(localDateOf(slot, query.zone), query.blackouts).length > 0) continue;
    slots.push(slot);
  }
  if (slots.length >= count) return { ok: true, slots };
  return {
    ok: false,
    reason: 'no_free_slot',
    slots,
    horizonEnd,
    message: {
      id: `Tidak ada slot kosong dalam ${horizonWeeks} minggu ke depan`,
      en: `No free slot in the next ${horizonWeeks} weeks`,
    },
  };
}

export interface QueueEntry {
  postId: string;
  slot: Date;
}

export interface QueueAssignment {
  postId: string;
  slot: Date;
  previous: Date;
  moved: boolean;
}

/**
 * Puts the queued posts in a new order over the same slots: the first id gets the earliest
 * slot. `orderedPostIds` must name every queued post exactly once.
 */
export function reorderQueue(
  queue: readonly QueueEntry[],
  orderedPostIds: readonly string[],
  field = 'postIds',
): Parsed<QueueAssignment[]> {
  const byPost = new Map(queue.map((entry) => [entry.postId, entry]));
  const unique = new Set(orderedPostIds);
  const samePosts =
    byPost.size === queue.length &&
    unique.size === orderedPostIds.length &&
    orderedPostIds.length === queue.length &&
    orderedPostIds.every((id) => byPost.has(id));
  if (!samePosts) {
    return fail(field, {
      id: 'Urutan baru harus memuat setiap posting dalam antrean tepat satu kali',
      en: 'The new order must name every queued post exactly once',
    });
  }
  const slots = queue.map((entry) => entry.slot).sort((a, b) => a.getTime() - b.getTime());
  return ok(
    orderedPostIds.map((postId, index) => {
      const previous = byPost.get(postId)!.slot;
      const slot = slots[index];
      return { postId, slot, previous, moved: slot.getTime() !== previous.getTime() };
    }),
  );
}

/** Fisher-Yates over the queue's posts; pass a seeded `random` for a repeatable order. */
export function shuffleQueue(
  queue: readonly QueueEntry[],
  random: () => number = Math.random,
): QueueAssignment[] {
  const ids = queue.map((entry) => entry.postId);
  for (let i = ids.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [ids[i], ids[j]] = [ids[j], ids[i]];
  }
  const result = reorderQueue(queue, ids);
  if (!result.ok) throw new Error('shuffleQueue: queue holds a post twice');
  return result.value;
}

/** Slot instants in order from the local date of `from`, without end. */
function* walkSlots(
  rules: readonly SlotRule[],
  zone: CalendarZone,
  from: Date,
): Generator<Date, void, undefined> {
  if (rules.length === 0) return;
  const sorted = [...rules].sort(compareRules);
  for (let date = localDateOf(from, zone); ; date = addDaysToDate(date, 1)) {
    const weekday = isoWeekdayOf(date);
    for (const rule of sorted) {
      if (rule.weekday === weekday) yield instantOf(date, rule.time, zone);
    }
  }
}

function compareRules(a: SlotRule, b: SlotRule): number {
  return a.weekday - b.weekday || a.time.localeCompare(b.time);
}

function minuteKey(instant: Date): number {
  return Math.floor(instant.getTime() / 60_000);
}
