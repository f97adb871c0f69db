import { describe, expect, it } from '@jest/globals';
import { readQuantity, readRupiah, readSalesCsv } from '../../src/metrics/sales/sales-file';

describe('sales file', () => {
  it.each([
    ['1.250.000', 1_250_000],
    ['Rp 1.250.000', 1_250_000],
    ['Rp1.250.000,00', 1_250_000],
    ['IDR 1,250,000', 1_250_000],
    ['1.250', 1_250],
    ['150000', 150_000],
    ['0', 0],
  ])('reads revenue %s as %d rupiah', (text, rupiah) => {
    expect(readRupiah(text)).toBe(rupiah);
  });

  it.each(['-150.000', '12,5', '1.25.000', 'seratus', '', '1.250.000,50'])(
    'refuses revenue %p',
    (text) => {
      expect(typeof readRupiah(text)).toBe('object');
    },
  );

  it('refuses negative and fractional quantities', () => {
    expect(readQuantity('3')).toBe(3);
    expect(readQuantity('-2')).toMatchObject({ en: 'Quantity must not be negative' });
    expect(readQuantity('1,5')).toMatchObject({ en: 'Quantity must be a whole number' });
  });

  it('reads an Excel CSV: BOM, semicolons, day-first dates, Indonesian headers', async () => {
    const file = Buffer.from(
      '\uFEFFTanggal;Kode Produk;Jumlah;Total Harga (Rp)\r\n' +
        '07/11/2026;bt-001;2;"Rp 1.250.000"\r\n' +
        ';;;\r\n' +
        '2026-11-08;BT-001;1;625.000\r\n',
      'utf8',
    );
    const read = await readSalesCsv(file);
    expect(read.errors).toEqual([]);
    expect(read.rows).toEqual([
      { row: 2, date: '2026-11-07', sku: 'BT-001', quantity: 2, revenueIdr: 1_250_000 },
      { row: 4, date: '2026-11-08', sku: 'BT-001', quantity: 1, revenueIdr: 625_000 },
    ]);
  });

  it('names every bad cell by row and column, and a missing column by the header row', async () => {
    const bad = await readSalesCsv('date,sku,quantity,revenue\n31/02/2026,BT-001,-1,12.5.0\n');
    expect(bad.errors.map((e) => [e.row, e.column])).toEqual([
      [2, 'date'],
      [2, 'quantity'],
      [2, 'revenue'],
    ]);
    const missing = await readSalesCsv('date,sku,jumlah\n2026-11-01,BT-001,1\n');
    expect(missing.errors).toEqual([expect.objectContaining({ row: 1, column: 'revenue' })]);
  });
});
