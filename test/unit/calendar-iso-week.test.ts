import { describe, expect, it } from '@jest/globals';
import {
  isoWeekOf,
  isoWeeksInYear,
  isWithin,
  monthOf,
  parseIsoWeek,
  parseMonth,
  shiftWeek,
} from '../../src/calendar/iso-week';
import { orThrow } from '../../src/calendar/result';

describe('parseIsoWeek', () => {
  it('reads 2026-W49 in WIB as Monday 30 November to Monday 7 December, local midnight', () => {
    const week = orThrow(parseIsoWeek('2026-W49', 'Asia/Jakarta'));
    expect(week).toMatchObject({ label: '2026-W49', year: 2026, week: 49 });
    expect(week.days).toEqual([
      '2026-11-30',
      '2026-12-01',
      '2026-12-02',
      '2026-12-03',
      '2026-12-04',
      '2026-12-05',
      '2026-12-06',
    ]);
    expect(week.start.toISOString()).toBe('2026-11-29T17:00:00.000Z');
    expect(week.end.toISOString()).toBe('2026-12-06T17:00:00.000Z');
  });

  it('starts the same week earlier in UTC the further east the zone is', () => {
    expect(orThrow(parseIsoWeek('2026-W49', 'Asia/Makassar')).start.toISOString()).toBe(
      '2026-11-29T16:00:00.000Z',
    );
    expect(orThrow(parseIsoWeek('2026-W49', 'Asia/Jayapura')).start.toISOString()).toBe(
      '2026-11-29T15:00:00.000Z',
    );
  });

  it('accepts week 53 of 2026, which runs into January 2027', () => {
    const week = orThrow(parseIsoWeek('2026-W53', 'Asia/Jakarta'));
    expect(week.days[0]).toBe('2026-12-28');
    expect(week.days[6]).toBe('2027-01-03');
  });

  it('puts week 1 of 2026 in December 2025 (the week holding 4 January)', () => {
    expect(orThrow(parseIsoWeek('2026-W01', 'Asia/Jakarta')).days[0]).toBe('2025-12-29');
  });

  it.each([
    ['2026-W54', 'has 53 ISO weeks'],
    ['2027-W53', 'has 52 ISO weeks'],
    ['2026-W00', 'has 53 ISO weeks'],
    ['2026-49', 'YYYY-Www'],
    ['2026-W4', 'YYYY-Www'],
    ['W49-2026', 'YYYY-Www'],
  ])('rejects %s naming the field', (text, fragment) => {
    const result = parseIsoWeek(text, 'Asia/Jakarta', 'week');
    expect(result).toMatchObject({ ok: false, error: { field: 'week' } });
    if (!result.ok) expect(result.error.message.en).toContain(fragment);
  });

  it.each([
    [2015, 53],
    [2020, 53],
    [2024, 52],
    [2026, 53],
    [2027, 52],
    [2032, 53],
  ])('counts %i ISO weeks in %i', (year, weeks) => {
    expect(isoWeeksInYear(year)).toBe(weeks);
  });
});

describe('isoWeekOf', () => {
  it('gives the week of the local date, not of the UTC date', () => {
    // Sunday 6 December 2026 16:45 UTC: still Sunday in Jakarta, already Monday further east.
    const instant = new Date('2026-12-06T16:45:00Z');
    expect(isoWeekOf(instant, 'Asia/Jakarta').label).toBe('2026-W49');
    expect(isoWeekOf(instant, 'Asia/Makassar').label).toBe('2026-W50');
    expect(isoWeekOf(instant, 'Asia/Jayapura').label).toBe('2026-W50');
  });

  it('puts 1 January 2027 in week 53 of 2026', () => {
    expect(isoWeekOf(new Date('2027-01-01T03:00:00Z'), 'Asia/Jakarta').label).toBe('2026-W53');
  });

  it('moves a week forward across the year end for "copy a week"', () => {
    const week = orThrow(parseIsoWeek('2026-W53', 'Asia/Jakarta'));
    const next = shiftWeek(week, 1, 'Asia/Jakarta');
    expect(next.label).toBe('2027-W01');
    expect(next.days[0]).toBe('2027-01-04');
    expect(shiftWeek(next, -2, 'Asia/Jakarta').label).toBe('2026-W52');
  });
});

describe('months', () => {
  it('reads 2026-12 in WIT as local midnight 1 December to local midnight 1 January', () => {
    const month = orThrow(parseMonth('2026-12', 'Asia/Jayapura'));
    expect(month.start.toISOString()).toBe('2026-11-30T15:00:00.000Z');
    expect(month.end.toISOString()).toBe('2026-12-31T15:00:00.000Z');
    expect(month.days).toHaveLength(31);
  });

  it('gives February 2028 its leap day', () => {
    expect(orThrow(parseMonth('2028-02', 'Asia/Jakarta')).days.at(-1)).toBe('2028-02-29');
  });

  it.each(['2026-13', '2026-00', '2026-2', 'Desember 2026'])('rejects %s', (text) => {
    expect(parseMonth(text, 'Asia/Jakarta', 'month')).toMatchObject({
      ok: false,
      error: { field: 'month' },
    });
  });

  it('puts the last evening of November in November in WIB but in December in WIT', () => {
    const instant = new Date('2026-11-30T16:30:00Z');
    expect(monthOf(instant, 'Asia/Jakarta').label).toBe('2026-11');
    expect(monthOf(instant, 'Asia/Jayapura').label).toBe('2026-12');
    expect(isWithin(instant, orThrow(parseMonth('2026-12', 'Asia/Jayapura')))).toBe(true);
  });
});
