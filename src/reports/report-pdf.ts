/**
 * The monthly report as a PDF in Bahasa Indonesia: the dashboard object in, a PDF buffer out.
 * Charts are pdfkit vector drawings (no browser, no raster), so their labels stay text a reader
 * can search and copy. The bundled Plus Jakarta Sans is embedded for Indonesian text.
 */
import PDFDocument from 'pdfkit';
import { fontFile } from '../content/rendering/fonts';
import type { Dashboard } from './dashboard.service';
import { formatNumber, formatPercent, formatRupiah, monthTitle } from './report-format';
import {
  dailyTrendChart,
  interestBars,
  networkInteractionBars,
  postingTimesHeatmap,
} from './report-pdf-charts';
import { Doc, empty, INK, MARGIN, MUTED, sectionTitle, table } from './report-pdf-layout';
import { NETWORK_LABELS, WEEKDAYS_ID } from './report-tables';

export interface ReportPdfInput {
  dashboard: Dashboard;
  generatedAt: Date;
}

export function reportPdf({ dashboard: d, generatedAt }: ReportPdfInput): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    info: { Title: `Laporan Bulanan ${monthTitle(d.month)}`, Author: 'Karya' },
  });
  doc.registerFont('regular', fontFile(400));
  doc.registerFont('bold', fontFile(700));
  const done = new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  header(doc, d, generatedAt);
  summary(doc, d);
  topProducts(doc, d);
  doc.addPage();
  dailyTrend(doc, d);
  networks(doc, d);
  doc.addPage();
  heatmap(doc, d);
  reliabilitySection(doc, d);
  doc.end();
  return done;
}

function header(doc: Doc, d: Dashboard, generatedAt: Date): void {
  const who = d.scope.kind === 'institution' ? d.scope.name : 'Nasional (semua lembaga)';
  doc
    .font('bold')
    .fontSize(20)
    .fillColor(INK)
    .text(`Laporan Bulanan ${monthTitle(d.month)}`);
  doc.font('regular').fontSize(12).fillColor(MUTED).text(who);
  doc
    .fontSize(9)
    .text(
      `Zona waktu ${d.scope.timeZone} · dibuat ${generatedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC · dibandingkan dengan ${monthTitle(d.previousMonth)}`,
    );
  doc.moveDown(1);
}

function change(value: number | null): string {
  if (value === null) return '–';
  return `${value > 0 ? '+' : ''}${formatPercent(value)}`;
}

function summary(doc: Doc, d: Dashboard): void {
  const t = d.totals;
  sectionTitle(doc, 'Ringkasan');
  const rows: [string, string, string, string][] = [
    ['Unggahan', formatNumber(t.posts), formatNumber(t.previous.posts), change(t.change.posts)],
    ['Jangkauan', formatNumber(t.reach), formatNumber(t.previous.reach), change(t.change.reach)],
    ['Tayangan', formatNumber(t.views), formatNumber(t.previous.views), ''],
    [
      'Interaksi',
      formatNumber(t.interactions),
      formatNumber(t.previous.interactions),
      change(t.change.interactions),
    ],
    [
      'Tingkat keterlibatan',
      formatPercent(t.engagementRate),
      formatPercent(t.previous.engagementRate),
      '',
    ],
    [
      'Klik tautan',
      formatNumber(t.clicks),
      formatNumber(t.previous.clicks),
      change(t.change.clicks),
    ],
    [
      'Rasio klik',
      formatPercent(t.clickThroughRate),
      formatPercent(t.previous.clickThroughRate),
      '',
    ],
    ['Penjualan (unit)', formatNumber(t.salesQuantity), formatNumber(t.previous.salesQuantity), ''],
    [
      'Pendapatan',
      formatRupiah(t.salesRevenueIdr),
      formatRupiah(t.previous.salesRevenueIdr),
      change(t.change.salesRevenueIdr),
    ],
  ];
  table(
    doc,
    ['Ukuran', monthTitle(d.month), monthTitle(d.previousMonth), 'Perubahan'],
    rows,
    [0.34, 0.22, 0.22, 0.22],
  );
}

function topProducts(doc: Doc, d: Dashboard): void {
  sectionTitle(doc, 'Produk dengan minat tertinggi (skor minat, 100 = rata-rata)');
  const items = d.products.top;
  if (items.length === 0) return empty(doc);
  interestBars(
    doc,
    items.map((p) => ({
      label: d.scope.kind === 'national' ? `${p.name} (${p.institutionName})` : p.name,
      score: p.interestScore,
    })),
  );
}

function dailyTrend(doc: Doc, d: Dashboard): void {
  sectionTitle(doc, 'Tren harian: jangkauan dan unggahan');
  dailyTrendChart(doc, d.daily);
}

function networks(doc: Doc, d: Dashboard): void {
  sectionTitle(doc, 'Perbandingan jaringan');
  if (d.networks.length === 0) return empty(doc);
  const rows = d.networks.map((n) => [
    NETWORK_LABELS[n.network] ?? n.network,
    formatNumber(n.posts),
    formatNumber(n.reach),
    formatNumber(n.interactions),
    formatPercent(n.engagementRate),
    formatNumber(n.previous.posts),
  ]);
  table(
    doc,
    ['Jaringan', 'Unggahan', 'Jangkauan', 'Interaksi', 'Keterlibatan', 'Unggahan lalu'],
    rows,
    [0.2, 0.16, 0.16, 0.16, 0.16, 0.16],
  );
  networkInteractionBars(doc, d.networks);
}

function heatmap(doc: Doc, d: Dashboard): void {
  sectionTitle(doc, 'Waktu unggah: hari × jam (waktu setempat), jumlah unggahan');
  postingTimesHeatmap(doc, d.postingTimes.cells);
  const best = d.postingTimes.best.map(
    (c) =>
      `${WEEKDAYS_ID[c.weekday - 1]} ${String(c.hour).padStart(2, '0')}:00 (${formatPercent(c.engagementRate)})`,
  );
  doc
    .fontSize(9)
    .fillColor(INK)
    .text(
      best.length > 0
        ? `Waktu terbaik: ${best.join(', ')}.`
        : `Belum ada waktu terbaik: setiap sel perlu minimal ${d.postingTimes.minPostsForBest} unggahan terukur.`,
    );
}

function reliabilitySection(doc: Doc, d: Dashboard): void {
  const r = d.reliability;
  sectionTitle(doc, 'Keandalan penerbitan');
  const rows = [
    ['Target terjadwal', formatNumber(r.targets)],
    ['Terbit', formatNumber(r.published)],
    ['Gagal', formatNumber(r.failed)],
    [`Tepat waktu (≤ ${r.onTimeMinutes} menit)`, formatNumber(r.onTime)],
    ['Porsi tepat waktu', formatPercent(r.onTimeShare)],
    ...r.failuresByReason.map((f) => [`Gagal karena ${f.reason}`, formatNumber(f.count)]),
  ];
  table(doc, ['Ukuran', 'Nilai'], rows, [0.6, 0.4]);
}
