/**
 * Fitting text into a template box: shrink step-wise from fontSize to minFontSize, wrapping at
 * word boundaries into at most maxLines; words are never split and text is never cut. Font
 * metrics choose the candidate size cheaply; pango then renders it and its real ink box is
 * checked, so a wrong estimate costs a retry at the next size, never a clipped word.
 */
import '../../config/fontconfig';
import sharp from 'sharp';
import { AppError, ErrorCode } from '../../common/app-error';
import type { RawImage } from './canvas';
import { FontMetrics, fontFile, fontMetrics, FontWeight, pangoFont } from './fonts';

export interface TextStyle {
  fontSize: number;
  minFontSize: number;
  weight: FontWeight;
  colour: string;
  align: 'left' | 'centre' | 'right';
  maxLines: number;
  lineHeight: number;
  letterSpacing: number;
  strike: boolean;
}

export interface FittedText {
  image: RawImage;
  fontSize: number;
  lines: string[];
}

/** Where an error about this text should point, and what to tell the user. */
export interface TextContext {
  field: string;
  label: string;
}

const SIZE_STEP = 2;
/** Ink height of one line relative to the font size (cap height plus descender, measured). */
const INK_EM = 1.0;

/** Greedy word wrap; null when a single word is wider than the line. */
export function wrapWords(
  words: readonly string[],
  maxWidth: number,
  measure: (s: string) => number,
): string[] | null {
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    if (measure(word) > maxWidth) return null;
    const candidate = line ? `${line} ${word}` : word;
    if (line && measure(candidate) > maxWidth) {
      lines.push(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** Same number of lines, but as even as possible ("Kerajinan Tangan / Kulit Asli"). */
function balance(
  words: readonly string[],
  lines: string[],
  maxWidth: number,
  measure: (s: string) => number,
): string[] {
  if (lines.length < 2) return lines;
  let lo = 0;
  let hi = maxWidth;
  let best = lines;
  for (let i = 0; i < 12; i++) {
    const mid = (lo + hi) / 2;
    const attempt = wrapWords(words, mid, measure);
    if (attempt && attempt.length <= lines.length) {
      hi = mid;
      best = attempt;
    } else {
      lo = mid;
    }
  }
  return best;
}

/** Font sizes to try, largest first, always ending at minFontSize. */
function candidateSizes(fontSize: number, minFontSize: number): number[] {
  const sizes: number[] = [];
  for (let s = fontSize; s > minFontSize; s -= SIZE_STEP) sizes.push(s);
  sizes.push(minFontSize);
  return sizes;
}

/** The estimated layout at each size that should fit, largest first (computed lazily). */
function* planLayouts(
  text: string,
  style: TextStyle,
  box: { w: number; h: number },
  metrics: FontMetrics,
): Generator<{ fontSize: number; lines: string[] }> {
  const words = text.split(' ');
  for (const size of candidateSizes(style.fontSize, style.minFontSize)) {
    const measure = (s: string) => metrics.width(s, size, style.letterSpacing);
    const lines = wrapWords(words, box.w, measure);
    if (!lines || lines.length > style.maxLines) continue;
    const height = (lines.length - 1) * style.lineHeight * size + INK_EM * size;
    if (height > box.h) continue;
    yield { fontSize: size, lines: balance(words, lines, box.w, measure) };
  }
}

export function escapeMarkup(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** Renders lines with pango; the image is the exact ink box of the text. */
async function renderLines(
  lines: readonly string[],
  fontSize: number,
  style: TextStyle,
): Promise<RawImage> {
  const metrics = fontMetrics(style.weight);
  const attributes = [
    `foreground="${style.colour}"`,
    style.letterSpacing ? `letter_spacing="${Math.round(style.letterSpacing * 1024)}"` : '',
    style.strike ? 'strikethrough="true"' : '',
  ].filter(Boolean);
  const { data, info } = await sharp({
    text: {
      text: `<span ${attributes.join(' ')}>${escapeMarkup(lines.join('\n'))}</span>`,
      font: pangoFont(style.weight, fontSize),
      fontfile: fontFile(style.weight),
      dpi: 72,
      rgba: true,
      align: style.align,
      spacing: Math.round(style.lineHeight * fontSize - metrics.lineHeight(fontSize)),
    },
  })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: 4 };
}

/** Fits `text` into the box or throws an error naming the field; never cuts text. */
export async function fitText(
  text: string,
  style: TextStyle,
  box: { w: number; h: number },
  context: TextContext,
): Promise<FittedText> {
  const metrics = fontMetrics(style.weight);
  const missing = metrics.missingChars(text);
  if (missing.length > 0) {
    throw AppError.validation(context.field, {
      id: `${context.label}: karakter ${missing.join(' ')} tidak tersedia di font gambar`,
      en: `${context.label}: the image font has no ${missing.join(' ')}`,
    });
  }
  for (const plan of planLayouts(text, style, box, metrics)) {
    const image = await renderLines(plan.lines, plan.fontSize, style);
    if (image.width <= box.w && image.height <= box.h) return { image, ...plan };
  }
  throw new AppError(
    ErrorCode.UnprocessableEntity,
    {
      id: `${context.label} "${text}" terlalu panjang: tidak muat dalam ${style.maxLines} baris selebar ${box.w} px, bahkan dengan huruf ${style.minFontSize} px`,
      en: `${context.label} "${text}" is too long: it does not fit in ${style.maxLines} line(s) ${box.w} px wide, even at ${style.minFontSize} px`,
    },
    context.field,
    { text, box, minFontSize: style.minFontSize, maxLines: style.maxLines },
  );
}
