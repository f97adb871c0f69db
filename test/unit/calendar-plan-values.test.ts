import { describe, expect, it } from '@jest/globals';
import { detectDelimiter } from '../../src/calendar/plan-file';
import {
  columnForHeader,
  readPlanDate,
  readPlanNetworks,
  readPlanTime,
} from '../../src/calendar/plan-values';

describe('readPlanDate', () => {
  it.each([
    ['07/12/2026', '2026-12-07'],
    ['7/12/2026', '2026-12-07'],
    ['07-12-2026', '2026-12-07'],
    ['07.12.2026', '2026-12-07'],
    ['07/12/26', '2026-12-07'],
    ['2026-12-07', '2026-12-07'],
    ['2026/12/7', '2026-12-07'],
    ['7 Desember 2026', '2026-12-07'],
    ['7 Des 2026', '2026-12-07'],
    ['Senin, 7 Desember 2026', '2026-12-07'],
    ['17 Agustus 2026', '2026-08-17'],
    ['1 Mei 2026', '2026-05-01'],
    ['46363', '2026-12-07'],
    [46363, '2026-12-07'],
    [46363.4166666667, '2026-12-07'],
    [new Date(Date.UTC(2026, 11, 7)), '2026-12-07'],
    [new Date(Date.UTC(2026, 11, 7, 23, 59)), '2026-12-07'],
  ])('reads %j as %s (day first, as Indonesia writes it)', (cell, date) => {
    expect(readPlanDate(cell)).toBe(date);
  });

  it.each([
    ['31/02/2026', 'tidak ada'],
    ['29/02/2026', 'tidak ada'],
    ['12/31/2026', 'tidak ada'],
    ['7 Dezember 2026', 'tidak dikenali'],
    ['besok', 'tidak dikenali'],
    ['', 'wajib'],
    [12, 'tidak dikenali'],
  ])('rejects %j', (cell, fragment) => {
    const result = readPlanDate(cell);
    expect(typeof result).toBe('object');
    expect((result as { id: string }).id).toContain(fragment);
  });
});

describe('readPlanTime', () => {
  it.each([
    ['10.00', '10:00'],
    ['10:00', '10:00'],
    ['9.05', '09:05'],
    ['9:05', '09:05'],
    ['19.30', '19:30'],
    ['10:00:00', '10:00'],
    ['00.15', '00:15'],
    [0.4166666667, '10:00'],
    [0.8125, '19:30'],
    [new Date(Date.UTC(1899, 11, 30, 10, 0)), '10:00'],
    // Excel float noise: one millisecond short of 10:00.
    [new Date(Date.UTC(1899, 11, 30, 9, 59, 59, 999)), '10:00'],
  ])('reads %j as %s', (cell, time) => {
    expect(readPlanTime(cell)).toBe(time);
  });

  it.each([
    ['24.00', '24:00'],
    ['24:00', '24:00'],
    ['25:61', '00:00 dan 23:59'],
    ['10:00:30', 'detik'],
    ['jam 10', 'tidak dikenali'],
    ['1000', 'tidak dikenali'],
    ['', 'wajib'],
    [1.5, 'tidak dikenali'],
  ])('rejects %j', (cell, fragment) => {
    expect((readPlanTime(cell) as { id: string }).id).toContain(fragment);
  });
});

describe('readPlanNetworks', () => {
  it.each([
    ['instagram;facebook;x', ['instagram', 'facebook', 'x']],
    ['instagram, x', ['instagram', 'x']],
    ['IG / FB', ['instagram', 'facebook']],
    ['Twitter', ['x']],
    ['x; X; twitter', ['x']],
  ])('reads %j', (cell, networks) => {
    expect(readPlanNetworks(cell)).toEqual(networks);
  });

  it('names the unknown networks', () => {
    expect(readPlanNetworks('instagram;tiktok;threads')).toMatchObject({
      en: 'Unknown network: tiktok, threads; use instagram, facebook, x',
    });
    expect(readPlanNetworks(' ')).toMatchObject({ en: expect.stringContaining('required') });
  });
});

describe('headers', () => {
  it.each([
    ['Tanggal', 'date'],
    ['TANGGAL (DD/MM/YYYY)', 'date'],
    ['\uFEFFtanggal', 'date'],
    ['Jam', 'time'],
    ['Waktu', 'time'],
    ['time', 'time'],
    ['SKU', 'sku'],
    ['Kode Produk', 'sku'],
    ['Jaringan', 'networks'],
    ['networks', 'networks'],
    ['Templat', 'template'],
    ['Keterangan', 'caption'],
    ['Caption Template', 'caption_template'],
    ['templat-caption', 'caption_template'],
    ['Foto*', 'photo'],
    ['Catatan', null],
  ])('maps %j to %s', (header, column) => {
    expect(columnForHeader(header)).toBe(column);
  });

  it.each([
    ['tanggal;jam;sku;jaringan', ';'],
    ['date,time,sku,networks', ','],
    ['date\ttime\tsku', '\t'],
    ['"tanggal, lokal";jam;sku', ';'],
    ['tanggal', ','],
  ])('detects the delimiter of %j', (line, delimiter) => {
    expect(detectDelimiter(line)).toBe(delimiter);
  });
});
