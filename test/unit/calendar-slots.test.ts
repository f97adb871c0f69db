import { describe, expect, it } from '@jest/globals';
import { parseIsoWeek } from '../../src/calendar/iso-week';
import { orThrow } from '../../src/calendar/result';
import {
  nextFreeSlots,
  parseSlotRules,
  reorderQueue,
  shuffleQueue,
  slotsBetween,
  type SlotRule,
} from '../../src/calendar/slots';

const at = (iso: string): Date => new Date(iso);
// Mon/Wed/Fri 10:00 and 19:00 WIB.
const RULES: SlotRule[] = [1, 3, 5].flatMap((weekday) => [
  { weekday: weekday as SlotRule['weekday'], time: '10:00' },
  { weekday: weekday as SlotRule['weekday'], time: '19:00' },
]);
// Monday 7 December 2026 09:00 WIB.
const MONDAY_MORNING = at('2026-12-07T02:00:00Z');

describe('nextFreeSlots', () => {
  it('takes the next slots in order from now', () => {
    const result = nextFreeSlots({
      rules: RULES,
      zone: 'Asia/Jakarta',
      from: MONDAY_MORNING,
      taken: [],
      blackouts: [],
      count: 3,
    });
    expect(result).toEqual({
      ok: true,
      slots: [at('2026-12-07T03:00:00Z'), at('2026-12-07T12:00:00Z'), at('2026-12-09T03:00:00Z')],
    });
  });

  it('skips a slot that is exactly now or already past', () => {
    const result = nextFreeSlots({
      rules: RULES,
      zone: 'Asia/Jakarta',
      from: at('2026-12-07T03:00:00Z'),
      taken: [],
      blackouts: [],
    });
    expect(result).toEqual({ ok: true, slots: [at('2026-12-07T12:00:00Z')] });
  });

  it('skips slots taken by the account, to the minute', () => {
    const result = nextFreeSlots({
      rules: RULES,
      zone: 'Asia/Jakarta',
      from: MONDAY_MORNING,
      taken: [at('2026-12-07T03:00:00Z'), at('2026-12-07T12:05:00Z')],
      blackouts: [],
      count: 2,
    });
    // 19:05 does not occupy the 19:00 slot.
    expect(result).toEqual({
      ok: true,
      slots: [at('2026-12-07T12:00:00Z'), at('2026-12-09T03:00:00Z')],
    });
  });

  it('skips whole blacked-out days', () => {
    const result = nextFreeSlots({
      rules: RULES,
      zone: 'Asia/Jakarta',
      from: MONDAY_MORNING,
      taken: [],
      blackouts: [{ startDate: '2026-12-07', endDate: '2026-12-09' }],
    });
    expect(result).toEqual({ ok: true, slots: [at('2026-12-11T03:00:00Z')] });
  });

  it('skips cuti bersama on 24 and Christmas on 25 December to the Monday after', () => {
    const result = nextFreeSlots({
      rules: [
        { weekday: 4, time: '10:00' },
        { weekday: 5, time: '10:00' },
        { weekday: 1, time: '10:00' },
      ],
      zone: 'Asia/Makassar',
      from: at('2026-12-23T12:00:00Z'),
      taken: [],
      blackouts: [
        { startDate: '2026-12-24', endDate: '2026-12-24' },
        { startDate: '2026-12-25', endDate: '2026-12-25' },
      ],
    });
    // Monday 28 December 10:00 WITA.
    expect(result).toEqual({ ok: true, slots: [at('2026-12-28T02:00:00Z')] });
  });

  it('says "no free slot" when every slot in the 26-week horizon is taken', () => {
    const mondays = Array.from(
      { length: 27 },
      (_, i) => new Date(at('2026-12-07T03:00:00Z').getTime() + i * 7 * 86_400_000),
    );
    const result = nextFreeSlots({
      rules: [{ weekday: 1, time: '10:00' }],
      zone: 'Asia/Jakarta',
      from: MONDAY_MORNING,
      taken: mondays,
      blackouts: [],
    });
    expect(result).toMatchObject({
      ok: false,
      reason: 'no_free_slot',
      slots: [],
      horizonEnd: at('2027-06-07T02:00:00Z'),
    });
    if (!result.ok) expect(result.message.id).toContain('26 minggu');
  });

  it('returns the slots it found when fewer than asked are free', () => {
    const result = nextFreeSlots({
      rules: [{ weekday: 1, time: '10:00' }],
      zone: 'Asia/Jakarta',
      from: MONDAY_MORNING,
      taken: [],
      blackouts: [],
      count: 3,
      horizonWeeks: 2,
    });
    expect(result).toMatchObject({
      ok: false,
      reason: 'no_free_slot',
      slots: [at('2026-12-07T03:00:00Z'), at('2026-12-14T03:00:00Z')],
    });
  });

  it('says so when the account has no slots at all', () => {
    const result = nextFreeSlots({
      rules: [],
      zone: 'Asia/Jakarta',
      from: MONDAY_MORNING,
      taken: [],
      blackouts: [],
    });
    expect(result).toMatchObject({ ok: false, reason: 'no_rules', slots: [] });
  });
});

describe('slotsBetween', () => {
  it('lists the six slots of week 50 in WITA', () => {
    const week = orThrow(parseIsoWeek('2026-W50', 'Asia/Makassar'));
    const slots = slotsBetween(RULES, 'Asia/Makassar', week);
    expect(slots.map((s) => s.toISOString())).toEqual([
      '2026-12-07T02:00:00.000Z',
      '2026-12-07T11:00:00.000Z',
      '2026-12-09T02:00:00.000Z',
      '2026-12-09T11:00:00.000Z',
      '2026-12-11T02:00:00.000Z',
      '2026-12-11T11:00:00.000Z',
    ]);
  });
});

describe('parseSlotRules', () => {
  it('sorts rules by weekday and time', () => {
    expect(
      parseSlotRules([
        { weekday: 5, time: '19:00' },
        { weekday: 1, time: '19:00' },
        { weekday: 1, time: '10:00' },
      ]),
    ).toEqual({
      ok: true,
      value: [
        { weekday: 1, time: '10:00' },
        { weekday: 1, time: '19:00' },
        { weekday: 5, time: '19:00' },
      ],
    });
  });

  it.each([
    [[{ weekday: 1, time: '24:00' }], 'slots[0].time'],
    [
      [
        { weekday: 1, time: '10:00' },
        { weekday: 0, time: '10:00' },
      ],
      'slots[1].weekday',
    ],
    [[{ weekday: 8, time: '10:00' }], 'slots[0].weekday'],
    [[{ weekday: '1', time: '10:00' }], 'slots[0].weekday'],
    [[{ weekday: 1, time: '10.00' }], 'slots[0].time'],
    [
      [
        { weekday: 2, time: '10:00' },
        { weekday: 2, time: '10:00' },
      ],
      'slots[1]',
    ],
  ])('rejects %j naming %s', (input, field) => {
    expect(parseSlotRules(input)).toMatchObject({ ok: false, error: { field } });
  });
});

describe('queue order', () => {
  const queue = [
    { postId: 'A', slot: at('2026-12-07T03:00:00Z') },
    { postId: 'B', slot: at('2026-12-07T12:00:00Z') },
    { postId: 'C', slot: at('2026-12-09T03:00:00Z') },
  ];

  it('reorders posts over the slots the queue already holds', () => {
    expect(orThrow(reorderQueue(queue, ['C', 'A', 'B']))).toEqual([
      { postId: 'C', slot: queue[0].slot, previous: queue[2].slot, moved: true },
      { postId: 'A', slot: queue[1].slot, previous: queue[0].slot, moved: true },
      { postId: 'B', slot: queue[2].slot, previous: queue[1].slot, moved: true },
    ]);
  });

  it('marks posts that keep their slot as not moved', () => {
    const result = orThrow(reorderQueue(queue, ['A', 'C', 'B']));
    expect(result.map((r) => [r.postId, r.moved])).toEqual([
      ['A', false],
      ['C', true],
      ['B', true],
    ]);
  });

  it.each([[['A', 'B']], [['A', 'B', 'B']], [['A', 'B', 'C', 'D']], [['A', 'B', 'X']]])(
    'rejects the order %j, which does not name every queued post once',
    (order) => {
      expect(reorderQueue(queue, order)).toMatchObject({ ok: false, error: { field: 'postIds' } });
    },
  );

  it('shuffles with the given random source and keeps the same slots', () => {
    const result = shuffleQueue(queue, () => 0);
    expect(result.map((r) => r.postId)).toEqual(['B', 'C', 'A']);
    expect(result.map((r) => r.slot)).toEqual(queue.map((q) => q.slot));
  });
});
