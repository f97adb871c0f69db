/**
 * Reading the weekly plan file (CSV or XLSX): one row per post with date and time (local, in
 * the institution's zone), product SKU, networks, image template, caption or caption template,
 * and photo (a media id or the original file name). Files saved from Excel are expected: a
 * UTF-8 BOM, ";" as delimiter, 07/12/2026 (day first), "10.00", headers in Bahasa Indonesia.
 *
 * Every row is read and every problem reported as { row, column, message: { id, en } }, where
 * `row` is the row number staff see in Excel (the header is row 1) and `column` the canonical
 * column key; row 0 means the whole file. The import is all-or-nothing: the service stores the
 * rows only when `errors` is empty. What needs the database (does the SKU exist, is the photo
 * cleared, does the template exist, is the date blacked out) is the service's `check` hook,
 * called with batches of rows that parsed cleanly; it returns errors in the same shape.
 *
 *   readPlanFile(input: Buffer, options?): Promise<PlanReadResult>   XLSX (by magic bytes) or CSV
 *   readPlanCsv(input: Buffer | string | AsyncIterable<Uint8Array | string>, options?)
 *   readPlanXlsx(input: Buffer, options?)
 *   detectDelimiter(firstLine): ',' | ';' | '\t'
 *
 * Large files: rows stream through the parser; `onProgress` fires every `progressEvery` rows
 * (and at the end) and the reader yields to the event loop there, so a 5,000-row import does
 * not stall other requests. CSV text that is not valid UTF-8 is read as Windows-1252 (Excel's
 * "CSV (Comma delimited)" on Windows); streamed input must be UTF-8. Writing: plan-export.ts.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { LocalizedText } from '../common/app-error';
import type { SocialNetwork } from '../content/rendering/template';
import { parseSku } from '../catalogue/sku';
import { instantOf, type CalendarZone, type LocalDate, type LocalTime } from './local-time';
import { csvRecords, FileUnreadable, xlsxRecords, type SourceRecord } from './plan-sources';
import {
  cellText,
  columnForHeader,
  PLAN_COLUMNS,
  readPlanDate,
  readPlanNetworks,
  readPlanTime,
  type PlanCell,
  type PlanColumn,
} from './plan-values';

export { detectDelimiter } from './plan-sources';
export { PLAN_COLUMNS, type PlanCell, type PlanColumn } from './plan-values';

export interface PlanEntry {
  date: LocalDate;
  time: LocalTime;
  sku: string;
  networks: SocialNetwork[];
  template: string | null;
  caption: string | null;
  captionTemplate: string | null;
  photo: string | null;
}

export interface PlanRow extends PlanEntry {
  /** Row number as shown in the spreadsheet; the header is row 1. */
  row: number;
}

export interface PlanError {
  row: number;
  column: PlanColumn | null;
  /** The header text used in the file for that column, when there was one. */
  header?: string;
  message: LocalizedText;
}

export interface PlanProgress {
  rowsRead: number;
  /** 0-1 when the size is known (buffers; XLSX), otherwise absent. */
  fraction?: number;
}

/** Database checks for rows that parsed cleanly; may be called several times, in file order. */
export type PlanRowCheck = (rows: readonly PlanRow[]) => Promise<PlanError[]> | PlanError[];

export interface ReadPlanOptions {
  onProgress?: (progress: PlanProgress) => void;
  progressEvery?: number;
  check?: PlanRowCheck;
  checkBatchSize?: number;
  maxRows?: number;
  maxErrors?: number;
  /** With `now`, rows at or before now get an error on their time column. */
  zone?: CalendarZone;
  now?: Date;
}

export interface PlanReadResult {
  format: 'csv' | 'xlsx';
  rows: PlanRow[];
  errors: PlanError[];
  /** True when more than `maxErrors` problems were found and the rest were left out. */
  errorsTruncated: boolean;
  /** Headers that name no known column; their cells are ignored. */
  ignoredColumns: string[];
}

export const PLAN_MAX_ROWS = 10_000;
const TEXT_MAX = { caption: 10_000, key: 100, photo: 255 };

export async function readPlanFile(
  input: Buffer,
  options: ReadPlanOptions = {},
): Promise<PlanReadResult> {
  if (input.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) {
    return fileError('xlsx', {
      id: 'Format .xls lama tidak didukung; simpan sebagai .xlsx atau CSV',
      en: 'The old .xls format is not supported; save as .xlsx or CSV',
    });
  }
  const zip = input.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  return zip ? readPlanXlsx(input, options) : readPlanCsv(input, options);
}

export function readPlanCsv(
  input: Buffer | string | AsyncIterable<Uint8Array | string>,
  options: ReadPlanOptions = {},
): Promise<PlanReadResult> {
  return readRecords('csv', csvRecords(input), options);
}

export function readPlanXlsx(
  input: Buffer,
  options: ReadPlanOptions = {},
): Promise<PlanReadResult> {
  return readRecords('xlsx', xlsxRecords(input), options);
}

async function readRecords(
  format: 'csv' | 'xlsx',
  records: AsyncIterable<SourceRecord>,
  options: ReadPlanOptions,
): Promise<PlanReadResult> {
  const progressEvery = options.progressEvery ?? 250;
  const maxRows = options.maxRows ?? PLAN_MAX_ROWS;
  const maxErrors = options.maxErrors ?? 1_000;
  const errors: PlanError[] = [];
  const rows: PlanRow[] = [];
  let pending: PlanRow[] = [];
  let header: Header | null = null;
  let dataRows = 0;
  const flush = async (): Promise<void> => {
    if (options.check && pending.length > 0) errors.push(...(await options.check(pending)));
    pending = [];
  };
  try {
    for await (const record of records) {
      if (record.cells.every((cell) => cellText(cell) === '')) continue;
      if (!header) {
        header = readHeader(record, errors);
        if (errors.length > 0) break;
        continue;
      }
      if (++dataRows > maxRows) {
        errors.push(fileLevel(record.row, tooManyRows(maxRows)));
        break;
      }
      const row = readRow(record, header, errors, options);
      if (row) {
        rows.push(row);
        pending.push(row);
      }
      if (pending.length >= (options.checkBatchSize ?? 500)) await flush();
      if (errors.length > maxErrors) break;
      if (dataRows % progressEvery === 0) {
        options.onProgress?.({ rowsRead: dataRows, fraction: record.fraction });
        await nextTurn();
      }
    }
  } catch (error) {
    if (!(error instanceof FileUnreadable)) throw error;
    return fileError(format, error.text);
  }
  if (errors.length <= maxErrors) await flush();
  if (!header) {
    errors.push(fileLevel(0, { id: 'Berkas kosong', en: 'The file is empty' }));
  } else if (dataRows === 0 && errors.length === 0) {
    errors.push(
      fileLevel(0, { id: 'Berkas tidak berisi baris rencana', en: 'The file has no plan rows' }),
    );
  }
  options.onProgress?.({ rowsRead: dataRows, fraction: 1 });
  errors.sort((a, b) => a.row - b.row || columnOrder(a.column) - columnOrder(b.column));
  return {
    format,
    rows,
    errors: errors.slice(0, maxErrors),
    errorsTruncated: errors.length > maxErrors,
    ignoredColumns: header?.ignored ?? [],
  };
}

interface Header {
  indexes: Map<PlanColumn, number>;
  labels: Map<PlanColumn, string>;
  ignored: string[];
}

const REQUIRED_COLUMNS: readonly PlanColumn[] = ['date', 'time', 'sku', 'networks'];

function readHeader(record: SourceRecord, errors: PlanError[]): Header {
  const header: Header = { indexes: new Map(), labels: new Map(), ignored: [] };
  record.cells.forEach((cell, index) => {
    const text = cellText(cell);
    if (text === '') return;
    const column = columnForHeader(text);
    if (!column) {
      header.ignored.push(text);
    } else if (header.indexes.has(column)) {
      errors.push({
        row: record.row,
        column,
        header: text,
        message: {
          id: `Kolom ${text} muncul dua kali`,
          en: `Column ${text} appears twice`,
        },
      });
    } else {
      header.indexes.set(column, index);
      header.labels.set(column, text);
    }
  });
  for (const column of REQUIRED_COLUMNS) {
    if (!header.indexes.has(column)) errors.push(missingColumn(record.row, column));
  }
  if (!header.indexes.has('caption') && !header.indexes.has('caption_template')) {
    errors.push(missingColumn(record.row, 'caption'));
  }
  return header;
}

function readRow(
  record: SourceRecord,
  header: Header,
  errors: PlanError[],
  options: ReadPlanOptions,
): PlanRow | null {
  const before = errors.length;
  const report = (column: PlanColumn, message: LocalizedText): null => {
    errors.push({ row: record.row, column, header: header.labels.get(column), message });
    return null;
  };
  const cell = (column: PlanColumn): PlanCell => {
    const index = header.indexes.get(column);
    const value = index === undefined ? null : (record.cells[index] ?? null);
    return typeof value === 'string' ? unescapeFormula(value) : value;
  };
  const tooLong = new Set<PlanColumn>();
  const text = (column: PlanColumn, max: number): string | null => {
    const value = cellText(cell(column)).replace(/\r\n?/g, '\n');
    if (value.length > max) {
      tooLong.add(column);
      return report(column, {
        id: `Paling panjang ${max} karakter`,
        en: `At most ${max} characters`,
      });
    }
    return value === '' ? null : value;
  };

  const date = readPlanDate(cell('date'));
  if (typeof date !== 'string') report('date', date);
  const time = readPlanTime(cell('time'));
  if (typeof time !== 'string') report('time', time);
  const sku = parseSku(cellText(cell('sku')));
  if (!sku.ok) report('sku', sku.reason);
  const networks = readPlanNetworks(cell('networks'));
  if (!Array.isArray(networks)) report('networks', networks);
  const template = text('template', TEXT_MAX.key);
  const caption = text('caption', TEXT_MAX.caption);
  const captionTemplate = text('caption_template', TEXT_MAX.key);
  const photo = text('photo', TEXT_MAX.photo);
  if (caption && captionTemplate) {
    report('caption_template', {
      id: 'Isi caption atau templat caption, tidak keduanya',
      en: 'Give a caption or a caption template, not both',
    });
  } else if (
    !caption &&
    !captionTemplate &&
    !tooLong.has('caption') &&
    !tooLong.has('caption_template')
  ) {
    report(header.indexes.has('caption') ? 'caption' : 'caption_template', {
      id: 'Caption atau templat caption wajib diisi',
      en: 'A caption or a caption template is required',
    });
  }
  if (typeof date === 'string' && typeof time === 'string' && options.zone && options.now) {
    if (instantOf(date, time, options.zone) <= options.now) {
      report('time', { id: 'Waktu posting sudah lewat', en: 'The posting time is in the past' });
    }
  }
  if (errors.length > before || typeof date !== 'string' || typeof time !== 'string') return null;
  if (!sku.ok || !Array.isArray(networks)) return null;
  return {
    row: record.row,
    date,
    time,
    sku: sku.sku,
    networks,
    template,
    caption,
    captionTemplate,
    photo,
  };
}

/** Undoes the "'" that plan-export puts before cells Excel would run as formulas. */
function unescapeFormula(value: string): string {
  return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}

function fileError(format: 'csv' | 'xlsx', message: LocalizedText): PlanReadResult {
  return {
    format,
    rows: [],
    errors: [fileLevel(0, message)],
    errorsTruncated: false,
    ignoredColumns: [],
  };
}

function fileLevel(row: number, message: LocalizedText): PlanError {
  return { row, column: null, message };
}

function missingColumn(row: number, column: PlanColumn): PlanError {
  const names = column === 'caption' ? 'caption / templat_caption' : column;
  return {
    row,
    column,
    message: { id: `Kolom ${names} tidak ada`, en: `Column ${names} is missing` },
  };
}

function tooManyRows(max: number): LocalizedText {
  return {
    id: `Paling banyak ${max} baris per berkas`,
    en: `At most ${max} rows per file`,
  };
}

function columnOrder(column: PlanColumn | null): number {
  return column === null ? -1 : PLAN_COLUMNS.indexOf(column);
}
