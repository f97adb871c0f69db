import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isBlackedOut } from '../../src/calendar/blackout';
import {
  holidayBlackouts,
  loadHolidayCalendar,
  loadHolidayCalendars,
  observances,
  parseHolidayCalendar,
  type HolidayCalendar,
} from '../../src/calendar/holidays';
import { addDaysToDate, localToUtc } from '../../src/calendar/local-time';
import { orThrow } from '../../src/calendar/result';
import { nextFreeSlots, type SlotRule } from '../../src/calendar/slots';

function daysOf(calendar: HolidayCalendar, kind: string): string[] {
  return calendar.entries
    .filter((e) => e.kind === kind)
    .flatMap((e) => {
      const days = [e.date];
      while (days.at(-1)! < (e.endDate ?? e.date)) days.push(addDaysToDate(days.at(-1)!, 1));
      return days;
    });
}

describe('the 2026 calendar (SKB 3 Menteri, September 2025)', () => {
  const calendar = loadHolidayCalendar(2026);

  it('holds 17 days of national holidays and 8 days of cuti bersama', () => {
    expect(daysOf(calendar, 'holiday')).toHaveLength(17);
    expect(daysOf(calendar, 'cuti_bersama')).toEqual([
      '2026-02-16',
      '2026-03-18',
      '2026-03-20',
      '2026-03-23',
      '2026-03-24',
      '2026-05-15',
      '2026-05-28',
      '2026-12-24',
    ]);
  });

  it.each([
    ['2026-01-01', 'Tahun Baru 2026 Masehi'],
    ['2026-03-19', 'Hari Suci Nyepi Tahun Baru Saka 1948'],
    ['2026-03-21', 'Hari Raya Idul Fitri 1447 Hijriah'],
    ['2026-03-22', 'Hari Raya Idul Fitri 1447 Hijriah'],
    ['2026-05-27', 'Hari Raya Idul Adha 1447 Hijriah'],
    ['2026-08-17', 'Hari Proklamasi Kemerdekaan Republik Indonesia'],
    ['2026-12-25', 'Kelahiran Yesus Kristus (Hari Raya Natal)'],
  ])('blacks out %s (%s)', (date, name) => {
    const blackouts = holidayBlackouts(calendar);
    const hit = blackouts.filter((b) => b.startDate <= date && date <= b.endDate);
    expect(hit.map((b) => b.label)).toEqual([name]);
    expect(hit[0]).toMatchObject({ level: 'national', kind: 'holiday', year: 2026 });
  });

  it('keeps decree dates unestimated; only the Ramadan and visiting-week hints are estimates', () => {
    const estimated = calendar.entries.filter((e) => e.estimated).map((e) => e.key);
    expect(estimated.sort()).toEqual(['kunjungan-lebaran', 'ramadan']);
  });
});

describe('the 2027 calendar (expected dates)', () => {
  const calendar = loadHolidayCalendar(2027);

  it('marks every Islamic, Nyepi and Waisak date and every cuti bersama as estimated', () => {
    const estimated = new Set(calendar.entries.filter((e) => e.estimated).map((e) => e.key));
    for (const key of [
      'isra-mikraj',
      'nyepi',
      'idul-fitri',
      'idul-adha',
      'waisak',
      'tahun-baru-islam',
      'maulid-nabi',
    ]) {
      expect(estimated).toContain(key);
    }
    for (const entry of calendar.entries.filter((e) => e.kind === 'cuti_bersama')) {
      expect(entry).toMatchObject({ estimated: true, note: expect.stringContaining('SKB') });
    }
  });

  it('computes the fixed and Easter-based holidays exactly', () => {
    const byKey = new Map(calendar.entries.map((e) => [e.key, e]));
    expect(byKey.get('wafat-yesus-kristus')).toMatchObject({
      date: '2027-03-26',
      estimated: false,
    });
    expect(byKey.get('paskah')).toMatchObject({ date: '2027-03-28', estimated: false });
    expect(byKey.get('kenaikan-yesus-kristus')).toMatchObject({ date: '2027-05-06' });
    expect(byKey.get('kemerdekaan')).toMatchObject({ date: '2027-08-17', estimated: false });
  });
});

describe('sector observances', () => {
  it.each([2026, 2027])(
    'marks Hari Bakti Pemasyarakatan %i on 27 April with #AkuBeliProdukNapi',
    (year) => {
      const entry = observances(loadHolidayCalendar(year)).find(
        (e) => e.key === 'hari-bakti-pemasyarakatan',
      );
      expect(entry).toMatchObject({
        date: `${year}-04-27`,
        kind: 'observance',
        blackout: false,
        campaignTag: '#AkuBeliProdukNapi',
      });
    },
  );

  it('gives the Ramadan bazaar season as a range that ends the day before Idul Fitri', () => {
    for (const calendar of loadHolidayCalendars()) {
      const ramadan = calendar.entries.find((e) => e.key === 'ramadan')!;
      const idulFitri = calendar.entries.find((e) => e.key === 'idul-fitri')!;
      expect(ramadan.blackout).toBe(false);
      expect(addDaysToDate(ramadan.endDate!, 1)).toBe(idulFitri.date);
    }
  });

  it('never turns an observance into a blackout', () => {
    for (const calendar of loadHolidayCalendars()) {
      const keys = holidayBlackouts(calendar).map((b) => b.key);
      expect(keys).not.toContain('hari-bakti-pemasyarakatan');
      expect(keys).not.toContain('ramadan');
    }
  });
});

describe('holidays as blackouts for the queue', () => {
  it('moves a Friday slot past cuti bersama and Idul Fitri 2026 in WIT', () => {
    const blackouts = holidayBlackouts(loadHolidayCalendar(2026));
    const from = orThrow(localToUtc('2026-03-19', '12:00', 'Asia/Jayapura'));
    const result = nextFreeSlots({
      rules: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
        weekday: weekday as SlotRule['weekday'],
        time: '10:00',
      })),
      zone: 'Asia/Jayapura',
      from,
      taken: [],
      blackouts,
    });
    // 20 (cuti bersama), 21-22 (Idul Fitri), 23-24 (cuti bersama): Wednesday 25 March.
    expect(result).toEqual({
      ok: true,
      slots: [orThrow(localToUtc('2026-03-25', '10:00', 'Asia/Jayapura'))],
    });
    expect(
      isBlackedOut(
        orThrow(localToUtc('2026-03-24', '23:59', 'Asia/Jayapura')),
        'Asia/Jayapura',
        blackouts,
      ),
    ).toBe(true);
  });
});

describe('validation of the data files', () => {
  const valid = {
    year: 2028,
    country: 'ID',
    source: 'test',
    entries: [
      {
        key: 'natal',
        date: '2028-12-25',
        name: 'Natal',
        nameEn: 'Christmas',
        kind: 'holiday',
        blackout: true,
      },
    ],
  };
  const withEntry = (change: object): unknown => ({
    ...valid,
    entries: [{ ...valid.entries[0], ...change }],
  });

  it('accepts a minimal file', () => {
    expect(parseHolidayCalendar(valid, 'x.json').entries[0]).toMatchObject({ estimated: false });
  });

  it.each([
    [withEntry({ date: '2027-12-25' }), 'entries.0.date: must fall in 2028'],
    [withEntry({ date: '2028-02-30' }), 'entries.0.date'],
    [withEntry({ endDate: '2028-12-24' }), 'entries.0.endDate'],
    [withEntry({ estimated: true }), 'entries.0.note'],
    [withEntry({ kind: 'observance' }), 'entries.0.blackout'],
    [withEntry({ kind: 'festival' }), 'entries.0.kind'],
    [withEntry({ campaignTag: 'AkuBeliProdukNapi' }), 'entries.0.campaignTag'],
    [withEntry({ extra: 1 }), 'entries.0'],
    [{ ...valid, entries: [valid.entries[0], valid.entries[0]] }, 'entries.1.key: repeats a key'],
    [{ ...valid, country: 'MY' }, 'country'],
  ])('rejects a broken file naming the file and the path (%#)', (json, path) => {
    expect(() => parseHolidayCalendar(json, 'indonesia-2028.json')).toThrow(
      `Holiday file indonesia-2028.json is invalid at ${path}`,
    );
  });

  it('refuses a file whose name and year disagree', () => {
    const dir = mkdtempSync(join(tmpdir(), 'karya-holidays-'));
    writeFileSync(join(dir, 'indonesia-2029.json'), JSON.stringify(valid));
    expect(() => loadHolidayCalendars(dir)).toThrow('indonesia-2029.json holds year 2028');
  });
});
