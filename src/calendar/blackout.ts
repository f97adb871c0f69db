/**
 * Blackout dates: whole local days on which nothing may be scheduled (public holidays, cuti
 * bersama, days of mourning, incidents). A blackout is a range of local dates, inclusive at
 * both ends, read in the zone of the institution being planned: a national holiday starts at
 * local midnight in Jayapura two hours before it does in Jakarta. National blackouts apply to
 * every institution; institution ones to their own.
 *
 * The functions are generic over the caller's record type (an entity, a seed entry) and return
 * the matching records themselves, so a service can show which blackout a time falls in.
 *
 *   parseBlackoutInput(input, prefix = ''): Parsed<BlackoutInput>  validates dates, kind, label
 *   blackoutRange(blackout, zone): InstantRange                  [local 00:00 first, 00:00 after last)
 *   blackoutsAt(instant, zone, blackouts): T[]                     those covering the instant's date
 *   isBlackedOut(instant, zone, blackouts): boolean
 *   blackoutsOnDate(date, blackouts): T[]
 *   blackoutsOverlapping(blackouts, range, zone): T[]              those touching [range.start, range.end)
 */
import type { InstantRange } from './iso-week';
import {
  addDaysToDate,
  localDateOf,
  parseLocalDate,
  startOfLocalDate,
  type CalendarZone,
  type LocalDate,
} from './local-time';
import { fail, ok, type Parsed } from './result';

export const BLACKOUT_KINDS = ['holiday', 'cuti_bersama', 'mourning', 'incident', 'other'] as const;
export type BlackoutKind = (typeof BLACKOUT_KINDS)[number];

export const BLACKOUT_LEVELS = ['national', 'institution'] as const;
export type BlackoutLevel = (typeof BLACKOUT_LEVELS)[number];

/** The dates of a blackout; records passed to the functions below need at least these. */
export interface BlackoutDates {
  /** First blacked-out local date. */
  startDate: LocalDate;
  /** Last blacked-out local date (inclusive); equal to startDate for a single day. */
  endDate: LocalDate;
}

export interface BlackoutInput extends BlackoutDates {
  level: BlackoutLevel;
  kind: BlackoutKind;
  label: string;
}

export const BLACKOUT_LABEL_MAX = 200;
/** A longer range is almost certainly a typo in the year. */
export const BLACKOUT_MAX_DAYS = 366;

export function parseBlackoutInput(
  input: { startDate: string; endDate?: string | null; level: string; kind: string; label: string },
  prefix = '',
): Parsed<BlackoutInput> {
  const start = parseLocalDate(input.startDate, `${prefix}startDate`);
  if (!start.ok) return start;
  const end = parseLocalDate(input.endDate ?? input.startDate, `${prefix}endDate`);
  if (!end.ok) return end;
  if (end.value < start.value) {
    return fail(`${prefix}endDate`, {
      id: 'Tanggal akhir tidak boleh sebelum tanggal mulai',
      en: 'End date must not be before the start date',
    });
  }
  if (end.value > addDaysToDate(start.value, BLACKOUT_MAX_DAYS - 1)) {
    return fail(`${prefix}endDate`, {
      id: `Rentang tanggal larangan paling lama ${BLACKOUT_MAX_DAYS} hari`,
      en: `A blackout may span at most ${BLACKOUT_MAX_DAYS} days`,
    });
  }
  if (!isOneOf(BLACKOUT_LEVELS, input.level)) {
    return fail(`${prefix}level`, {
      id: `Tingkat harus salah satu dari ${BLACKOUT_LEVELS.join(', ')}`,
      en: `Level must be one of ${BLACKOUT_LEVELS.join(', ')}`,
    });
  }
  if (!isOneOf(BLACKOUT_KINDS, input.kind)) {
    return fail(`${prefix}kind`, {
      id: `Jenis harus salah satu dari ${BLACKOUT_KINDS.join(', ')}`,
      en: `Kind must be one of ${BLACKOUT_KINDS.join(', ')}`,
    });
  }
  const label = input.label.trim();
  if (label.length === 0 || label.length > BLACKOUT_LABEL_MAX) {
    return fail(`${prefix}label`, {
      id: `Keterangan wajib diisi, paling panjang ${BLACKOUT_LABEL_MAX} karakter`,
      en: `Label is required, at most ${BLACKOUT_LABEL_MAX} characters`,
    });
  }
  return ok({
    startDate: start.value,
    endDate: end.value,
    level: input.level,
    kind: input.kind,
    label,
  });
}

export function blackoutRange(blackout: BlackoutDates, zone: CalendarZone): InstantRange {
  return {
    start: startOfLocalDate(blackout.startDate, zone),
    end: startOfLocalDate(addDaysToDate(blackout.endDate, 1), zone),
  };
}

export function blackoutsOnDate<T extends BlackoutDates>(
  date: LocalDate,
  blackouts: readonly T[],
): T[] {
  // "YYYY-MM-DD" strings order like the dates they name.
  return blackouts.filter((b) => b.startDate <= date && date <= b.endDate);
}

export function blackoutsAt<T extends BlackoutDates>(
  instant: Date,
  zone: CalendarZone,
  blackouts: readonly T[],
): T[] {
  return blackoutsOnDate(localDateOf(instant, zone), blackouts);
}

export function isBlackedOut(
  instant: Date,
  zone: CalendarZone,
  blackouts: readonly BlackoutDates[],
): boolean {
  return blackoutsAt(instant, zone, blackouts).length > 0;
}

export function blackoutsOverlapping<T extends BlackoutDates>(
  blackouts: readonly T[],
  range: InstantRange,
  zone: CalendarZone,
): T[] {
  return blackouts.filter((b) => {
    const own = blackoutRange(b, zone);
    return own.start < range.end && range.start < own.end;
  });
}

function isOneOf<T extends string>(values: readonly T[], value: string): value is T {
  return (values as readonly string[]).includes(value);
}
