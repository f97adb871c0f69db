/**
 * The bundled typeface and its metrics. Widths come from the font's own advance table (read
 * once per weight), so line breaking and shrinking are decided without rendering; the renderer
 * then checks the real pango ink box, so an estimate that is off can never cut text.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FONTS_DIR } from '../../config/fontconfig';

export const FONT_WEIGHTS = [400, 700, 800] as const;
export type FontWeight = (typeof FONT_WEIGHTS)[number];

export const FONT_FAMILY = 'Plus Jakarta Sans';

const FONT_FILES: Record<FontWeight, string> = {
  400: 'PlusJakartaSans_400Regular.ttf',
  700: 'PlusJakartaSans_700Bold.ttf',
  800: 'PlusJakartaSans_800ExtraBold.ttf',
};

/** Pango style words for each weight ("Plus Jakarta Sans ExtraBold 48"). */
const PANGO_STYLE: Record<FontWeight, string> = { 400: '', 700: 'Bold', 800: 'ExtraBold' };

export function fontFile(weight: FontWeight): string {
  return join(FONTS_DIR, FONT_FILES[weight]);
}

/** A pango font description; sizes are pixels because the renderer uses 72 dpi. */
export function pangoFont(weight: FontWeight, sizePx: number): string {
  return [FONT_FAMILY, PANGO_STYLE[weight], String(sizePx)].filter(Boolean).join(' ');
}

export class FontMetrics {
  constructor(
    private readonly unitsPerEm: number,
    /** Ascender minus descender, in font units: pango's natural line height. */
    private readonly lineUnits: number,
    private readonly advances: Uint16Array,
    private readonly glyphs: ReadonlyMap<number, number>,
  ) {}

  private hasChar(codePoint: number): boolean {
    return this.glyphs.has(codePoint);
  }

  /** Characters of `text` the font has no glyph for (whitespace excluded). */
  missingChars(text: string): string[] {
    const missing = new Set<string>();
    for (const ch of text) {
      if (!/\s/.test(ch) && !this.hasChar(ch.codePointAt(0) ?? 0)) missing.add(ch);
    }
    return [...missing];
  }

  /** Advance width of one line in pixels (no kerning: slightly wide, which errs safe). */
  width(text: string, sizePx: number, letterSpacingPx = 0): number {
    let units = 0;
    let count = 0;
    for (const ch of text) {
      const glyph = this.glyphs.get(ch.codePointAt(0) ?? 0) ?? 0;
      units += this.advances[Math.min(glyph, this.advances.length - 1)];
      count++;
    }
    return (units * sizePx) / this.unitsPerEm + Math.max(0, count - 1) * letterSpacingPx;
  }

  lineHeight(sizePx: number): number {
    return (this.lineUnits * sizePx) / this.unitsPerEm;
  }
}

const cache = new Map<FontWeight, FontMetrics>();

export function fontMetrics(weight: FontWeight): FontMetrics {
  let metrics = cache.get(weight);
  if (!metrics) {
    metrics = parseTrueType(readFileSync(fontFile(weight)));
    cache.set(weight, metrics);
  }
  return metrics;
}

/** Reads head, hhea, hmtx and cmap (formats 4 and 12) of a TrueType/OpenType file. */
export function parseTrueType(font: Buffer): FontMetrics {
  const tables = new Map<string, number>();
  const numTables = font.readUInt16BE(4);
  for (let i = 0; i < numTables; i++) {
    const record = 12 + i * 16;
    tables.set(font.toString('latin1', record, record + 4), font.readUInt32BE(record + 8));
  }
  const table = (tag: string): number => {
    const offset = tables.get(tag);
    if (offset === undefined) throw new Error(`Font has no ${tag} table`);
    return offset;
  };
  const unitsPerEm = font.readUInt16BE(table('head') + 18);
  const hhea = table('hhea');
  const lineUnits = font.readInt16BE(hhea + 4) - font.readInt16BE(hhea + 6);
  const numberOfHMetrics = font.readUInt16BE(hhea + 34);
  const hmtx = table('hmtx');
  const advances = new Uint16Array(numberOfHMetrics);
  for (let i = 0; i < numberOfHMetrics; i++) advances[i] = font.readUInt16BE(hmtx + i * 4);
  return new FontMetrics(unitsPerEm, lineUnits, advances, readCmap(font, table('cmap')));
}

function readCmap(font: Buffer, cmap: number): Map<number, number> {
  const subtables: { platform: number; encoding: number; offset: number }[] = [];
  const count = font.readUInt16BE(cmap + 2);
  for (let i = 0; i < count; i++) {
    const record = cmap + 4 + i * 8;
    subtables.push({
      platform: font.readUInt16BE(record),
      encoding: font.readUInt16BE(record + 2),
      offset: cmap + font.readUInt32BE(record + 4),
    });
  }
  const full = subtables.find((s) => font.readUInt16BE(s.offset) === 12);
  if (full) return readCmapFormat12(font, full.offset);
  const bmp = subtables.find((s) => font.readUInt16BE(s.offset) === 4);
  if (bmp) return readCmapFormat4(font, bmp.offset);
  throw new Error('Font has no Unicode cmap (format 4 or 12)');
}

function readCmapFormat12(font: Buffer, at: number): Map<number, number> {
  const glyphs = new Map<number, number>();
  const groups = font.readUInt32BE(at + 12);
  for (let i = 0; i < groups; i++) {
    const group = at + 16 + i * 12;
    const start = font.readUInt32BE(group);
    const end = font.readUInt32BE(group + 4);
    const glyph = font.readUInt32BE(group + 8);
    for (let c = start; c <= end; c++) glyphs.set(c, glyph + c - start);
  }
  return glyphs;
}

function readCmapFormat4(font: Buffer, at: number): Map<number, number> {
  const glyphs = new Map<number, number>();
  const segments = font.readUInt16BE(at + 6) / 2;
  const ends = at + 14;
  const starts = ends + segments * 2 + 2;
  const deltas = starts + segments * 2;
  const rangeOffsets = deltas + segments * 2;
  for (let s = 0; s < segments; s++) {
    const end = font.readUInt16BE(ends + s * 2);
    const start = font.readUInt16BE(starts + s * 2);
    const delta = font.readInt16BE(deltas + s * 2);
    const rangeOffsetAt = rangeOffsets + s * 2;
    const rangeOffset = font.readUInt16BE(rangeOffsetAt);
    for (let c = start; c <= end && c !== 0xffff; c++) {
      let glyph: number;
      if (rangeOffset === 0) glyph = (c + delta) & 0xffff;
      else {
        glyph = font.readUInt16BE(rangeOffsetAt + rangeOffset + (c - start) * 2);
        if (glyph !== 0) glyph = (glyph + delta) & 0xffff;
      }
      if (glyph !== 0) glyphs.set(c, glyph);
    }
  }
  return glyphs;
}
