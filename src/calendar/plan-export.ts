/**
 * Writing the weekly plan in the format plan-file.ts reads, so an exported plan imports back
 * unchanged (a round trip).
 *
 *   writePlanCsv(entries, { lang = 'id', delimiter = ',' }): Buffer
 *   writePlanXlsx(entries, { lang = 'id' }): Promise<Buffer>
 *
 * CSV: UTF-8 with a BOM (so Excel reads the accents), "," between fields and CRLF between rows
 * (RFC 4180; Google Sheets and LibreOffice ask nothing). Excel with Indonesian regional
 * settings splits on ";": pass `delimiter: ';'`, or use the XLSX, which opens everywhere.
 * Dates are written YYYY-MM-DD and times HH:mm, which no locale misreads. A text cell that
 * Excel would run as a formula (=, +, -, @ first) gets a leading "'", which the reader drops.
 *
 * XLSX: one sheet "Rencana" (or "Plan"); the date column holds real Excel dates shown as
 * dd/mm/yyyy, the time column text "HH:mm", so Excel never turns 10:00 into a fraction.
 */
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { dateParts } from './local-time';
import type { PlanEntry } from './plan-file';
import { PLAN_COLUMNS, PLAN_HEADERS, type PlanColumn } from './plan-values';

export interface WritePlanOptions {
  lang?: 'id' | 'en';
}

const UTF8_BOM = '\uFEFF';

export function writePlanCsv(
  entries: readonly PlanEntry[],
  options: WritePlanOptions & { delimiter?: ',' | ';' } = {},
): Buffer {
  const headers = PLAN_HEADERS[options.lang ?? 'id'];
  const records = [
    PLAN_COLUMNS.map((column) => headers[column]),
    ...entries.map((entry) => PLAN_COLUMNS.map((column) => escapeFormula(cellOf(entry, column)))),
  ];
  const text = stringify(records, {
    delimiter: options.delimiter ?? ',',
    record_delimiter: 'windows',
  });
  return Buffer.from(UTF8_BOM + text, 'utf8');
}

export async function writePlanXlsx(
  entries: readonly PlanEntry[],
  options: WritePlanOptions = {},
): Promise<Buffer> {
  const lang = options.lang ?? 'id';
  const headers = PLAN_HEADERS[lang];
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Karya';
  const sheet = workbook.addWorksheet(lang === 'id' ? 'Rencana' : 'Plan', {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.columns = PLAN_COLUMNS.map((column) => ({
    header: headers[column],
    key: column,
    width: COLUMN_WIDTHS[column],
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getColumn('date').numFmt = 'dd/mm/yyyy';
  sheet.getColumn('caption').alignment = { wrapText: true, vertical: 'top' };
  for (const entry of entries) {
    sheet.addRow(
      Object.fromEntries(
        PLAN_COLUMNS.map((column) => [
          column,
          column === 'date' ? excelDate(entry.date) : cellOf(entry, column),
        ]),
      ),
    );
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const COLUMN_WIDTHS: Record<PlanColumn, number> = {
  date: 12,
  time: 8,
  sku: 16,
  networks: 24,
  template: 18,
  caption: 60,
  caption_template: 20,
  photo: 28,
};

function cellOf(entry: PlanEntry, column: PlanColumn): string {
  switch (column) {
    case 'date':
      return entry.date;
    case 'time':
      return entry.time;
    case 'sku':
      return entry.sku;
    case 'networks':
      return entry.networks.join(';');
    case 'template':
      return entry.template ?? '';
    case 'caption':
      return entry.caption ?? '';
    case 'caption_template':
      return entry.captionTemplate ?? '';
    case 'photo':
      return entry.photo ?? '';
  }
}

/** exceljs writes a Date's UTC fields as the spreadsheet's wall-clock date. */
function excelDate(date: string): Date {
  const { year, month, day } = dateParts(date);
  return new Date(Date.UTC(year, month - 1, day));
}

function escapeFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
