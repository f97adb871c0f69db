/**
 * The monthly report as a PDF in Bahasa Indonesia: the dashboard object in, a PDF buffer out.
 * Charts are pdfkit vector drawings (no browser, no raster), so their labels stay text a reader
 * can search and copy. The bundled Plus Jakarta Sans is embedded for Indonesian text.
 */
import PDFDocument from 'pdfkit';
import { MONTHS_ID } from '../common/indonesian-months';
import { fontFile } from '../content/rendering/fonts';
import type { Dashboard } from './dashboard.service';
import { NETWORK_LABELS, WEEKDAYS_ID } from './report-tables';

const MARGIN = 48;
const PAGE_WIDTH = 595.28; // A4
const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN;
const INK = '#1f2933';
const MUTED = '#616e7c';
const ACCENT = '#0b6e4f';
const GRID = '#d9e2ec';

const numberFormat = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 1 });
const percentFormat = new Intl.NumberFormat('id-ID', {
  style: 'percent',
  maximumFractionDigits: 1,
});

/** "2.000", "101,9"; "–" when unknown. */
export function formatNumber(value: number | null): string {
  return value === null ? '–' : numberFormat.format(value);
}

/** "5,3%"; "–" when unknown. */
export function formatPercent(value: number | null): string {
  return value === null ? '–' : percentFormat.format(value).replace(/\s/g, '');
}

/** "Rp100.000" */
export function formatRupiah(value: number): string {
  return `Rp${numberFormat.format(value)}`;
}

/** "2026-11" → "November 2026" */
export function monthTitle(label: string): string {
  const [year, month] = label.split('-').map(Number);
  return `${MONTHS_ID[month - 1]} ${year}`;
}

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

type Doc = PDFKit.PDFDocument;

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

function sectionTitle(doc: Doc, title: string): void {
  doc.moveDown(0.8);
  doc.font('bold').fontSize(13).fillColor(INK).text(title, MARGIN);
  doc.moveDown(0.3);
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

/** A simple ruled table; `widths` are fractions of the content width. */
function table(doc: Doc, columns: string[], rows: string[][], widths: number[]): void {
  const rowHeight = 16;
  let y = doc.y;
  const draw = (cells: string[], font: string) => {
    let x = MARGIN;
    cells.forEach((cell, i) => {
      const w = widths[i] * CONTENT_WIDTH;
      doc
        .font(font)
        .fontSize(9)
        .fillColor(INK)
        .text(cell, x + 2, y + 4, {
          width: w - 4,
          align: i === 0 ? 'left' : 'right',
          lineBreak: false,
        });
      x += w;
    });
    y += rowHeight;
    doc
      .moveTo(MARGIN, y)
      .lineTo(MARGIN + CONTENT_WIDTH, y)
      .lineWidth(0.5)
      .strokeColor(GRID)
      .stroke();
  };
  draw(columns, 'bold');
  for (const row of rows) draw(row, 'regular');
  doc.x = MARGIN;
  doc.y = y + 4;
}

function topProducts(doc: Doc, d: Dashboard): void {
  sectionTitle(doc, 'Produk dengan minat tertinggi (skor minat, 100 = rata-rata)');
  const items = d.products.top;
  if (items.length === 0) return empty(doc);
  const labelWidth = 170;
  const barArea = CONTENT_WIDTH - labelWidth - 50;
  const max = Math.max(...items.map((p) => p.interestScore ?? 0), 100);
  const barHeight = 14;
  let y = doc.y;
  for (const p of items) {
    const label = d.scope.kind === 'national' ? `${p.name} (${p.institutionName})` : p.name;
    doc
      .font('regular')
      .fontSize(9)
      .fillColor(INK)
      .text(label, MARGIN, y + 2, { width: labelWidth - 6, lineBreak: false, ellipsis: true });
    const w = ((p.interestScore ?? 0) / max) * barArea;
    doc.rect(MARGIN + labelWidth, y, w, barHeight).fill(ACCENT);
    doc.fillColor(INK).text(formatNumber(p.interestScore), MARGIN + labelWidth + w + 4, y + 2, {
      lineBreak: false,
    });
    y += barHeight + 6;
  }
  // The average (100) as a dashed reference line.
  const x100 = MARGIN + labelWidth + (100 / max) * barArea;
  doc
    .moveTo(x100, doc.y - 2)
    .lineTo(x100, y)
    .dash(2, { space: 2 })
    .strokeColor(MUTED)
    .stroke()
    .undash();
  doc.x = MARGIN;
  doc.y = y + 4;
}

function empty(doc: Doc): void {
  doc.font('regular').fontSize(9).fillColor(MUTED).text('Tidak ada data bulan ini.', MARGIN);
}

function dailyTrend(doc: Doc, d: Dashboard): void {
  sectionTitle(doc, 'Tren harian: jangkauan dan unggahan');
  const top = doc.y;
  const height = 150;
  const left = MARGIN + 40;
  const width = CONTENT_WIDTH - 40;
  const maxReach = Math.max(1, ...d.daily.map((p) => p.reach));
  const maxPosts = Math.max(1, ...d.daily.map((p) => p.posts));
  const step = width / Math.max(1, d.daily.length);
  doc.lineWidth(0.5).strokeColor(GRID);
  for (let i = 0; i <= 4; i++) {
    const y = top + height - (height * i) / 4;
    doc
      .moveTo(left, y)
      .lineTo(left + width, y)
      .stroke();
    doc
      .font('regular')
      .fontSize(7)
      .fillColor(MUTED)
      .text(formatNumber(Math.round((maxReach * i) / 4)), MARGIN, y - 4, {
        width: 36,
        align: 'right',
        lineBreak: false,
      });
  }
  // Posts as light bars behind the reach line.
  d.daily.forEach((p, i) => {
    const h = (p.posts / maxPosts) * height * 0.5;
    if (h > 0)
      doc.rect(left + i * step + step * 0.2, top + height - h, step * 0.6, h).fill('#bcccdc');
  });
  d.daily.forEach((p, i) => {
    const x = left + i * step + step / 2;
    const y = top + height - (p.reach / maxReach) * height;
    if (i === 0) doc.moveTo(x, y);
    else doc.lineTo(x, y);
  });
  doc.lineWidth(1.5).strokeColor(ACCENT).stroke();
  d.daily.forEach((p, i) => {
    if (i % 5 !== 0 && i !== d.daily.length - 1) return;
    doc
      .font('regular')
      .fontSize(7)
      .fillColor(MUTED)
      .text(p.day.slice(8), left + i * step, top + height + 3, {
        width: step,
        align: 'center',
        lineBreak: false,
      });
  });
  doc.x = MARGIN;
  doc.y = top + height + 16;
  doc
    .fontSize(8)
    .fillColor(MUTED)
    .text(`Garis: jangkauan per hari. Batang: unggahan per hari (maksimum ${maxPosts}).`);
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
  // Interactions per network, this month against last month, as paired bars.
  const top = doc.y + 6;
  const maxValue = Math.max(
    1,
    ...d.networks.flatMap((n) => [n.interactions, n.previous.interactions]),
  );
  const labelWidth = 80;
  const barArea = CONTENT_WIDTH - labelWidth - 50;
  let y = top;
  for (const n of d.networks) {
    doc
      .font('regular')
      .fontSize(9)
      .fillColor(INK)
      .text(NETWORK_LABELS[n.network] ?? n.network, MARGIN, y + 3, { lineBreak: false });
    const now = (n.interactions / maxValue) * barArea;
    const before = (n.previous.interactions / maxValue) * barArea;
    doc.rect(MARGIN + labelWidth, y, now, 9).fill(ACCENT);
    doc.rect(MARGIN + labelWidth, y + 10, before, 6).fill('#9fb3c8');
    y += 26;
  }
  doc.x = MARGIN;
  doc.y = y;
  doc
    .fontSize(8)
    .fillColor(MUTED)
    .text('Interaksi per jaringan: batang tebal bulan ini, batang tipis bulan lalu.');
}

function heatmap(doc: Doc, d: Dashboard): void {
  sectionTitle(doc, 'Waktu unggah: hari × jam (waktu setempat), jumlah unggahan');
  const left = MARGIN + 46;
  const cell = (CONTENT_WIDTH - 46) / 24;
  const top = doc.y + 10;
  const byKey = new Map(d.postingTimes.cells.map((c) => [`${c.weekday}:${c.hour}`, c]));
  const max = Math.max(1, ...d.postingTimes.cells.map((c) => c.posts));
  for (let hour = 0; hour < 24; hour += 3) {
    doc
      .font('regular')
      .fontSize(7)
      .fillColor(MUTED)
      .text(String(hour).padStart(2, '0'), left + hour * cell, top - 10, {
        width: cell,
        align: 'center',
        lineBreak: false,
      });
  }
  WEEKDAYS_ID.forEach((day, i) => {
    const y = top + i * cell;
    doc
      .font('regular')
      .fontSize(8)
      .fillColor(INK)
      .text(day, MARGIN, y + cell / 2 - 4, { lineBreak: false });
    for (let hour = 0; hour < 24; hour++) {
      const c = byKey.get(`${i + 1}:${hour}`);
      const share = c ? c.posts / max : 0;
      doc
        .rect(left + hour * cell, y, cell - 1, cell - 1)
        .fillOpacity(c ? 0.2 + 0.8 * share : 1)
        .fill(c ? ACCENT : '#f0f4f8')
        .fillOpacity(1);
      if (c) {
        doc
          .fontSize(6)
          .fillColor(share > 0.5 ? '#ffffff' : INK)
          .text(String(c.posts), left + hour * cell, y + cell / 2 - 3, {
            width: cell - 1,
            align: 'center',
            lineBreak: false,
          });
      }
    }
  });
  doc.x = MARGIN;
  doc.y = top + 7 * cell + 8;
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
