/**
 * Indonesia's national holidays, cuti bersama and sector observances as editable data, one
 * file per year in assets/holidays/indonesia-YYYY.json. The joint ministerial decree (SKB 3
 * Menteri) sets each year's dates and Islamic dates can move after the isbat session, so the
 * dates are data, not code: entries the decree has not fixed yet carry `"estimated": true` and
 * a note. Observances (Hari Bakti Pemasyarakatan with its campaign tag, the Ramadan bazaar
 * season, Lebaran visiting weeks) have `"blackout": false`: they are planning hints, not bans.
 *
 * A broken file fails loudly at load, naming the file and the JSON path.
 *
 *   parseHolidayCalendar(json, source): HolidayCalendar        validates one file's content
 *   loadHolidayCalendar(year, dir?): HolidayCalendar           reads indonesia-<year>.json
 *   loadHolidayCalendars(dir?): HolidayCalendar[]              every year shipped, oldest first
 *   holidayBlackouts(calendar): HolidayBlackout[]              national blackouts to seed
 *   observances(calendar): HolidayEntry[]                      the non-blackout entries
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import type { BlackoutInput } from './blackout';
import { parseLocalDate } from './local-time';

export const HOLIDAYS_DIR = resolve('assets', 'holidays');
const FILE_PATTERN = /^indonesia-(\d{4})\.json$/;

export const HOLIDAY_ENTRY_KINDS = ['holiday', 'cuti_bersama', 'observance'] as const;
export type HolidayEntryKind = (typeof HOLIDAY_ENTRY_KINDS)[number];

const localDate = z.string().refine((s) => parseLocalDate(s).ok, 'must be a date YYYY-MM-DD');

const entrySchema = z
  .strictObject({
    /** Stable within a year, so a seeder can update an entry instead of adding a twin. */
    key: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lowercase words joined by hyphens'),
    date: localDate,
    /** Last day, inclusive; absent for a single day. */
    endDate: localDate.optional(),
    name: z.string().trim().min(1).max(200),
    nameEn: z.string().trim().min(1).max(200),
    kind: z.enum(HOLIDAY_ENTRY_KINDS),
    blackout: z.boolean(),
    estimated: z.boolean().default(false),
    note: z.string().trim().min(1).max(500).optional(),
    /** A campaign hashtag staff should use on the day, with its "#". */
    campaignTag: z
      .string()
      .regex(/^#[\p{L}\p{N}_]+$/u, 'must be one hashtag such as #AkuBeliProdukNapi')
      .optional(),
  })
  .refine((e) => !e.endDate || e.endDate >= e.date, {
    message: 'must not be before date',
    path: ['endDate'],
  })
  .refine((e) => !e.estimated || e.note, {
    message: 'an estimated entry needs a note saying who sets the final date',
    path: ['note'],
  })
  .refine((e) => e.kind !== 'observance' || !e.blackout, {
    message: 'an observance is a planning hint and must not be a blackout',
    path: ['blackout'],
  });

const calendarSchema = z
  .strictObject({
    year: z.int().min(1970).max(2999),
    country: z.literal('ID'),
    source: z.string().trim().min(1),
    note: z.string().trim().min(1).optional(),
    entries: z.array(entrySchema).min(1),
  })
  .superRefine((calendar, ctx) => {
    const keys = new Set<string>();
    calendar.entries.forEach((entry, index) => {
      if (keys.has(entry.key)) {
        ctx.addIssue({ code: 'custom', message: 'repeats a key', path: ['entries', index, 'key'] });
      }
      keys.add(entry.key);
      if (!entry.date.startsWith(`${calendar.year}-`)) {
        ctx.addIssue({
          code: 'custom',
          message: `must fall in ${calendar.year}`,
          path: ['entries', index, 'date'],
        });
      }
    });
  });

export type HolidayCalendar = z.output<typeof calendarSchema>;
export type HolidayEntry = HolidayCalendar['entries'][number];

export interface HolidayBlackout extends BlackoutInput {
  level: 'national';
  kind: 'holiday' | 'cuti_bersama';
  key: string;
  year: number;
  estimated: boolean;
}

/** Validates one file's content; `source` (the file name) goes into the error message. */
export function parseHolidayCalendar(json: unknown, source: string): HolidayCalendar {
  const result = calendarSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    const path = issue.path.length > 0 ? issue.path.join('.') : '(root)';
    throw new Error(`Holiday file ${source} is invalid at ${path}: ${issue.message}`);
  }
  return result.data;
}

export function loadHolidayCalendar(year: number, dir = HOLIDAYS_DIR): HolidayCalendar {
  return readCalendar(dir, `indonesia-${year}.json`);
}

export function loadHolidayCalendars(dir = HOLIDAYS_DIR): HolidayCalendar[] {
  return readdirSync(dir)
    .filter((file) => FILE_PATTERN.test(file))
    .sort()
    .map((file) => readCalendar(dir, file));
}

export function holidayBlackouts(calendar: HolidayCalendar): HolidayBlackout[] {
  return calendar.entries.flatMap((entry) =>
    entry.blackout && entry.kind !== 'observance'
      ? [
          {
            key: entry.key,
            year: calendar.year,
            level: 'national' as const,
            kind: entry.kind,
            label: entry.name,
            startDate: entry.date,
            endDate: entry.endDate ?? entry.date,
            estimated: entry.estimated,
          },
        ]
      : [],
  );
}

export function observances(calendar: HolidayCalendar): HolidayEntry[] {
  return calendar.entries.filter((entry) => !entry.blackout);
}

function readCalendar(dir: string, file: string): HolidayCalendar {
  const calendar = parseHolidayCalendar(JSON.parse(readFileSync(join(dir, file), 'utf8')), file);
  const match = FILE_PATTERN.exec(file);
  if (match && +match[1] !== calendar.year) {
    throw new Error(`Holiday file ${file} holds year ${calendar.year}`);
  }
  return calendar;
}
