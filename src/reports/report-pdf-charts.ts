/**
 * The report PDF's charts, drawn as pdfkit vectors at the document's current position; each
 * leaves the position below itself. Section titles and the text around them are the caller's.
 */
import type { DailyPoint, NetworkFigures, PostingTimeCell } from './dashboard-figures';
import { formatNumber } from './report-format';
import { ACCENT, CONTENT_WIDTH, Doc, GRID, INK, MARGIN, MUTED } from './report-pdf-layout';
import { NETWORK_LABELS, WEEKDAYS_ID } from './report-tables';

/** Horizontal bars of interest scores (100 = average, drawn as a dashed reference line). */
export function interestBars(doc: Doc, items: { label: string; score: number | null }[]): void {
  const labelWidth = 170;
  const barArea = CONTENT_WIDTH - labelWidth - 50;
  const max = Math.max(...items.map((p) => p.score ?? 0), 100);
  const barHeight = 14;
  let y = doc.y;
  for (const p of items) {
    doc
      .font('regular')
      .fontSize(9)
      .fillColor(INK)
      .text(p.label, MARGIN, y + 2, { width: labelWidth - 6, lineBreak: false, ellipsis: true });
    const w = ((p.score ?? 0) / max) * barArea;
    doc.rect(MARGIN + labelWidth, y, w, barHeight).fill(ACCENT);
    doc.fillColor(INK).text(formatNumber(p.score), MARGIN + labelWidth + w + 4, y + 2, {
      lineBreak: false,
    });
    y += barHeight + 6;
  }
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

/** Reach per day as a line over posts per day as light bars, with its legend. */
export function dailyTrendChart(doc: Doc, daily: readonly DailyPoint[]): void {
  const top = doc.y;
  const height = 150;
  const left = MARGIN + 40;
  const width = CONTENT_WIDTH - 40;
  const maxReach = Math.max(1, ...daily.map((p) => p.reach));
  const maxPosts = Math.max(1, ...daily.map((p) => p.posts));
  const step = width / Math.max(1, daily.length);
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
  daily.forEach((p, i) => {
    const h = (p.posts / maxPosts) * height * 0.5;
    if (h > 0)
      doc.rect(left + i * step + step * 0.2, top + height - h, step * 0.6, h).fill('#bcccdc');
  });
  daily.forEach((p, i) => {
    const x = left + i * step + step / 2;
    const y = top + height - (p.reach / maxReach) * height;
    if (i === 0) doc.moveTo(x, y);
    else doc.lineTo(x, y);
  });
  doc.lineWidth(1.5).strokeColor(ACCENT).stroke();
  daily.forEach((p, i) => {
    if (i % 5 !== 0 && i !== daily.length - 1) return;
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

/** Interactions per network, this month against last month, as paired bars, with its legend. */
export function networkInteractionBars(doc: Doc, networks: readonly NetworkFigures[]): void {
  const top = doc.y + 6;
  const maxValue = Math.max(
    1,
    ...networks.flatMap((n) => [n.interactions, n.previous.interactions]),
  );
  const labelWidth = 80;
  const barArea = CONTENT_WIDTH - labelWidth - 50;
  let y = top;
  for (const n of networks) {
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

/** Posts per weekday × local hour; a cell's shade grows with its share of the busiest cell. */
export function postingTimesHeatmap(doc: Doc, cells: readonly PostingTimeCell[]): void {
  const left = MARGIN + 46;
  const cell = (CONTENT_WIDTH - 46) / 24;
  const top = doc.y + 10;
  const byKey = new Map(cells.map((c) => [`${c.weekday}:${c.hour}`, c]));
  const max = Math.max(1, ...cells.map((c) => c.posts));
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
}
