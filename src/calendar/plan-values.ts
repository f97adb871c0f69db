/**
 * Cell readers for the weekly plan file: what staff type into Excel, turned into canonical
 * values or a bilingual message. Used by plan-file.ts; exported for its tests.
 *
 *   PLAN_COLUMNS, columnForHeader(header): PlanColumn | null   Bahasa Indonesia or English headers
 *   readPlanDate(cell): LocalDate | LocalizedText   07/12/2026 (DD/MM/YYYY), 7-12-26, 2026-12-07,
 *                                                   "7 Desember 2026", Excel date cells and serials
 *   readPlanTime(cell): LocalTime | LocalizedText   "10.00", "10:00", "9:05", "10:00:00", Excel times
 *   readPlanNetworks(cell): SocialNetwork[] | LocalizedText   "instagram;facebook;x", "IG, X"
 *   cellText(cell): string                          trimmed text of any cell
 *
 * A cell is `PlanCell`: text from CSV, or a string / number / Date / boolean from XLSX.
 * Excel keeps dates as wall-clock values, and exceljs hands them over as Dates whose UTC fields
 * hold that wall clock, so the UTC fields are read here and the process zone never matters.
 */
import type { LocalizedText } from '../common/app-error';
import { headerReader } from '../common/csv-header';
import { SOCIAL_NETWORKS, type SocialNetwork } from '../content/rendering/template';
import {
  addDaysToDate,
  dateFromParts,
  timeFromParts,
  type LocalDate,
  type LocalTime,
} from './local-time';

export type PlanCell = string | number | boolean | Date | null;

export const PLAN_COLUMNS = [
  'date',
  'time',
  'sku',
  'networks',
  'template',
  'caption',
  'caption_template',
  'photo',
] as const;
export type PlanColumn = (typeof PLAN_COLUMNS)[number];

/** Header names written on export, per language. */
export const PLAN_HEADERS: Record<'id' | 'en', Record<PlanColumn, string>> = {
  id: {
    date: 'tanggal',
    time: 'jam',
    sku: 'sku',
    networks: 'jaringan',
    template: 'templat',
    caption: 'caption',
    caption_template: 'templat_caption',
    photo: 'foto',
  },
  en: {
    date: 'date',
    time: 'time',
    sku: 'sku',
    networks: 'networks',
    template: 'template',
    caption: 'caption',
    caption_template: 'caption_template',
    photo: 'photo',
  },
};

const HEADER_ALIASES: Record<PlanColumn, readonly string[]> = {
  date: ['tanggal', 'tgl', 'date', 'tanggal_posting', 'tanggal_tayang'],
  time: ['jam', 'waktu', 'pukul', 'time', 'jam_posting', 'jam_tayang'],
  sku: ['sku', 'kode_produk', 'kode_sku', 'product_sku'],
  networks: ['jaringan', 'networks', 'network', 'media_sosial', 'platform', 'kanal', 'channels'],
  template: ['templat', 'template', 'templat_gambar', 'template_gambar', 'image_template'],
  caption: ['caption', 'keterangan', 'takarir', 'teks', 'text'],
  caption_template: [
    'caption_template',
    'templat_caption',
    'template_caption',
    'templat_keterangan',
    'template_keterangan',
  ],
  photo: ['foto', 'photo', 'gambar', 'image', 'media'],
};

/** "Tanggal (DD/MM/YYYY)", " Caption Template ", "JAM*" -> canonical column, or null. */
export const columnForHeader = headerReader(PLAN_COLUMNS, HEADER_ALIASES);

export function cellText(cell: PlanCell): string {
  if (cell === null) return '';
  if (cell instanceof Date) return cell.toISOString();
  return String(cell).trim();
}

const MONTHS = new Map<string, number>(
  (
    [
      [1, 'januari', 'jan', 'january'],
      [2, 'februari', 'feb', 'pebruari', 'february'],
      [3, 'maret', 'mar', 'march'],
      [4, 'april', 'apr'],
      [5, 'mei', 'may'],
      [6, 'juni', 'jun', 'june'],
      [7, 'juli', 'jul', 'july'],
      [8, 'agustus', 'agu', 'agt', 'ags', 'aug', 'august'],
      [9, 'september', 'sep', 'sept'],
      [10, 'oktober', 'okt', 'oct', 'october'],
      [11, 'november', 'nov', 'nop', 'nopember'],
      [12, 'desember', 'des', 'dec', 'december'],
    ] as const
  ).flatMap(([month, ...names]) => names.map((name) => [name, month] as const)),
);

const ISO_DATE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/;
const DAY_FIRST_DATE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/;
const NAMED_MONTH_DATE = /^(?:[\p{L}]+,\s*)?(\d{1,2})\s+([\p{L}]+)\.?\s+(\d{4})$/u;
const SERIAL = /^\d{5}(?:\.\d+)?$/;
/** Excel's day 0; serials after 28 Feb 1900 count from here (Excel's 1900 leap-year bug). */
const EXCEL_EPOCH: LocalDate = '1899-12-30';

const BAD_DATE: LocalizedText = {
  id: 'Tanggal tidak dikenali; gunakan DD/MM/YYYY (misalnya 07/12/2026) atau YYYY-MM-DD',
  en: 'Unrecognised date; use DD/MM/YYYY (e.g. 07/12/2026) or YYYY-MM-DD',
};

export function readPlanDate(cell: PlanCell): LocalDate | LocalizedText {
  if (cell instanceof Date) {
    return (
      dateFromParts({
        year: cell.getUTCFullYear(),
        month: cell.getUTCMonth() + 1,
        day: cell.getUTCDate(),
      }) ?? BAD_DATE
    );
  }
  if (typeof cell === 'number') return dateFromSerial(cell);
  const text = cellText(cell);
  if (text === '') return { id: 'Tanggal wajib diisi', en: 'Date is required' };
  if (SERIAL.test(text)) return dateFromSerial(Number(text));
  let parts: { year: number; month: number; day: number } | null = null;
  let match: RegExpExecArray | null;
  if ((match = ISO_DATE.exec(text))) {
    parts = { year: +match[1], month: +match[2], day: +match[3] };
  } else if ((match = DAY_FIRST_DATE.exec(text))) {
    const year = match[3].length === 2 ? 2000 + +match[3] : +match[3];
    parts = { year, month: +match[2], day: +match[1] };
  } else if ((match = NAMED_MONTH_DATE.exec(text))) {
    const month = MONTHS.get(match[2].toLowerCase());
    if (month) parts = { year: +match[3], month, day: +match[1] };
  }
  if (!parts) return BAD_DATE;
  return (
    dateFromParts(parts) ?? {
      id: `Tanggal ${text} tidak ada di kalender`,
      en: `Date ${text} does not exist`,
    }
  );
}

function dateFromSerial(serial: number): LocalDate | LocalizedText {
  // 25569 = 1970-01-01, 401768 = 2999-12-31: anything else is not a plan date.
  if (!Number.isFinite(serial) || serial < 25569 || serial >= 401769) return BAD_DATE;
  return addDaysToDate(EXCEL_EPOCH, Math.floor(serial));
}

const TIME_TEXT = /^(\d{1,2})[.:](\d{2})(?:[.:](\d{2}))?$/;
const BAD_TIME: LocalizedText = {
  id: 'Jam tidak dikenali; gunakan HH.mm atau HH:mm, misalnya 10.00',
  en: 'Unrecognised time; use HH.mm or HH:mm, e.g. 10.00',
};

export function readPlanTime(cell: PlanCell): LocalTime | LocalizedText {
  if (cell instanceof Date) {
    // Excel stores times as fractions of a day; round away float noise such as 09:59:59.999.
    const minutes = Math.round((cell.getTime() % 86_400_000) / 60_000);
    return minutesToTime(((minutes % 1440) + 1440) % 1440);
  }
  if (typeof cell === 'number') {
    if (!(cell >= 0 && cell < 1)) return BAD_TIME;
    const minutes = Math.round(cell * 1440);
    return minutes === 1440 ? timeFromParts(24, 0) : minutesToTime(minutes);
  }
  const text = cellText(cell);
  if (text === '') return { id: 'Jam wajib diisi', en: 'Time is required' };
  const match = TIME_TEXT.exec(text);
  if (!match) return BAD_TIME;
  if (match[3] !== undefined && +match[3] !== 0) {
    return {
      id: 'Jam posting dalam menit penuh; detik harus 00',
      en: 'Posting times are whole minutes; seconds must be 00',
    };
  }
  return timeFromParts(+match[1], +match[2]);
}

function minutesToTime(minutes: number): LocalTime | LocalizedText {
  return timeFromParts(Math.floor(minutes / 60), minutes % 60);
}

const NETWORK_ALIASES = new Map<string, SocialNetwork>([
  ['instagram', 'instagram'],
  ['ig', 'instagram'],
  ['insta', 'instagram'],
  ['facebook', 'facebook'],
  ['fb', 'facebook'],
  ['x', 'x'],
  ['twitter', 'x'],
]);

export function readPlanNetworks(cell: PlanCell): SocialNetwork[] | LocalizedText {
  const tokens = cellText(cell)
    .toLowerCase()
    .split(/[\s;,|/+]+/)
    .filter((token) => token.length > 0);
  if (tokens.length === 0) {
    return {
      id: `Jaringan wajib diisi: ${SOCIAL_NETWORKS.join(', ')}`,
      en: `Networks are required: ${SOCIAL_NETWORKS.join(', ')}`,
    };
  }
  const unknown = tokens.filter((token) => !NETWORK_ALIASES.has(token));
  if (unknown.length > 0) {
    return {
      id: `Jaringan tidak dikenal: ${unknown.join(', ')}; gunakan ${SOCIAL_NETWORKS.join(', ')}`,
      en: `Unknown network: ${unknown.join(', ')}; use ${SOCIAL_NETWORKS.join(', ')}`,
    };
  }
  return [...new Set(tokens.map((token) => NETWORK_ALIASES.get(token)!))];
}
