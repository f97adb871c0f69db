import { describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import type { Totals } from '../../src/reports/dashboard-figures';
import type { Dashboard, NamedRankedItem } from '../../src/reports/dashboard.service';
import { reportCsv, reportTables, reportXlsx } from '../../src/reports/report-tables';

const noTotals: Totals = {
  posts: 0,
  reach: 0,
  views: 0,
  interactions: 0,
  engagementRate: null,
  clicks: 0,
  clickThroughRate: null,
  salesQuantity: 0,
  salesRevenueIdr: 0,
};

const kaos: NamedRankedItem = {
  key: 'p1',
  name: 'Kaos "Bakti", sablon',
  institutionId: 'i1',
  institutionName: 'Lapas Uji',
  posts: 3,
  reach: 1500,
  interactions: 90,
  engagementRate: 0.06,
  clicks: 12,
  clickThroughRate: 0.008,
  salesQuantity: 2,
  salesRevenueIdr: 170_000,
  interestScore: 104.2,
  previous: null,
  scoreChange: null,
};

/** A small November: three posts of one product, two at Monday 10:00. */
function dashboard(): Dashboard {
  return {
    scope: {
      kind: 'institution',
      institutionId: 'i1',
      name: 'Lapas Uji',
      timeZone: 'Asia/Jakarta',
    },
    month: '2026-11',
    previousMonth: '2026-10',
    totals: {
      ...noTotals,
      posts: 3,
      reach: 1500,
      views: 2000,
      interactions: 90,
      engagementRate: 0.06,
      salesRevenueIdr: 170_000,
      previous: { ...noTotals, posts: 2, reach: 1000 },
      change: { posts: 0.5, reach: 0.5, interactions: null, clicks: null, salesRevenueIdr: null },
    },
    daily: [
      {
        day: '2026-11-01',
        posts: 1,
        reach: 500,
        views: 600,
        interactions: 30,
        engagementRate: 0.06,
      },
      { day: '2026-11-02', posts: 0, reach: 0, views: 0, interactions: 0, engagementRate: null },
    ],
    networks: [
      {
        network: 'instagram',
        posts: 3,
        reach: 1500,
        views: 2000,
        interactions: 90,
        engagementRate: 0.06,
        previous: { posts: 2, reach: 1000, views: 0, interactions: 0, engagementRate: null },
        change: { posts: 0.5, reach: 0.5, interactions: null },
      },
    ],
    products: { count: 1, prior: { rate: 0.06, strengthPosts: 30 }, top: [kaos], bottom: [] },
    workshops: { count: 0, prior: { rate: null, strengthPosts: 30 }, top: [], bottom: [] },
    postsPerWorkshop: [],
    postingTimes: {
      cells: [{ weekday: 1, hour: 10, posts: 2, ratedPosts: 2, engagementRate: 0.05 }],
      best: [],
      minPostsForBest: 3,
    },
    reliability: {
      targets: 4,
      published: 3,
      failed: 1,
      onTime: 3,
      onTimeShare: 0.75,
      onTimeMinutes: 10,
      failuresByReason: [{ reason: 'IG_9004', count: 1 }],
      byNetwork: [],
      previous: { targets: 2, onTimeShare: 1, failed: 0 },
    },
  };
}

describe('report tables', () => {
  it('puts the totals beside last month and the change, as raw numbers', () => {
    const [summary] = reportTables(dashboard());
    expect(summary.columns).toEqual(['Ukuran', 'Bulan 2026-11', 'Bulan 2026-10', 'Perubahan']);
    expect(summary.rows[0]).toEqual(['Unggahan', 3, 2, 0.5]);
    expect(summary.rows[1]).toEqual(['Jangkauan', 1500, 1000, 0.5]);
    expect(summary.rows[4]).toEqual(['Tingkat keterlibatan', 0.06, null, null]);
    expect(summary.rows[8]).toEqual(['Pendapatan (Rp)', 170_000, 0, null]);
  });

  it('ranks the top products, names the weekday and lists each failure reason', () => {
    const tables = reportTables(dashboard());
    const byTitle = new Map(tables.map((t) => [t.title, t]));
    expect(byTitle.get('Produk dengan minat tertinggi')?.rows).toEqual([
      [1, 'Kaos "Bakti", sablon', 'Lapas Uji', 104.2, 3, 1500, 90, 12, 2, 170_000],
    ]);
    expect(byTitle.get('Tren harian')?.rows).toHaveLength(2);
    expect(byTitle.get('Perbandingan jaringan')?.rows[0][0]).toBe('Instagram');
    expect(byTitle.get('Waktu unggah')?.rows).toEqual([['Senin', 10, 2, 0.05]]);
    expect(byTitle.get('Keandalan penerbitan')?.rows.at(-1)).toEqual(['Gagal: IG_9004', 1]);
  });

  it('writes the CSV as titled sections separated by a blank line, quoting where needed', () => {
    const csv = reportCsv(reportTables(dashboard()));
    const lines = csv.split('\r\n');
    expect(lines.slice(0, 3)).toEqual([
      'Ringkasan',
      'Ukuran,Bulan 2026-11,Bulan 2026-10,Perubahan',
      'Unggahan,3,2,0.5',
    ]);
    expect(lines).toContain('Tingkat keterlibatan,0.06,,');
    expect(lines).toContain('1,"Kaos ""Bakti"", sablon",Lapas Uji,104.2,3,1500,90,12,2,170000');
    const products = lines.indexOf('Produk dengan minat tertinggi');
    expect(lines[products - 1]).toBe('');
  });

  it('writes one XLSX sheet per table with numbers as numbers', async () => {
    const tables = reportTables(dashboard());
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await reportXlsx(tables)) as never);
    expect(book.worksheets.map((s) => s.name)).toEqual(tables.map((t) => t.title));
    const summary = book.getWorksheet('Ringkasan')!;
    expect((summary.getRow(3).values as unknown[]).slice(1)).toEqual([
      'Jangkauan',
      1500,
      1000,
      0.5,
    ]);
  });
});
