/**
 * The month a dashboard or report covers: "2026-11", read in the institution's zone (national
 * views use WIB, the directorate's zone). A month after the current one is refused: there is
 * nothing to count yet, and a typo such as 2062-11 should not quietly answer zeros.
 */
import { AppError, ErrorCode } from '../common/app-error';
import {
  daysInMonth,
  localDateOf,
  pad,
  type CalendarZone,
  type LocalDate,
} from '../calendar/local-time';

export interface ReportMonth {
  /** "2026-11" */
  label: string;
  /** First day, "2026-11-01" (as stored in the monthly rollups). */
  first: LocalDate;
  /** Last day, "2026-11-30". */
  last: LocalDate;
  days: number;
}

const MONTH_TEXT = /^(\d{4})-(\d{2})$/;
const FIRST_YEAR = 2000;

export function monthOf(year: number, month: number): ReportMonth {
  const days = daysInMonth(year, month);
  const label = `${year}-${pad(month)}`;
  return { label, first: `${label}-01`, last: `${label}-${pad(days)}`, days };
}

export function previousMonth(month: ReportMonth): ReportMonth {
  const [year, m] = month.label.split('-').map(Number);
  return m === 1 ? monthOf(year - 1, 12) : monthOf(year, m - 1);
}

/** Parses `month` or throws 400 (malformed, unknown) / 422 (in the future), naming `month`. */
export function parseReportMonth(text: unknown, now: Date, zone: CalendarZone): ReportMonth {
  const match = typeof text === 'string' ? MONTH_TEXT.exec(text.trim()) : null;
  const year = match ? Number(match[1]) : NaN;
  const month = match ? Number(match[2]) : NaN;
  if (!match || month < 1 || month > 12 || year < FIRST_YEAR) {
    throw AppError.validation('month', {
      id: 'Bulan tidak dikenali; gunakan YYYY-MM, misalnya 2026-11',
      en: 'Unrecognised month; use YYYY-MM, e.g. 2026-11',
    });
  }
  const current = localDateOf(now, zone).slice(0, 7);
  const parsed = monthOf(year, month);
  if (parsed.label > current) {
    throw new AppError(
      ErrorCode.UnprocessableEntity,
      {
        id: `Bulan ${parsed.label} belum tiba (sekarang ${current})`,
        en: `Month ${parsed.label} is in the future (now ${current})`,
      },
      'month',
    );
  }
  return parsed;
}
