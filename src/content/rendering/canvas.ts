/**
 * An 8-bit RGB canvas composited in plain JS. libvips' composite converts every layer to float
 * over the whole canvas (~30 ms per layer at 1080×1350); blending only the pixels a layer
 * covers is several times faster, which is what makes the render-per-second target reachable.
 * sharp still does the heavy work: decoding, resizing, attention crops, text and JPEG encoding.
 */
import sharp from 'sharp';

export interface RawImage {
  data: Buffer;
  width: number;
  height: number;
  channels: 3 | 4;
}

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export type Rgb = readonly [number, number, number];

/** Pixel bounds of a rectangle clipped to the canvas, end-exclusive. */
interface Bounds {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** A resolved fill: one colour, or a gradient lookup table (256 RGBA entries) along an angle. */
export type ResolvedPaint =
  { kind: 'solid'; rgb: Rgb; alpha: number } | { kind: 'gradient'; lut: Uint8Array; angle: number };

export function hexToRgb(hex: string): Rgb {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** Samples gradient stops into a 256-entry RGBA table. */
export function gradientLut(
  stops: readonly { offset: number; rgb: Rgb; alpha: number }[],
): Uint8Array {
  const lut = new Uint8Array(256 * 4);
  for (let i = 0; i < 256; i++) {
    const t = i / 255;
    let next = stops.findIndex((s) => s.offset >= t);
    if (next === -1) next = stops.length - 1;
    const a = stops[Math.max(0, next - 1)];
    const b = stops[next];
    const span = b.offset - a.offset;
    const f = span > 0 ? Math.min(1, Math.max(0, (t - a.offset) / span)) : 1;
    for (let c = 0; c < 3; c++) lut[i * 4 + c] = Math.round(a.rgb[c] + (b.rgb[c] - a.rgb[c]) * f);
    lut[i * 4 + 3] = Math.round((a.alpha + (b.alpha - a.alpha) * f) * 255);
  }
  return lut;
}

/** Anti-aliased coverage of pixel (px, py) inside a w×h rounded rectangle of radius r. */
function cornerCoverage(px: number, py: number, w: number, h: number, r: number): number {
  const cx = px + 0.5;
  const cy = py + 0.5;
  const dx = cx < r ? r - cx : cx > w - r ? cx - (w - r) : 0;
  const dy = cy < r ? r - cy : cy > h - r ? cy - (h - r) : 0;
  if (dx <= 0 || dy <= 0) return 1;
  return Math.min(1, Math.max(0, r - Math.sqrt(dx * dx + dy * dy) + 0.5));
}

export class Canvas {
  readonly data: Buffer;

  constructor(
    readonly width: number,
    readonly height: number,
    background: Rgb,
  ) {
    this.data = Buffer.alloc(width * height * 3);
    const pixel = Buffer.from(background);
    this.data.fill(pixel);
  }

  /** Copies a full-canvas RGB image (an image background) over everything. */
  setPixels(image: RawImage): void {
    if (image.width !== this.width || image.height !== this.height || image.channels !== 3) {
      throw new Error('Background image does not match the canvas');
    }
    image.data.copy(this.data);
  }

  /** Fills a (rounded) rectangle; a circle is a square with radius = side / 2. */
  fill(rect: Rect, radius: number, paint: ResolvedPaint, opacity = 1): void {
    const r = Math.min(radius, rect.w / 2, rect.h / 2);
    if (paint.kind === 'solid') this.fillSolid(rect, r, paint.rgb, paint.alpha * opacity);
    else this.fillGradient(rect, r, paint.lut, paint.angle, opacity);
  }

  private fillGradient(
    rect: Rect,
    r: number,
    lut: Uint8Array,
    degrees: number,
    opacity: number,
  ): void {
    const { x0, y0, x1, y1 } = this.clip(rect);
    const angle = (degrees * Math.PI) / 180;
    // Snapped so that 0° and 180° give exactly vertical gradients (the fast path below).
    const dirX = Math.abs(Math.sin(angle)) < 1e-9 ? 0 : Math.sin(angle);
    const dirY = -Math.cos(angle);
    // CSS gradient line length: the projection of the box on the gradient direction.
    const length = Math.abs(rect.w * dirX) + Math.abs(rect.h * dirY) || 1;
    const stepX = (dirX / length) * 255;
    // Premultiplied table: per step, colour × alpha and the share of the pixel below kept.
    const pre = new Float32Array(256 * 4);
    for (let j = 0; j < 256; j++) {
      const a = (lut[j * 4 + 3] / 255) * opacity;
      for (let c = 0; c < 3; c++) pre[j * 4 + c] = lut[j * 4 + c] * a + 0.5;
      pre[j * 4 + 3] = 1 - a;
    }
    const d = this.data;
    for (let y = y0; y < y1; y++) {
      const ry = y - rect.y;
      const edgeRow = ry < r || ry >= rect.h - r;
      let k =
        (0.5 +
          ((x0 - rect.x + 0.5 - rect.w / 2) * dirX + (ry + 0.5 - rect.h / 2) * dirY) / length) *
          255 +
        0.5;
      let i = (y * this.width + x0) * 3;
      if (stepX === 0 && !edgeRow) {
        // Vertical gradient: one colour per row, so the row blends with constants.
        const j = (k < 0 ? 0 : k > 255 ? 255 : k | 0) * 4;
        const [pr, pg, pb, keep] = [pre[j], pre[j + 1], pre[j + 2], pre[j + 3]];
        if (keep >= 1) continue;
        for (const end = i + (x1 - x0) * 3; i < end; i += 3) {
          d[i] = pr + d[i] * keep;
          d[i + 1] = pg + d[i + 1] * keep;
          d[i + 2] = pb + d[i + 2] * keep;
        }
        continue;
      }
      for (let x = x0; x < x1; x++, i += 3, k += stepX) {
        const j = (k < 0 ? 0 : k > 255 ? 255 : k | 0) * 4;
        const keep = pre[j + 3];
        if (keep >= 1) continue;
        const rx = x - rect.x;
        if (edgeRow && (rx < r || rx >= rect.w - r)) {
          const cover = cornerCoverage(rx, ry, rect.w, rect.h, r);
          const a = (1 - keep) * cover;
          d[i] = (pre[j] - 0.5) * cover + d[i] * (1 - a) + 0.5;
          d[i + 1] = (pre[j + 1] - 0.5) * cover + d[i + 1] * (1 - a) + 0.5;
          d[i + 2] = (pre[j + 2] - 0.5) * cover + d[i + 2] * (1 - a) + 0.5;
          continue;
        }
        d[i] = pre[j] + d[i] * keep;
        d[i + 1] = pre[j + 1] + d[i + 1] * keep;
        d[i + 2] = pre[j + 2] + d[i + 2] * keep;
      }
    }
  }

  private fillSolid(rect: Rect, r: number, rgb: Rgb, alpha: number): void {
    if (alpha <= 0) return;
    const { x0, y0, x1, y1 } = this.clip(rect);
    const d = this.data;
    const pixel = Buffer.from(rgb);
    const [cr, cg, cb] = rgb;
    for (let y = y0; y < y1; y++) {
      const ry = y - rect.y;
      const edgeRow = ry < r || ry >= rect.h - r;
      const rowStart = (y * this.width + x0) * 3;
      if (alpha >= 1 && !edgeRow) {
        d.fill(pixel, rowStart, rowStart + (x1 - x0) * 3);
        continue;
      }
      let i = rowStart;
      for (let x = x0; x < x1; x++, i += 3) {
        const rx = x - rect.x;
        const a =
          edgeRow && (rx < r || rx >= rect.w - r)
            ? alpha * cornerCoverage(rx, ry, rect.w, rect.h, r)
            : alpha;
        if (a <= 0) continue;
        const keep = 1 - a;
        d[i] = cr * a + d[i] * keep + 0.5;
        d[i + 1] = cg * a + d[i + 1] * keep + 0.5;
        d[i + 2] = cb * a + d[i + 2] * keep + 0.5;
      }
    }
  }

  /**
   * Draws an RGB or RGBA image with its top-left corner at (x, y), optionally with rounded
   * corners. Opaque rows are copied whole; only alpha and corner pixels are blended.
   */
  draw(image: RawImage, x: number, y: number, radius = 0): void {
    const { width: w, height: h, channels, data: src } = image;
    const r = Math.min(radius, w / 2, h / 2);
    const { x0, y0, x1, y1 } = this.clip({ x, y, w, h });
    const d = this.data;
    for (let py = y0; py < y1; py++) {
      const ry = py - y;
      const edgeRow = ry < r || ry >= h - r;
      let di = (py * this.width + x0) * 3;
      let si = (ry * w + (x0 - x)) * channels;
      if (channels === 3 && !edgeRow) {
        src.copy(d, di, si, si + (x1 - x0) * 3);
        continue;
      }
      for (let px = x0; px < x1; px++, di += 3, si += channels) {
        const rx = px - x;
        let a = channels === 4 ? src[si + 3] / 255 : 1;
        if (edgeRow && (rx < r || rx >= w - r)) a *= cornerCoverage(rx, ry, w, h, r);
        if (a <= 0) continue;
        if (a >= 1) {
          d[di] = src[si];
          d[di + 1] = src[si + 1];
          d[di + 2] = src[si + 2];
          continue;
        }
        d[di] = src[si] * a + d[di] * (1 - a) + 0.5;
        d[di + 1] = src[si + 1] * a + d[di + 1] * (1 - a) + 0.5;
        d[di + 2] = src[si + 2] * a + d[di + 2] * (1 - a) + 0.5;
      }
    }
  }

  /**
   * Baseline JPEG (not progressive, not MPO), sRGB, 4:2:0; what every network accepts. Huffman
   * optimisation is off: it costs half the encoding time to save bytes no limit needs.
   */
  toJpeg(quality: number): Promise<Buffer> {
    return sharp(this.data, { raw: { width: this.width, height: this.height, channels: 3 } })
      .jpeg({ quality, mozjpeg: false, optimiseCoding: false })
      .toBuffer();
  }

  private clip(rect: Rect): Bounds {
    return {
      x0: Math.max(0, Math.floor(rect.x)),
      y0: Math.max(0, Math.floor(rect.y)),
      x1: Math.min(this.width, Math.ceil(rect.x + rect.w)),
      y1: Math.min(this.height, Math.ceil(rect.y + rect.h)),
    };
  }
}
