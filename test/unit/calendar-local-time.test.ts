import { describe, expect, it } from '@jest/globals';
import { AppError } from '../../src/common/app-error';
import {
  addDaysToDate,
  isCalendarZone,
  isoWeekdayOf,
  localDateOf,
  localToUtc,
  parseLocalDate,
  parseLocalTime,
  parseZone,
  startOfLocalDate,
  toLocal,
  zoneAbbreviation,
} from '../../src/calendar/local-time';
import { orThrow } from '../../src/calendar/result';

describe('localToUtc', () => {
  it.each([
    ['Asia/Jakarta', '2026-12-07T03:00:00.000Z'],
    ['Asia/Pontianak', '2026-12-07T03:00:00.000Z'],
    ['Asia/Makassar', '2026-12-07T02:00:00.000Z'],
    ['Asia/Jayapura', '2026-12-07T01:00:00.000Z'],
  ])('reads Monday 7 December 2026 10:00 in %s as %s', (zone, iso) => {
    const result = localToUtc('2026-12-07', '10:00', zone);
    expect(result).toEqual({ ok: true, value: new Date(iso) });
  });

  it('puts local midnight of a Monday on the Sunday in UTC', () => {
    expect(orThrow(localToUtc('2026-12-07', '00:15', 'Asia/Jayapura')).toISOString()).toBe(
      '2026-12-06T15:15:00.000Z',
    );
  });

  it.each([
    ['24:00', 'time', '24:00'],
    ['25:61', 'time', '00:00 dan 23:59'],
    ['23:60', 'time', '00:00 dan 23:59'],
    ['9:05', 'time', 'HH:mm'],
    ['10.00', 'time', 'HH:mm'],
  ])('rejects the time %s naming the field', (time, field, fragment) => {
    const result = localToUtc('2026-12-07', time, 'Asia/Jakarta');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.field).toBe(field);
    expect(result.error.message.id).toContain(fragment);
    expect(result.error.message.en.length).toBeGreaterThan(0);
  });

  it.each(['2026-02-30', '2026-02-29', '2026-13-01', '2026-04-31', '2026-00-10', '07/12/2026'])(
    'rejects the date %s naming the field',
    (date) => {
      const result = localToUtc(date, '10:00', 'Asia/Jakarta');
      expect(result).toMatchObject({ ok: false, error: { field: 'date' } });
    },
  );

  it('accepts 29 February in a leap year', () => {
    expect(parseLocalDate('2028-02-29')).toEqual({ ok: true, value: '2028-02-29' });
  });

  it('rejects a zone outside Indonesia with the field name the caller chose', () => {
    const result = localToUtc('2026-12-07', '10:00', 'Asia/Bangkok', { zone: 'timeZone' });
    expect(result).toMatchObject({ ok: false, error: { field: 'timeZone' } });
    expect(parseZone('America/New_York', 'zone')).toMatchObject({
      ok: false,
      error: { field: 'zone' },
    });
    expect(isCalendarZone('Asia/Makassar')).toBe(true);
    expect(isCalendarZone('UTC')).toBe(false);
  });

  it('reports errors under the caller field names, e.g. a row of a request', () => {
    const result = localToUtc('2026-12-07', '24:00', 'Asia/Jakarta', { time: 'items[3].time' });
    expect(result).toMatchObject({ ok: false, error: { field: 'items[3].time' } });
  });

  it('turns an error into a 400 AppError naming the field', () => {
    expect(() => orThrow(parseLocalTime('24:00', 'slotTime'))).toThrow(AppError);
    try {
      orThrow(parseLocalTime('24:00', 'slotTime'));
    } catch (error) {
      expect(error).toMatchObject({ field: 'slotTime', status: 400 });
    }
  });
});

describe('toLocal', () => {
  const instant = new Date('2026-12-07T03:00:00Z');

  it('labels an instant in Bahasa Indonesia and English with the zone abbreviation', () => {
    expect(toLocal(instant, 'Asia/Jakarta')).toEqual({
      date: '2026-12-07',
      time: '10:00',
      weekday: 1,
      zone: 'Asia/Jakarta',
      abbreviation: 'WIB',
      label: {
        id: 'Senin, 7 Desember 2026 10:00 WIB',
        en: 'Monday, 7 December 2026 10:00 WIB',
      },
    });
  });

  it.each([
    ['Asia/Makassar', 'Senin, 7 Desember 2026 11:00 WITA'],
    ['Asia/Jayapura', 'Senin, 7 Desember 2026 12:00 WIT'],
    ['Asia/Pontianak', 'Senin, 7 Desember 2026 10:00 WIB'],
  ] as const)('shows the same instant in %s as %s', (zone, label) => {
    expect(toLocal(instant, zone).label.id).toBe(label);
  });

  it('moves to the next local day when UTC is still on the previous one', () => {
    const lateUtc = new Date('2026-12-06T17:30:00Z');
    expect(toLocal(lateUtc, 'Asia/Jakarta')).toMatchObject({ date: '2026-12-07', time: '00:30' });
    expect(toLocal(lateUtc, 'Asia/Jayapura')).toMatchObject({ date: '2026-12-07', time: '02:30' });
    expect(localDateOf(new Date('2026-12-06T16:59:00Z'), 'Asia/Jakarta')).toBe('2026-12-06');
  });

  it('names the zones WIB, WITA and WIT', () => {
    expect(zoneAbbreviation('Asia/Jakarta')).toBe('WIB');
    expect(zoneAbbreviation('Asia/Pontianak')).toBe('WIB');
    expect(zoneAbbreviation('Asia/Makassar')).toBe('WITA');
    expect(zoneAbbreviation('Asia/Jayapura')).toBe('WIT');
  });
});

describe('calendar date arithmetic', () => {
  it('adds days across month, leap day and year ends', () => {
    expect(addDaysToDate('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDaysToDate('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDaysToDate('2027-01-01', -1)).toBe('2026-12-31');
    expect(addDaysToDate('2026-11-30', 7)).toBe('2026-12-07');
  });

  it('numbers weekdays Monday = 1 to Sunday = 7', () => {
    expect(isoWeekdayOf('2026-12-07')).toBe(1);
    expect(isoWeekdayOf('2026-12-13')).toBe(7);
    expect(isoWeekdayOf('2027-01-01')).toBe(5);
  });

  it('starts a local date at local midnight', () => {
    expect(startOfLocalDate('2026-12-07', 'Asia/Makassar').toISOString()).toBe(
      '2026-12-06T16:00:00.000Z',
    );
  });
});
