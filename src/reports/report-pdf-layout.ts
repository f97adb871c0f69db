/** The report PDF's page geometry, palette and the drawing pieces every section shares. */

export type Doc = PDFKit.PDFDocument;

export const MARGIN = 48;
const PAGE_WIDTH = 595.28; // A4
export const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN;
export const INK = '#1f2933';
export const MUTED = '#616e7c';
export const ACCENT = '#0b6e4f';
export const GRID = '#d9e2ec';

export function sectionTitle(doc: Doc, title: string): void {
  doc.moveDown(0.8);
  doc.font('bold').fontSize(13).fillColor(INK).text(title, MARGIN);
  doc.moveDown(0.3);
}

/** A simple ruled table; `widths` are fractions of the content width. */
export function table(doc: Doc, columns: string[], rows: string[][], widths: number[]): void {
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

/** In place of a section's chart or table when the month has nothing to show. */
export function empty(doc: Doc): void {
  doc.font('regular').fontSize(9).fillColor(MUTED).text('Tidak ada data bulan ini.', MARGIN);
}
