/**
 * Decoding and sizing the raster inputs of a render (photos, logo, backdrop) with sharp. Every
 * result is 8-bit sRGB raw pixels ready for the canvas; a photo sharp cannot read becomes a 400
 * naming it, not a 500.
 */
import '../../config/fontconfig';
import { createHash } from 'node:crypto';
import sharp, { Sharp } from 'sharp';
import { AppError } from '../../common/app-error';
import type { RawImage } from './canvas';
import type { PhotoFrame } from './template';

/** Same ceiling as uploads: a decompression bomb is refused before it is decoded. */
const MAX_INPUT_PIXELS = 50_000_000;
/** Blurred backdrops are blurred small and scaled up: the same look for a fraction of the work. */
const BACKDROP_REDUCTION = 8;

function open(input: Buffer): Sharp {
  return sharp(input, { limitInputPixels: MAX_INPUT_PIXELS }).autoOrient();
}

async function toRaw(pipeline: Sharp, channels: 3 | 4, field: string): Promise<RawImage> {
  try {
    const piped =
      channels === 3 ? pipeline.flatten({ background: '#ffffff' }) : pipeline.ensureAlpha();
    const { data, info } = await piped
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== channels) throw new Error(`unexpected ${info.channels} channels`);
    return { data, width: info.width, height: info.height, channels };
  } catch (error) {
    throw AppError.validation(
      field,
      { id: 'Gambar tidak dapat dibaca', en: 'The image cannot be read' },
      { reason: error instanceof Error ? error.message : String(error) },
    );
  }
}

/** Cover: fills the frame, cropped by position. Contain: fits inside, caller centres it. */
export function preparePhoto(photo: Buffer, frame: PhotoFrame, field: string): Promise<RawImage> {
  const pipeline =
    frame.fit === 'cover'
      ? open(photo).resize(frame.w, frame.h, { fit: 'cover', position: frame.position })
      : open(photo).resize(frame.w, frame.h, { fit: 'inside' });
  return toRaw(pipeline, 3, field);
}

/** An institution's logo recurs in every render: keep a few prepared, keyed by content. */
const LOGO_CACHE_SIZE = 32;
const logoCache = new Map<string, Promise<RawImage>>();

/** The logo scaled to fit a square, transparency kept. */
export function prepareLogo(logo: Buffer, size: number): Promise<RawImage> {
  const key = `${size}:${createHash('sha256').update(logo).digest('hex')}`;
  let prepared = logoCache.get(key);
  if (!prepared) {
    prepared = toRaw(open(logo).resize(size, size, { fit: 'inside' }), 4, 'logo');
    prepared.catch(() => logoCache.delete(key));
    if (logoCache.size >= LOGO_CACHE_SIZE) logoCache.delete(logoCache.keys().next().value ?? '');
  }
  // Re-inserting keeps the map in least-recently-used order.
  logoCache.delete(key);
  logoCache.set(key, prepared);
  return prepared;
}

/** A full-canvas backdrop, cover-cropped and optionally blurred. */
export async function prepareBackdrop(
  image: Buffer,
  width: number,
  height: number,
  blur: number,
  field: string,
): Promise<RawImage> {
  if (blur <= 0) return toRaw(open(image).resize(width, height, { fit: 'cover' }), 3, field);
  const smallW = Math.max(1, Math.round(width / BACKDROP_REDUCTION));
  const smallH = Math.max(1, Math.round(height / BACKDROP_REDUCTION));
  const sigma = Math.max(0.3, blur / BACKDROP_REDUCTION);
  const small = await toRaw(
    open(image).resize(smallW, smallH, { fit: 'cover' }).blur(sigma),
    3,
    field,
  );
  const scaled = sharp(small.data, { raw: { width: smallW, height: smallH, channels: 3 } }).resize(
    width,
    height,
    {
      fit: 'fill',
    },
  );
  return toRaw(scaled, 3, field);
}
