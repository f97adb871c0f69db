/**
 * The monthly report as tables: the dashboard object in, titled tables out, one per section.
 * The CSV holds them one after another; the XLSX holds one sheet each. Values stay raw numbers
 * (rates as fractions, money in whole rupiah) so a spreadsheet can compute with them; the PDF
 * formats them for reading.
 */
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { Dashboard } from './dashboard.service';

export type Cell = string | number | null;

export interface ReportTable {
  title: string;
  columns: string[];
  rows: Cell[][];
}

export const WEEKDAYS_ID = ['Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu', 'Minggu'];

export const NETWORK_LABELS: Readonly<Record<string, string>> = {
  instagram: 'Instagram',
  facebook: 'Facebook',
  x: 'X',
};

export function reportTables(d: Dashboard): ReportTable[] {
  const t = d.totals;
  const totalRow = (
    label: string,
    key: keyof typeof t.previous,
    change?: number | null,
  ): Cell[] => [label, t[key], t.previous[key], change ?? null];
  return [
    {
      title: 'Ringkasan',
      columns: ['Ukuran', `Bulan ${d.month}`, `Bulan ${d.previousMonth}`, 'Perubahan'],
      rows: [
        totalRow('Unggahan', 'posts', t.change.posts),
        totalRow('Jangkauan', 'reach', t.change.reach),
        totalRow('Tayangan', 'views'),
        totalRow('Interaksi', 'interactions', t.change.interactions),
        totalRow('Tingkat keterlibatan', 'engagementRate'),
        totalRow('Klik tautan', 'clicks', t.change.clicks),
        totalRow('Rasio klik', 'clickThroughRate'),
        totalRow('Penjualan (unit)', 'salesQuantity'),
        totalRow('Pendapatan (Rp)', 'salesRevenueIdr', t.change.salesRevenueIdr),
      ],
    },
    {
      title: 'Produk dengan minat tertinggi',
      columns: [
        'Peringkat',
        'Produk',
        'Lembaga',
        'Skor minat',
        'Unggahan',
        'Jangkauan',
        'Interaksi',
        'Klik',
        'Penjualan (unit)',
        'Pendapatan (Rp)',
      ],
      rows: d.products.top.map((p, i) => [
        i + 1,
        p.name,
        p.institutionName,
        p.interestScore,
        p.posts,
        p.reach,
        p.interactions,
        p.clicks,
        p.salesQuantity,
        p.salesRevenueIdr,
      ]),
    },
    {
      title: 'Tren harian',
      columns: [
        'Tanggal',
        'Unggahan',
        'Jangkauan',
        'Tayangan',
        'Interaksi',
        'Tingkat keterlibatan',
      ],
      rows: d.daily.map((p) => [
        p.day,
        p.posts,
        p.reach,
        p.views,
        p.interactions,
        p.engagementRate,
      ]),
    },
    {
      title: 'Perbandingan jaringan',
      columns: [
        'Jaringan',
        'Unggahan',
        'Jangkauan',
        'Tayangan',
        'Interaksi',
        'Tingkat keterlibatan',
        'Unggahan bulan lalu',
      ],
      rows: d.networks.map((n) => [
        NETWORK_LABELS[n.network] ?? n.network,
        n.posts,
        n.reach,
        n.views,
        n.interactions,
        n.engagementRate,
        n.previous.posts,
      ]),
    },
    {
      title: 'Waktu unggah',
      columns: ['Hari', 'Jam', 'Unggahan', 'Tingkat keterlibatan'],
      rows: d.postingTimes.cells.map((c) => [
        WEEKDAYS_ID[c.weekday - 1],
        c.hour,
        c.posts,
        c.engagementRate,
      ]),
    },
    {
      title: 'Keandalan penerbitan',
      columns: ['Ukuran', 'Nilai'],
      rows: [
        ['Target', d.reliability.targets],
        ['Terbit', d.reliability.published],
        ['Gagal', d.reliability.failed],
        ['Tepat waktu', d.reliability.onTime],
        ['Porsi tepat waktu', d.reliability.onTimeShare],
        ...d.reliability.failuresByReason.map((f): Cell[] => [`Gagal: ${f.reason}`, f.count]),
      ],
    },
  ];
}

/** Sections one after another, each under its title row, a blank line between them. */
export function reportCsv(tables: readonly ReportTable[]): string {
  const lines: Cell[][] = [];
  tables.forEach((table, i) => {
    if (i > 0) lines.push([]);
    lines.push([table.title], table.columns, ...table.rows);
  });
  return stringify(lines, { record_delimiter: '\r\n' });
}

export async function reportXlsx(tables: readonly ReportTable[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  for (const table of tables) {
    const sheet = book.addWorksheet(table.title.slice(0, 31));
    sheet.addRow(table.columns).font = { bold: true };
    for (const row of table.rows) sheet.addRow(row);
    sheet.columns.forEach((column) => (column.width = 18));
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
