import { describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import { writePlanCsv, writePlanXlsx } from '../../src/calendar/plan-export';
import {
  readPlanCsv,
  readPlanFile,
  readPlanXlsx,
  type PlanEntry,
  type PlanError,
  type PlanProgress,
  type PlanRow,
} from '../../src/calendar/plan-file';

const GOOD_CSV = [
  'date,time,sku,networks,template,caption,caption_template,photo',
  '2026-12-07,10:00,JRS-001,instagram;facebook,produk-persegi,"Jersey karya warga binaan, kualitas ekspor",,jersey-depan.jpg',
  '2026-12-09,19:30,btk-lintas5,"instagram, x",,,promo-mingguan,3f0e9a4c-4b1e-4c55-9b59-0b9f6a1c2d3e',
].join('\n');

/** Error positions only, for exact comparison. */
const where = (errors: PlanError[]): [number, string | null][] =>
  errors.map((e) => [e.row, e.column]);

describe('reading a good CSV', () => {
  it('returns every row with canonical values and its spreadsheet row number', async () => {
    const result = await readPlanCsv(GOOD_CSV);
    expect(result.errors).toEqual([]);
    expect(result.rows).toEqual([
      {
        row: 2,
        date: '2026-12-07',
        time: '10:00',
        sku: 'JRS-001',
        networks: ['instagram', 'facebook'],
        template: 'produk-persegi',
        caption: 'Jersey karya warga binaan, kualitas ekspor',
        captionTemplate: null,
        photo: 'jersey-depan.jpg',
      },
      {
        row: 3,
        date: '2026-12-09',
        time: '19:30',
        sku: 'BTK-LINTAS5',
        networks: ['instagram', 'x'],
        template: null,
        caption: null,
        captionTemplate: 'promo-mingguan',
        photo: '3f0e9a4c-4b1e-4c55-9b59-0b9f6a1c2d3e',
      },
    ]);
  });
});

describe('reading a CSV saved from Excel (Indonesian settings)', () => {
  const excelCsv = Buffer.from(
    '\uFEFF' +
      [
        'Tanggal;Jam;SKU;Jaringan;Templat;Keterangan;Foto;Catatan',
        '07/12/2026;10.00;JRS-001;instagram, x;produk-persegi;"Diskon; harga khusus ""Hari Bakti""\r\nPesan sekarang!";jersey.jpg;cek stok',
        ';;;;;;;',
        '8/12/2026;9.05;BTK-002;facebook;;Batik Lintas 5;batik.jpg;',
        '',
      ].join('\r\n'),
    'utf8',
  );

  it('handles BOM, semicolons, quoted multi-line captions, day-first dates and "10.00"', async () => {
    const result = await readPlanFile(excelCsv);
    expect(result.format).toBe('csv');
    expect(result.errors).toEqual([]);
    expect(result.ignoredColumns).toEqual(['Catatan']);
    expect(result.rows).toMatchObject([
      {
        row: 2,
        date: '2026-12-07',
        time: '10:00',
        sku: 'JRS-001',
        networks: ['instagram', 'x'],
        caption: 'Diskon; harga khusus "Hari Bakti"\nPesan sekarang!',
        photo: 'jersey.jpg',
      },
      // Row 3 is Excel's empty ";;;;;;;" line: skipped, but still counted.
      { row: 4, date: '2026-12-08', time: '09:05', sku: 'BTK-002', networks: ['facebook'] },
    ]);
  });

  it('reads a Windows-1252 file (Excel "CSV (Comma delimited)") without mangling accents', async () => {
    const text =
      'tanggal,jam,sku,jaringan,keterangan\r\n07/12/2026,10.00,KOP-01,x,Kopi café Lapas\r\n';
    const result = await readPlanCsv(Buffer.from(text, 'latin1'));
    expect(result.errors).toEqual([]);
    expect(result.rows[0].caption).toBe('Kopi café Lapas');
  });

  it('reads the same file streamed in chunks split mid-character', async () => {
    const bytes = Buffer.from(
      'tanggal;jam;sku;jaringan;keterangan\n07/12/2026;10.00;KOP-01;x;Kopi café — karya warga binaan 🎉\n',
      'utf8',
    );
    const chunks = Array.from({ length: Math.ceil(bytes.length / 7) }, (_, i) =>
      bytes.subarray(i * 7, i * 7 + 7),
    );
    const result = await readPlanCsv(Readable.from(chunks));
    expect(result.errors).toEqual([]);
    expect(result.rows[0].caption).toBe('Kopi café — karya warga binaan 🎉');
  });
});

describe('a file with mixed errors', () => {
  const csv = [
    'tanggal;jam;sku;jaringan;keterangan;templat_caption;foto',
    '07/12/2026;10.00;JRS-001;instagram;Jersey ekspor;;jersey.jpg', // 2 ok
    '31/02/2026;10.00;JRS-001;instagram;Jersey;;jersey.jpg', // 3 date
    '08/12/2026;24.00;bad sku!;instagram;Jersey;;jersey.jpg', // 4 time + sku
    '08/12/2026;11.00;JRS-001;tiktok;Jersey;;jersey.jpg', // 5 networks
    '09/12/2026;11.00;JRS-001;instagram,tiktok;Jersey;;jersey.jpg', // 6 networks
    '09/12/2026;12.00;JRS-001;x;Jersey;promo;jersey.jpg', // 7 caption and template
    '09/12/2026;13.00;JRS-001;x;;;jersey.jpg', // 8 no caption
    ';;;;;;', // 9 empty
    '10/12/2026;10.00;TIDAK-ADA;x;Jersey;;belum-izin.jpg', // 10 hook: sku, photo
    '01/12/2026;10.00;JRS-001;x;Jersey;;jersey.jpg', // 11 past
    '11/12/2026;10.00;JRS-001;fb;Jersey;;jersey.jpg', // 12 ok
    `11/12/2026;14.00;JRS-001;fb;${'x'.repeat(10_001)};;jersey.jpg`, // 13 caption too long
  ].join('\n');

  it('reports every problem by row and column, in order, and runs the service check', async () => {
    const checked: number[] = [];
    const result = await readPlanCsv(csv, {
      zone: 'Asia/Jakarta',
      now: new Date('2026-12-05T00:00:00Z'),
      check: (rows) => {
        checked.push(...rows.map((r) => r.row));
        return rows.flatMap((r): PlanError[] =>
          r.sku === 'TIDAK-ADA'
            ? [
                {
                  row: r.row,
                  column: 'sku',
                  message: { id: 'SKU tidak dikenal', en: 'Unknown SKU' },
                },
                {
                  row: r.row,
                  column: 'photo',
                  message: { id: 'Foto belum memiliki izin', en: 'Photo is not cleared' },
                },
              ]
            : [],
        );
      },
    });
    expect(where(result.errors)).toEqual([
      [3, 'date'],
      [4, 'time'],
      [4, 'sku'],
      [5, 'networks'],
      [6, 'networks'],
      [7, 'caption_template'],
      [8, 'caption'],
      [10, 'sku'],
      [10, 'photo'],
      [11, 'time'],
      [13, 'caption'],
    ]);
    expect(result.errors[0]).toEqual({
      row: 3,
      column: 'date',
      header: 'tanggal',
      message: {
        id: 'Tanggal 31/02/2026 tidak ada di kalender',
        en: 'Date 31/02/2026 does not exist',
      },
    });
    expect(result.errors[1].message.en).toBe(
      '24:00 is not a valid time; use 00:00 on the next day',
    );
    expect(result.errors[4].message.en).toContain('Unknown network: tiktok');
    expect(result.errors[9].message.en).toBe('The posting time is in the past');
    expect(result.errors[10].message.en).toBe('At most 10000 characters');
    // Only rows that parsed cleanly reach the service check.
    expect(checked).toEqual([2, 10, 12]);
    expect(result.rows.map((r) => r.row)).toEqual([2, 10, 12]);
  });

  it('names missing and repeated columns on the header row', async () => {
    const result = await readPlanCsv('Tanggal,Waktu,Jam,Foto\n07/12/2026,10.00,10.00,a.jpg\n');
    expect(where(result.errors)).toEqual([
      [1, 'time'],
      [1, 'sku'],
      [1, 'networks'],
      [1, 'caption'],
    ]);
    expect(result.errors[0].message.en).toBe('Column Jam appears twice');
    expect(result.rows).toEqual([]);
  });

  it.each([
    ['', 'The file is empty'],
    ['tanggal;jam;sku;jaringan;caption\n;;;;\n', 'The file has no plan rows'],
    ['tanggal,jam,sku,jaringan,caption\n"07/12/2026,10.00\n', 'The CSV cannot be read'],
  ])('reports a file-level problem on row 0 for %j', async (text, message) => {
    const result = await readPlanCsv(text);
    expect(where(result.errors)).toEqual([[0, null]]);
    expect(result.errors[0].message.en).toContain(message);
  });

  it('stops at the row limit and caps the error list', async () => {
    const header = 'date,time,sku,networks,caption\n';
    const rows = Array.from({ length: 30 }, () => '2026-12-07,25.00,A,x,c').join('\n');
    const limited = await readPlanCsv(header + rows, { maxRows: 10 });
    expect(limited.errors.at(-1)).toMatchObject({ row: 12, column: null });
    const capped = await readPlanCsv(header + rows, { maxErrors: 5 });
    expect(capped.errors).toHaveLength(5);
    expect(capped.errorsTruncated).toBe(true);
  });
});

describe('a 5,000-row CSV', () => {
  it('parses every row, reports progress and checks in batches', async () => {
    const lines = ['tanggal;jam;sku;jaringan;keterangan;foto'];
    for (let i = 0; i < 5000; i++) {
      const day = String((i % 28) + 1).padStart(2, '0');
      lines.push(
        `${day}/12/2026;${String(i % 24).padStart(2, '0')}.${String(i % 60).padStart(2, '0')};SKU-${i};instagram;"Produk nomor ${i}; karya warga binaan";foto-${i}.jpg`,
      );
    }
    const progress: PlanProgress[] = [];
    const batches: number[] = [];
    const result = await readPlanFile(Buffer.from('\uFEFF' + lines.join('\r\n')), {
      onProgress: (p) => progress.push(p),
      check: (rows) => {
        batches.push(rows.length);
        return [];
      },
    });
    expect(result.errors).toEqual([]);
    expect(result.rows).toHaveLength(5000);
    expect(result.rows[4999]).toMatchObject({ row: 5001, sku: 'SKU-4999', time: '07:19' });
    expect(batches).toEqual(Array(10).fill(500));
    expect(progress.map((p) => p.rowsRead)).toEqual([
      ...Array.from({ length: 20 }, (_, i) => (i + 1) * 250),
      5000,
    ]);
    const fractions = progress.map((p) => p.fraction!);
    expect(fractions.every((f, i) => f > 0 && f <= 1 && (i === 0 || f >= fractions[i - 1]))).toBe(
      true,
    );
    expect(fractions.at(-1)).toBe(1);
  });
});

describe('XLSX', () => {
  it('reads a workbook typed in Excel: date cells, serial numbers, time fractions, rich text', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Rencana');
    sheet.addRow(['Tanggal', 'Jam', 'SKU', 'Jaringan', 'Keterangan', 'Foto']);
    sheet.addRow([
      new Date(Date.UTC(2026, 11, 7)),
      '10.00',
      'JRS-001',
      'instagram',
      'Jersey',
      'a.jpg',
    ]);
    sheet.addRow([
      46364,
      0.8125,
      'JRS-002',
      'x',
      { richText: [{ text: 'Batik ' }, { text: 'tulis', font: { bold: true } }] },
      'b.jpg',
    ]);
    sheet.addRow([
      '09/12/2026',
      new Date(Date.UTC(1899, 11, 30, 8, 30)),
      'JRS-003',
      'facebook',
      { formula: '"Kopi "&"Lapas"', result: 'Kopi Lapas' },
      'c.jpg',
    ]);
    sheet.addRow(['10/12/2026', '24.00', 'JRS-004', 'myspace', 'Teh', 'd.jpg']);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());

    const result = await readPlanFile(buffer);
    expect(result.format).toBe('xlsx');
    expect(result.rows.map((r) => [r.row, r.date, r.time, r.caption])).toEqual([
      [2, '2026-12-07', '10:00', 'Jersey'],
      [3, '2026-12-08', '19:30', 'Batik tulis'],
      [4, '2026-12-09', '08:30', 'Kopi Lapas'],
    ]);
    expect(where(result.errors)).toEqual([
      [5, 'time'],
      [5, 'networks'],
    ]);
  });

  it('refuses an old .xls and a broken workbook on row 0', async () => {
    const xls = await readPlanFile(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
    expect(xls.errors[0]).toMatchObject({
      row: 0,
      message: { en: expect.stringContaining('.xls') },
    });
    const broken = await readPlanXlsx(Buffer.from('PK\u0003\u0004 not really a zip'));
    expect(broken.errors[0]).toMatchObject({
      row: 0,
      message: { en: 'The XLSX file cannot be read' },
    });
  });
});

describe('round trip', () => {
  const entries: PlanEntry[] = [
    {
      date: '2026-12-07',
      time: '10:00',
      sku: 'JRS-001',
      networks: ['instagram', 'facebook', 'x'],
      template: 'produk-persegi',
      caption: 'Jersey "Nigeria", kualitas ekspor;\nPesan di Tokopedia 🎉',
      captionTemplate: null,
      photo: 'jersey-depan.jpg',
    },
    {
      date: '2026-12-31',
      time: '23:59',
      sku: 'BTK-002',
      networks: ['x'],
      template: null,
      caption: '=HARGA(1)',
      captionTemplate: null,
      photo: null,
    },
    {
      date: '2027-01-04',
      time: '00:15',
      sku: 'KOP-3',
      networks: ['facebook'],
      template: null,
      caption: '-30% diskon Hari Bakti',
      captionTemplate: null,
      photo: '3f0e9a4c-4b1e-4c55-9b59-0b9f6a1c2d3e',
    },
    {
      date: '2027-01-05',
      time: '08:00',
      sku: 'TEH-4',
      networks: ['instagram'],
      template: 'cerita',
      caption: null,
      captionTemplate: 'promo-mingguan',
      photo: 'teh.jpg',
    },
  ];
  const strip = (rows: PlanRow[]): PlanEntry[] => rows.map(({ row: _row, ...entry }) => entry);

  it.each(['id', 'en'] as const)(
    'exports CSV (%s headers) that imports back unchanged',
    async (lang) => {
      const csv = writePlanCsv(entries, { lang });
      expect(csv.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      expect(csv.toString('utf8')).toContain("'=HARGA(1)");
      const result = await readPlanFile(csv);
      expect(result.errors).toEqual([]);
      expect(strip(result.rows)).toEqual(entries);
    },
  );

  it('exports CSV with semicolons for Excel on Indonesian settings, and reads it back', async () => {
    const csv = writePlanCsv(entries, { delimiter: ';' });
    expect(csv.toString('utf8').split('\r\n')[0]).toBe(
      '\uFEFFtanggal;jam;sku;jaringan;templat;caption;templat_caption;foto',
    );
    expect(strip((await readPlanFile(csv)).rows)).toEqual(entries);
  });

  it('exports XLSX with real date cells that imports back unchanged', async () => {
    const xlsx = await writePlanXlsx(entries);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      xlsx.buffer.slice(xlsx.byteOffset, xlsx.byteOffset + xlsx.byteLength) as ArrayBuffer,
    );
    const sheet = workbook.getWorksheet('Rencana')!;
    expect(sheet.getCell('A2').value).toEqual(new Date(Date.UTC(2026, 11, 7)));
    expect(sheet.getCell('A2').numFmt).toBe('dd/mm/yyyy');
    expect(sheet.getCell('B2').value).toBe('10:00');

    const result = await readPlanFile(xlsx);
    expect(result.format).toBe('xlsx');
    expect(result.errors).toEqual([]);
    expect(strip(result.rows)).toEqual(entries);
  });
});
