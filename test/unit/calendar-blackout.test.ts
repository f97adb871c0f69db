import { describe, expect, it } from '@jest/globals';
import {
  blackoutRange,
  blackoutsAt,
  blackoutsOverlapping,
  isBlackedOut,
  parseBlackoutInput,
} from '../../src/calendar/blackout';
import { parseIsoWeek } from '../../src/calendar/iso-week';
import { orThrow } from '../../src/calendar/result';

const christmas = {
  id: 'natal',
  startDate: '2026-12-25',
  endDate: '2026-12-25',
  level: 'national' as const,
};

describe('isBlackedOut', () => {
  it('starts a national holiday at local midnight in each zone', () => {
    // 25 December 00:00 WIT is still 24 December 22:00 in Jakarta.
    const witMidnight = new Date('2026-12-24T15:00:00Z');
    expect(isBlackedOut(witMidnight, 'Asia/Jayapura', [christmas])).toBe(true);
    expect(isBlackedOut(witMidnight, 'Asia/Jakarta', [christmas])).toBe(false);
    expect(isBlackedOut(new Date('2026-12-24T17:00:00Z'), 'Asia/Jakarta', [christmas])).toBe(true);
    expect(isBlackedOut(new Date('2026-12-24T16:59:59Z'), 'Asia/Jakarta', [christmas])).toBe(false);
  });

  it('covers every day of a range up to and including the last local date', () => {
    const mourning = { startDate: '2026-12-01', endDate: '2026-12-07' };
    expect(isBlackedOut(new Date('2026-12-07T16:59:00Z'), 'Asia/Jakarta', [mourning])).toBe(true);
    expect(isBlackedOut(new Date('2026-12-07T17:00:00Z'), 'Asia/Jakarta', [mourning])).toBe(false);
  });

  it('returns the matching records so the calendar can say why', () => {
    const other = { id: 'x', startDate: '2026-12-20', endDate: '2026-12-31', level: 'institution' };
    expect(
      blackoutsAt(new Date('2026-12-25T03:00:00Z'), 'Asia/Jakarta', [christmas, other]),
    ).toEqual([christmas, other]);
  });
});

describe('blackoutsOverlapping', () => {
  it('finds the blackouts touching ISO week 52 of 2026 in WIB, and no others', () => {
    const week = orThrow(parseIsoWeek('2026-W52', 'Asia/Jakarta'));
    const blackouts = [
      { id: 'sunday-before', startDate: '2026-12-20', endDate: '2026-12-20' },
      { id: 'spans-monday', startDate: '2026-12-18', endDate: '2026-12-21' },
      { id: 'cuti-bersama', startDate: '2026-12-24', endDate: '2026-12-24' },
      { id: 'natal', startDate: '2026-12-25', endDate: '2026-12-25' },
      { id: 'monday-after', startDate: '2026-12-28', endDate: '2026-12-28' },
    ];
    expect(blackoutsOverlapping(blackouts, week, 'Asia/Jakarta').map((b) => b.id)).toEqual([
      'spans-monday',
      'cuti-bersama',
      'natal',
    ]);
  });

  it('gives a blackout range from local midnight to the midnight after its last day', () => {
    expect(
      blackoutRange({ startDate: '2026-03-21', endDate: '2026-03-22' }, 'Asia/Makassar'),
    ).toEqual({
      start: new Date('2026-03-20T16:00:00Z'),
      end: new Date('2026-03-22T16:00:00Z'),
    });
  });
});

describe('parseBlackoutInput', () => {
  const base = {
    startDate: '2026-12-24',
    level: 'institution',
    kind: 'incident',
    label: 'Insiden',
  };

  it('makes a single day when there is no end date and trims the label', () => {
    expect(parseBlackoutInput({ ...base, label: '  Gangguan keamanan  ' })).toEqual({
      ok: true,
      value: {
        startDate: '2026-12-24',
        endDate: '2026-12-24',
        level: 'institution',
        kind: 'incident',
        label: 'Gangguan keamanan',
      },
    });
  });

  it.each([
    [{ endDate: '2026-12-23' }, 'endDate'],
    [{ endDate: '2028-01-01' }, 'endDate'],
    [{ startDate: '2026-02-30' }, 'startDate'],
    [{ kind: 'party' }, 'kind'],
    [{ level: 'regional' }, 'level'],
    [{ label: '   ' }, 'label'],
  ])('rejects %j naming %s', (change, field) => {
    expect(parseBlackoutInput({ ...base, ...change }, 'blackout.')).toMatchObject({
      ok: false,
      error: { field: `blackout.${field}` },
    });
  });
});
