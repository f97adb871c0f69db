/**
 * Reading a monthly sales file (CSV exported from a marketplace shop or kept by the gallery):
 * one row per sale or per day and product, with date, SKU, quantity and revenue in rupiah.
 * Excel habits are expected as in the plan file: a UTF-8 BOM, ";" or "," as delimiter,
 * 07/12/2026 (day first) or 2026-12-07, and revenue written "1.250.000", "Rp 1.250.000" or
 * "1.250.000,00". Headers may be in Bahasa Indonesia or English.
 *
 * Every problem is reported as { row, column, message: { id, en } } with `row` as staff see it
 * in Excel (header = row 1; 0 = the whole file). Whether a SKU exists is the service's check.
 */
import type { LocalizedText } from '../../common/app-error';
import { headerReader } from '../../common/csv-header';
import { csvRecords, FileUnreadable } from '../../calendar/plan-sources';
import { cellText, readPlanDate, type PlanCell } from '../../calendar/plan-values';
import type { LocalDate } from '../../calendar/local-time';
import { parseSku } from '../../catalogue/sku';
import { MAX_PRICE_RUPIAH } from '../../catalogue/rupiah';

export const SALES_COLUMNS = ['date', 'sku', 'quantity', 'revenue'] as const;
export type SalesColumn = (typeof SALES_COLUMNS)[number];

export interface SalesRow {
  row: number;
  date: LocalDate;
  sku: string;
  quantity: number;
  revenueIdr: number;
}

export interface SalesError {
  row: number;
  column: SalesColumn | null;
  message: LocalizedText;
}

export interface SalesReadResult {
  rows: SalesRow[];
  errors: SalesError[];
}

const HEADER_ALIASES: Record<SalesColumn, readonly string[]> = {
  date: ['tanggal', 'tgl', 'date', 'tanggal_transaksi', 'tanggal_pesanan', 'tanggal_penjualan'],
  sku: ['sku', 'kode_produk', 'kode_sku', 'product_sku', 'sku_induk'],
  quantity: [
    'jumlah',
    'qty',
    'kuantitas',
    'quantity',
    'jumlah_produk',
    'terjual',
    'jumlah_terjual',
  ],
  revenue: [
    'pendapatan',
    'omzet',
    'omset',
    'revenue',
    'total',
    'total_harga',
    'total_penjualan',
    'nilai_penjualan',
    'penjualan',
  ],
};

/** "Tanggal (DD/MM/YYYY)", " Total Harga (Rp) " -> canonical column, or null. */
export const salesColumnForHeader = headerReader(SALES_COLUMNS, HEADER_ALIASES);

const RUPIAH_DOTS = /^\d{1,3}(?:\.\d{3})+(?:,0{1,2})?$/;
const RUPIAH_COMMAS = /^\d{1,3}(?:,\d{3})+(?:\.0{1,2})?$/;
const RUPIAH_PLAIN = /^\d+(?:[.,]0{1,2})?$/;

/**
 * "Rp 1.250.000", "1.250.000,00", "IDR 1,250,000", "1250000" -> 1250000. Rupiah are whole, so
 * decimals other than zero are refused, and a lone separator with three digits after it counts
 * as thousands the Indonesian way ("1.250" = 1,250).
 */
export function readRupiah(cell: PlanCell): number | LocalizedText {
  if (typeof cell === 'number') return wholeRupiah(cell);
  const text = cellText(cell)
    .replace(/^(?:rp\.?|idr)\s*/i, '')
    .replace(/\s+/g, '');
  if (text === '') return { id: 'Pendapatan wajib diisi', en: 'Revenue is required' };
  if (text.startsWith('-')) {
    return { id: 'Pendapatan tidak boleh negatif', en: 'Revenue must not be negative' };
  }
  let digits: string | null = null;
  if (RUPIAH_DOTS.test(text)) digits = text.replace(/,.*$/, '').replace(/\./g, '');
  else if (RUPIAH_COMMAS.test(text)) digits = text.replace(/\..*$/, '').replace(/,/g, '');
  else if (RUPIAH_PLAIN.test(text)) digits = text.replace(/[.,].*$/, '');
  if (digits === null) {
    return {
      id: `Pendapatan "${cellText(cell)}" tidak dikenali; tulis rupiah bulat, misalnya 1.250.000`,
      en: `Unrecognised revenue "${cellText(cell)}"; write whole rupiah, e.g. 1.250.000`,
    };
  }
  return wholeRupiah(Number(digits));
}

function wholeRupiah(amount: number): number | LocalizedText {
  if (amount < 0) {
    return { id: 'Pendapatan tidak boleh negatif', en: 'Revenue must not be negative' };
  }
  if (!Number.isSafeInteger(amount) || amount > MAX_PRICE_RUPIAH) {
    return {
      id: 'Pendapatan harus rupiah bulat yang wajar',
      en: 'Revenue must be a plausible whole number of rupiah',
    };
  }
  return amount;
}

const MAX_QUANTITY = 1_000_000;

export function readQuantity(cell: PlanCell): number | LocalizedText {
  const text = cellText(cell).replace(/\./g, '');
  if (text === '') return { id: 'Jumlah wajib diisi', en: 'Quantity is required' };
  if (!/^-?\d+$/.test(text)) {
    return { id: 'Jumlah harus bilangan bulat', en: 'Quantity must be a whole number' };
  }
  const quantity = Number(text);
  if (quantity < 0) {
    return { id: 'Jumlah tidak boleh negatif', en: 'Quantity must not be negative' };
  }
  if (quantity > MAX_QUANTITY) {
    return {
      id: `Jumlah paling banyak ${MAX_QUANTITY} per baris`,
      en: `Quantity is at most ${MAX_QUANTITY} per row`,
    };
  }
  return quantity;
}

function isText(value: unknown): value is LocalizedText {
  return typeof value === 'object' && value !== null && 'en' in value;
}

/** Reads every row; all problems are returned, none thrown (an unreadable file is row 0). */
export async function readSalesCsv(input: Buffer | string): Promise<SalesReadResult> {
  const rows: SalesRow[] = [];
  const errors: SalesError[] = [];
  let columns: (SalesColumn | null)[] | null = null;
  try {
    for await (const record of csvRecords(input)) {
      if (!columns) {
        columns = record.cells.map((cell) => salesColumnForHeader(cellText(cell)));
        const missing = SALES_COLUMNS.filter((c) => !columns!.includes(c));
        for (const column of missing) {
          errors.push({
            row: 1,
            column,
            message: {
              id: `Kolom ${column} tidak ada di baris judul`,
              en: `The header row has no ${column} column`,
            },
          });
        }
        if (missing.length > 0) return { rows: [], errors };
        continue;
      }
      if (record.cells.every((cell) => cellText(cell) === '')) continue;
      const cells = new Map<SalesColumn, PlanCell>();
      columns.forEach((column, i) => {
        if (column && !cells.has(column)) cells.set(column, record.cells[i] ?? null);
      });
      const read = readRow(record.row, cells);
      if ('errors' in read) errors.push(...read.errors);
      else rows.push(read);
    }
  } catch (error) {
    if (!(error instanceof FileUnreadable)) throw error;
    errors.push({ row: 0, column: null, message: error.text });
  }
  if (!columns) {
    errors.push({
      row: 0,
      column: null,
      message: { id: 'Berkas kosong', en: 'The file is empty' },
    });
  }
  return { rows, errors };
}

function readRow(
  row: number,
  cells: Map<SalesColumn, PlanCell>,
): SalesRow | { errors: SalesError[] } {
  const errors: SalesError[] = [];
  const date = readPlanDate(cells.get('date') ?? null);
  if (isText(date)) errors.push({ row, column: 'date', message: date });
  const sku = parseSku(cellText(cells.get('sku') ?? null));
  if (!sku.ok) errors.push({ row, column: 'sku', message: sku.reason });
  const quantity = readQuantity(cells.get('quantity') ?? null);
  if (isText(quantity)) errors.push({ row, column: 'quantity', message: quantity });
  const revenue = readRupiah(cells.get('revenue') ?? null);
  if (isText(revenue)) errors.push({ row, column: 'revenue', message: revenue });
  if (errors.length > 0 || isText(date) || !sku.ok || isText(quantity) || isText(revenue)) {
    return { errors };
  }
  return { row, date, sku: sku.sku, quantity, revenueIdr: revenue };
}
