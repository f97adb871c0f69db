/**
 * ISO weeks ("2026-W49") and months ("2026-12") as ranges of instants in an institution's zone.
 * A range is half-open: `start` is local midnight of the first day, `end` local midnight of the
 * day after the last, so a post at 23:30 local on Sunday is in the week and one at 00:00 on the
 * next Monday is not. The week arithmetic works on calendar dates, never on the process zone.
 *
 *   isoWeeksInYear(year): 52 | 53
 *   parseIsoWeek(text, zone, field = 'week'): Parsed<IsoWeek>     rejects 2026-W54, 2026-W00
 *   isoWeekOf(instant, zone): IsoWeek                               the week the instant falls in
 *   isoWeekOfDate(date, zone): IsoWeek
 *   shiftWeek(week, weeks, zone): IsoWeek                           e.g. next week for "copy a week"
 *   parseMonth(text, zone, field = 'month'): Parsed<CalendarMonth>  rejects 2026-13
 *   monthOf(instant, zone): CalendarMonth
 *   isWithin(instant, range): boolean
 */
import {
  addDaysToDate,
  dateFromParts,
  dateParts,
  daysInMonth,
  isoWeekdayOf,
  localDateOf,
  pad,
  startOfLocalDate,
  type CalendarZone,
  type LocalDate,
} from './local-time';
import { fail, ok, type Parsed } from './result';

/** [start, end): UTC instants. */
export interface InstantRange {
  start: Date;
  end: Date;
}

export interface IsoWeek extends InstantRange {
  /** "2026-W49" */
  label: string;
  year: number;
  week: number;
  /** The seven local dates, Monday first. */
  days: LocalDate[];
}

export interface CalendarMonth extends InstantRange {
  /** "2026-12" */
  label: string;
  year: number;
  month: number;
  days: LocalDate[];
}

const WEEK_FORMAT = /^(\d{4})-[Ww](\d{2})$/;
const MONTH_FORMAT = /^(\d{4})-(\d{2})$/;
const MIN_YEAR = 1970;
const MAX_YEAR = 2999;

/** A year has 53 ISO weeks when it starts on a Thursday, or is a leap year starting on a Wednesday. */
export function isoWeeksInYear(year: number): 52 | 53 {
  const jan1 = isoWeekdayOf(`${year}-01-01`);
  const leap = daysInMonth(year, 2) === 29;
  return jan1 === 4 || (leap && jan1 === 3) ? 53 : 52;
}

export function parseIsoWeek(text: string, zone: CalendarZone, field = 'week'): Parsed<IsoWeek> {
  const match = WEEK_FORMAT.exec(text.trim());
  if (!match) {
    return fail(field, {
      id: 'Minggu harus berformat ISO YYYY-Www, misalnya 2026-W49',
      en: 'Week must be an ISO week YYYY-Www, e.g. 2026-W49',
    });
  }
  const year = +match[1];
  const week = +match[2];
  if (year < MIN_YEAR || year > MAX_YEAR) {
    return fail(field, {
      id: `Tahun harus antara ${MIN_YEAR} dan ${MAX_YEAR}`,
      en: `Year must be between ${MIN_YEAR} and ${MAX_YEAR}`,
    });
  }
  const weeks = isoWeeksInYear(year);
  if (week < 1 || week > weeks) {
    return fail(field, {
      id: `Minggu ${text.trim()} tidak ada: tahun ${year} memiliki ${weeks} minggu ISO`,
      en: `Week ${text.trim()} does not exist: ${year} has ${weeks} ISO weeks`,
    });
  }
  return ok(weekFrom(year, week, zone));
}

export function isoWeekOf(instant: Date, zone: CalendarZone): IsoWeek {
  return isoWeekOfDate(localDateOf(instant, zone), zone);
}

export function isoWeekOfDate(date: LocalDate, zone: CalendarZone): IsoWeek {
  // The ISO week belongs to the year of its Thursday.
  const thursday = addDaysToDate(date, 4 - isoWeekdayOf(date));
  const year = dateParts(thursday).year;
  const dayOfYear = daysBetween(`${year}-01-01`, thursday) + 1;
  return weekFrom(year, Math.floor((dayOfYear - 1) / 7) + 1, zone);
}

export function shiftWeek(week: IsoWeek, weeks: number, zone: CalendarZone): IsoWeek {
  return isoWeekOfDate(addDaysToDate(week.days[0], weeks * 7), zone);
}

export function parseMonth(
  text: string,
  zone: CalendarZone,
  field = 'month',
): Parsed<CalendarMonth> {
  const match = MONTH_FORMAT.exec(text.trim());
  const first = match ? dateFromParts({ year: +match[1], month: +match[2], day: 1 }) : null;
  if (!match || !first) {
    return fail(field, {
      id: 'Bulan harus berformat YYYY-MM dengan bulan 01-12, misalnya 2026-12',
      en: 'Month must be YYYY-MM with a month 01-12, e.g. 2026-12',
    });
  }
  return ok(monthFrom(+match[1], +match[2], zone));
}

export function monthOf(instant: Date, zone: CalendarZone): CalendarMonth {
  const { year, month } = dateParts(localDateOf(instant, zone));
  return monthFrom(year, month, zone);
}

export function isWithin(instant: Date, range: InstantRange): boolean {
  return instant >= range.start && instant < range.end;
}

function weekFrom(year: number, week: number, zone: CalendarZone): IsoWeek {
  // Week 1 is the week holding 4 January.
  const jan4 = `${year}-01-04`;
  const monday = addDaysToDate(jan4, 1 - isoWeekdayOf(jan4) + (week - 1) * 7);
  const days = Array.from({ length: 7 }, (_, i) => addDaysToDate(monday, i));
  return {
    label: `${year}-W${pad(week)}`,
    year,
    week,
    days,
    start: startOfLocalDate(monday, zone),
    end: startOfLocalDate(addDaysToDate(monday, 7), zone),
  };
}

function monthFrom(year: number, month: number, zone: CalendarZone): CalendarMonth {
  const first = `${year}-${pad(month)}-01`;
  const count = daysInMonth(year, month);
  return {
    label: `${year}-${pad(month)}`,
    year,
    month,
    days: Array.from({ length: count }, (_, i) => addDaysToDate(first, i)),
    start: startOfLocalDate(first, zone),
    end: startOfLocalDate(addDaysToDate(first, count), zone),
  };
}

function daysBetween(from: LocalDate, to: LocalDate): number {
  const a = dateParts(from);
  const b = dateParts(to);
  return Math.round(
    (Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / 86_400_000,
  );
}
