/**
 * Local wall-clock time in an institution's zone <-> UTC instants. Times are stored in UTC and
 * entered and shown in the institution's zone; nothing here reads the process time zone, so
 * results are the same on a server running in UTC, Jakarta or New York.
 *
 * Zones: WIB (Asia/Jakarta, Asia/Pontianak), WITA (Asia/Makassar), WIT (Asia/Jayapura). None
 * has daylight saving, so every local time exists exactly once.
 *
 * Vocabulary: a LocalDate is "YYYY-MM-DD", a LocalTime is "HH:mm" (00:00-23:59).
 *
 *   isCalendarZone(value): value is CalendarZone
 *   parseZone(text, field = 'timeZone'): Parsed<CalendarZone>
 *   zoneAbbreviation(zone): 'WIB' | 'WITA' | 'WIT'
 *   parseLocalDate(text, field = 'date'): Parsed<LocalDate>    rejects 2026-02-30, 2026-13-01
 *   parseLocalTime(text, field = 'time'): Parsed<LocalTime>    rejects 24:00, 25:61, 9:5
 *   localToUtc(date, time, zone, fields?): Parsed<Date>        the instant of that wall-clock time
 *   startOfLocalDate(date, zone): Date                          local midnight (date must be valid)
 *   instantOf(date, time, zone): Date                           same, for an already valid date and time
 *   toLocal(instant, zone): LocalDateTime                       date, time, weekday, labels
 *   localDateOf(instant, zone): LocalDate
 *   addDaysToDate(date, days): LocalDate                        calendar arithmetic, no zone
 *   isoWeekdayOf(date): 1..7                                    Monday = 1 ... Sunday = 7
 *   formatLocalLabel(instant, zone, lang): "Senin, 7 Desember 2026 10:00 WIB"
 *
 * Building blocks for the other calendar files: dateFromParts, timeFromParts (checked values
 * from numbers), dateParts, daysInMonth, pad, DAY_MS.
 */
import { TZDate, tz } from '@date-fns/tz';
import { format } from 'date-fns';
import { id as indonesian } from 'date-fns/locale/id';
import type { LocalizedText } from '../common/app-error';
import type { InstitutionTimeZone } from '../institutions/institution.entity';
import { fail, ok, type Parsed } from './result';

export type CalendarZone = InstitutionTimeZone;
export type ZoneAbbreviation = 'WIB' | 'WITA' | 'WIT';
/** "YYYY-MM-DD" in the institution's zone. */
export type LocalDate = string;
/** "HH:mm", 00:00-23:59. */
export type LocalTime = string;
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

const ABBREVIATIONS: Record<CalendarZone, ZoneAbbreviation> = {
  'Asia/Jakarta': 'WIB',
  'Asia/Pontianak': 'WIB',
  'Asia/Makassar': 'WITA',
  'Asia/Jayapura': 'WIT',
};

export const CALENDAR_ZONES = Object.keys(ABBREVIATIONS) as CalendarZone[];

export const DAY_MS = 24 * 60 * 60 * 1000;

export function isCalendarZone(value: unknown): value is CalendarZone {
  return typeof value === 'string' && Object.hasOwn(ABBREVIATIONS, value);
}

export function parseZone(text: string, field = 'timeZone'): Parsed<CalendarZone> {
  if (isCalendarZone(text)) return ok(text);
  return fail(field, {
    id: `Zona waktu harus salah satu dari ${CALENDAR_ZONES.join(', ')}`,
    en: `Time zone must be one of ${CALENDAR_ZONES.join(', ')}`,
  });
}

export function zoneAbbreviation(zone: CalendarZone): ZoneAbbreviation {
  return ABBREVIATIONS[zone];
}

export interface DateParts {
  year: number;
  month: number;
  day: number;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Checks a calendar date made of numbers (month 1-12); returns the canonical string or null. */
export function dateFromParts({ year, month, day }: DateParts): LocalDate | null {
  if (!Number.isInteger(year) || year < 1970 || year > 2999) return null;
  if (!Number.isInteger(month) || month < 1 || month > 12) return null;
  if (!Number.isInteger(day) || day < 1 || day > daysInMonth(year, month)) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

export function dateParts(date: LocalDate): DateParts {
  const [year, month, day] = date.split('-').map(Number);
  return { year, month, day };
}

const DATE_FORMAT = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_FORMAT = /^(\d{2}):(\d{2})$/;

export function parseLocalDate(text: string, field = 'date'): Parsed<LocalDate> {
  const match = DATE_FORMAT.exec(text);
  if (!match) {
    return fail(field, {
      id: 'Tanggal harus berformat YYYY-MM-DD',
      en: 'Date must be in the format YYYY-MM-DD',
    });
  }
  const date = dateFromParts({ year: +match[1], month: +match[2], day: +match[3] });
  if (!date) {
    return fail(field, {
      id: `Tanggal ${text} tidak ada di kalender`,
      en: `Date ${text} does not exist`,
    });
  }
  return ok(date);
}

/** Checks hour 0-23 and minute 0-59; returns "HH:mm" or an error message. */
export function timeFromParts(hour: number, minute: number): LocalTime | LocalizedText {
  if (hour === 24 && minute === 0) {
    return {
      id: 'Jam 24:00 tidak berlaku; gunakan 00:00 pada hari berikutnya',
      en: '24:00 is not a valid time; use 00:00 on the next day',
    };
  }
  if (!Number.isInteger(hour) || hour < 0 || hour > 23 || minute < 0 || minute > 59) {
    return {
      id: 'Jam harus antara 00:00 dan 23:59',
      en: 'Time must be between 00:00 and 23:59',
    };
  }
  return `${pad(hour)}:${pad(minute)}`;
}

export function parseLocalTime(text: string, field = 'time'): Parsed<LocalTime> {
  const match = TIME_FORMAT.exec(text);
  if (!match) {
    return fail(field, { id: 'Jam harus berformat HH:mm', en: 'Time must be in the format HH:mm' });
  }
  const time = timeFromParts(+match[1], +match[2]);
  return typeof time === 'string' ? ok(time) : fail(field, time);
}

export function localToUtc(
  date: string,
  time: string,
  zone: string,
  fields: { date?: string; time?: string; zone?: string } = {},
): Parsed<Date> {
  const zoneResult = parseZone(zone, fields.zone);
  if (!zoneResult.ok) return zoneResult;
  const dateResult = parseLocalDate(date, fields.date);
  if (!dateResult.ok) return dateResult;
  const timeResult = parseLocalTime(time, fields.time);
  if (!timeResult.ok) return timeResult;
  return ok(instantOf(dateResult.value, timeResult.value, zoneResult.value));
}

/** Local midnight of a (valid) date: the first instant of that day in the zone. */
export function startOfLocalDate(date: LocalDate, zone: CalendarZone): Date {
  return instantOf(date, '00:00', zone);
}

/** The instant of a valid local date and time; callers validate first (see localToUtc). */
export function instantOf(date: LocalDate, time: LocalTime, zone: CalendarZone): Date {
  const { year, month, day } = dateParts(date);
  const [hour, minute] = time.split(':').map(Number);
  // TZDate interprets the fields in `zone`; `+` drops the zone so callers hold a plain UTC Date.
  return new Date(+new TZDate(year, month - 1, day, hour, minute, zone));
}

export interface LocalDateTime {
  date: LocalDate;
  time: LocalTime;
  weekday: IsoWeekday;
  zone: CalendarZone;
  abbreviation: ZoneAbbreviation;
  /** "Senin, 7 Desember 2026 10:00 WIB" / "Monday, 7 December 2026 10:00 WIB" */
  label: LocalizedText;
}

export function toLocal(instant: Date, zone: CalendarZone): LocalDateTime {
  const date = localDateOf(instant, zone);
  return {
    date,
    time: format(instant, 'HH:mm', { in: tz(zone) }),
    weekday: isoWeekdayOf(date),
    zone,
    abbreviation: ABBREVIATIONS[zone],
    label: { id: formatLocalLabel(instant, zone, 'id'), en: formatLocalLabel(instant, zone, 'en') },
  };
}

export function formatLocalLabel(instant: Date, zone: CalendarZone, lang: 'id' | 'en'): string {
  const text = format(instant, 'EEEE, d MMMM yyyy HH:mm', {
    in: tz(zone),
    ...(lang === 'id' ? { locale: indonesian } : {}),
  });
  return `${text} ${ABBREVIATIONS[zone]}`;
}

export function localDateOf(instant: Date, zone: CalendarZone): LocalDate {
  return format(instant, 'yyyy-MM-dd', { in: tz(zone) });
}

export function addDaysToDate(date: LocalDate, days: number): LocalDate {
  const { year, month, day } = dateParts(date);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

export function isoWeekdayOf(date: LocalDate): IsoWeekday {
  const { year, month, day } = dateParts(date);
  return (new Date(Date.UTC(year, month - 1, day)).getUTCDay() || 7) as IsoWeekday;
}

export function pad(value: number): string {
  return String(value).padStart(2, '0');
}
