/**
 * Week-boundary time-zone maths in WIB, WITA and WIT. calendar-process-tz.test.ts runs this
 * file (and the other calendar unit tests) again in child processes with TZ set to
 * America/New_York and to UTC: the server's own zone must never change a result.
 */
import { describe, expect, it } from '@jest/globals';
import { isBlackedOut } from '../../src/calendar/blackout';
import { isoWeekOf, isWithin, parseIsoWeek } from '../../src/calendar/iso-week';
import { localToUtc, toLocal, type CalendarZone } from '../../src/calendar/local-time';
import { orThrow } from '../../src/calendar/result';
import { nextFreeSlots } from '../../src/calendar/slots';

/** Offsets (minutes, as getTimezoneOffset reports them) on 1 January for the runner's zones. */
const JANUARY_OFFSETS: Record<string, number> = { 'America/New_York': 300, UTC: 0 };

describe('process time zone', () => {
  const expected = process.env.KARYA_EXPECTED_TZ;
  (expected ? it : it.skip)(`is the zone the runner asked for (${expected})`, () => {
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe(expected);
    expect(new Date(2026, 0, 1).getTimezoneOffset()).toBe(JANUARY_OFFSETS[expected!]);
  });
});

const ZONES: [CalendarZone, string, string][] = [
  // zone, Sunday 6 Dec 23:30 local in UTC, Monday 7 Dec 00:15 local in UTC
  ['Asia/Jakarta', '2026-12-06T16:30:00.000Z', '2026-12-06T17:15:00.000Z'],
  ['Asia/Pontianak', '2026-12-06T16:30:00.000Z', '2026-12-06T17:15:00.000Z'],
  ['Asia/Makassar', '2026-12-06T15:30:00.000Z', '2026-12-06T16:15:00.000Z'],
  ['Asia/Jayapura', '2026-12-06T14:30:00.000Z', '2026-12-06T15:15:00.000Z'],
];

describe.each(ZONES)('week boundary in %s', (zone, sundayUtc, mondayUtc) => {
  const sunday = orThrow(localToUtc('2026-12-06', '23:30', zone));
  const monday = orThrow(localToUtc('2026-12-07', '00:15', zone));
  const w49 = orThrow(parseIsoWeek('2026-W49', zone));
  const w50 = orThrow(parseIsoWeek('2026-W50', zone));

  it('stores 23:30 on Sunday and 00:15 on Monday as the right UTC instants', () => {
    expect(sunday.toISOString()).toBe(sundayUtc);
    expect(monday.toISOString()).toBe(mondayUtc);
  });

  it('puts the post at 23:30 on Sunday in week 49 and the one at 00:15 on Monday in week 50', () => {
    expect(isoWeekOf(sunday, zone).label).toBe('2026-W49');
    expect(isoWeekOf(monday, zone).label).toBe('2026-W50');
    expect(isWithin(sunday, w49)).toBe(true);
    expect(isWithin(sunday, w50)).toBe(false);
    expect(isWithin(monday, w49)).toBe(false);
    expect(isWithin(monday, w50)).toBe(true);
  });

  it('shows both posts back in local time and on the right weekday', () => {
    expect(toLocal(sunday, zone)).toMatchObject({ date: '2026-12-06', time: '23:30', weekday: 7 });
    expect(toLocal(monday, zone)).toMatchObject({ date: '2026-12-07', time: '00:15', weekday: 1 });
  });

  it('keeps the same boundary across the year end (2026-W53 to 2027-W01)', () => {
    const lastSunday = orThrow(localToUtc('2027-01-03', '23:30', zone));
    const firstMonday = orThrow(localToUtc('2027-01-04', '00:15', zone));
    expect(isoWeekOf(lastSunday, zone).label).toBe('2026-W53');
    expect(isoWeekOf(firstMonday, zone).label).toBe('2027-W01');
  });

  it('blacks out a Monday holiday from local midnight, not from UTC midnight', () => {
    const mondayOff = [{ startDate: '2026-12-07', endDate: '2026-12-07' }];
    expect(isBlackedOut(sunday, zone, mondayOff)).toBe(false);
    expect(isBlackedOut(monday, zone, mondayOff)).toBe(true);
  });

  it('gives a Monday 00:15 slot after a Sunday 23:30 "now"', () => {
    const result = nextFreeSlots({
      rules: [{ weekday: 1, time: '00:15' }],
      zone,
      from: sunday,
      taken: [],
      blackouts: [],
    });
    expect(result).toEqual({ ok: true, slots: [monday] });
  });
});
