/**
 * Turning untrusted upload bytes into a safe stored photo. The type comes from the bytes (magic
 * numbers, then sharp's own reading), never from the name or the client's Content-Type; only an
 * allow-list of raster formats ever reaches the decoder, so SVG (scripts, external references),
 * PDF and GIF are refused before libvips parses them.
 */
import sharp, { Metadata, Sharp } from 'sharp';
import { AppError, ErrorCode } from '../common/app-error';

export const PHOTO_TYPES = ['jpeg', 'png', 'webp', 'heif'] as const;
export type PhotoType = (typeof PHOTO_TYPES)[number];

/** 50 megapixels: any real product photo fits; a 20000×20000 "bomb" (400 MP) does not. */
export const MAX_INPUT_PIXELS = 50_000_000;
/** Long side of the stored photo; large enough for any network, small enough to serve. */
export const MAX_STORED_LONG_SIDE = 4096;
export const THUMBNAIL_LONG_SIDE = 400;
const DECODE_TIMEOUT_SECONDS = 30;

const HEIF_BRANDS = new Set([
  'heic',
  'heix',
  'hevc',
  'hevx',
  'heim',
  'heis',
  'mif1',
  'msf1',
  'avif',
  'avis',
]);

/** Recognises the allowed raster formats by their first bytes; null for anything else. */
export function sniffPhotoType(bytes: Buffer): PhotoType | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff)
    return 'jpeg';
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    return 'png';
  }
  if (bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') {
    return 'webp';
  }
  if (
    bytes.toString('latin1', 4, 8) === 'ftyp' &&
    HEIF_BRANDS.has(bytes.toString('latin1', 8, 12))
  ) {
    return 'heif';
  }
  return null;
}

export function isPdf(bytes: Buffer): boolean {
  return bytes.toString('latin1', 0, 5) === '%PDF-';
}

export interface EncodedImage {
  buffer: Buffer;
  mimeType: 'image/jpeg' | 'image/png';
  extension: 'jpg' | 'png';
  width: number;
  height: number;
}

export interface ProcessedPhoto {
  photo: EncodedImage;
  thumbnail: EncodedImage;
  sourceType: PhotoType;
}

export function emptyFileError(field: string): AppError {
  return AppError.validation(field, { id: 'Berkas kosong', en: 'The file is empty' });
}

function unsupported(field: string): AppError {
  return new AppError(
    ErrorCode.UnsupportedMediaType,
    {
      id: 'Jenis berkas tidak didukung: unggah foto JPEG, PNG, WebP atau HEIC',
      en: 'Unsupported file type: upload a JPEG, PNG, WebP or HEIC photo',
    },
    field,
  );
}

function unreadable(field: string): AppError {
  return AppError.validation(field, {
    id: 'Gambar rusak atau terpotong dan tidak dapat dibaca',
    en: 'The image is damaged or truncated and cannot be read',
  });
}

function tooManyPixels(field: string, width: number, height: number): AppError {
  const megapixels = MAX_INPUT_PIXELS / 1_000_000;
  return new AppError(
    ErrorCode.UnprocessableEntity,
    {
      id: `Resolusi gambar ${width}×${height} melebihi batas ${megapixels} megapiksel`,
      en: `Image resolution ${width}×${height} exceeds the ${megapixels} megapixel limit`,
    },
    field,
  );
}

function decoder(bytes: Buffer): Sharp {
  // failOn 'warning' (the default, spelt out): truncated or damaged data is refused, not padded.
  return sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'warning' }).timeout({
    seconds: DECODE_TIMEOUT_SECONDS,
  });
}

async function readMetadata(bytes: Buffer, type: PhotoType, field: string): Promise<Metadata> {
  let metadata: Metadata;
  try {
    metadata = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    throw type === 'heif' ? unsupported(field) : unreadable(field);
  }
  if (metadata.format !== type) throw unsupported(field);
  const { width, height } = metadata;
  if (!width || !height) throw unreadable(field);
  // Checked on the header before any pixel is decoded: a decompression bomb costs nothing.
  if (width * height > MAX_INPUT_PIXELS) throw tooManyPixels(field, width, height);
  return metadata;
}

/**
 * Decodes (pixel-limited), applies the EXIF orientation, caps the long side and re-encodes,
 * which drops every metadata block (EXIF with GPS, XMP, IPTC, comments). Colours are converted
 * to sRGB and tagged so. Images with transparency stay PNG; the rest become JPEG.
 */
export async function normalizeImage(
  bytes: Buffer,
  field: string,
  longSide = MAX_STORED_LONG_SIDE,
): Promise<{ image: EncodedImage; sourceType: PhotoType }> {
  if (bytes.length === 0) throw emptyFileError(field);
  const sourceType = sniffPhotoType(bytes);
  if (!sourceType) throw unsupported(field);
  const metadata = await readMetadata(bytes, sourceType, field);
  const keepAlpha = metadata.hasAlpha === true;
  const pipeline = decoder(bytes)
    .autoOrient()
    .resize({ width: longSide, height: longSide, fit: 'inside', withoutEnlargement: true })
    .withIccProfile('srgb');
  try {
    const { data, info } = await (
      keepAlpha ? pipeline.png() : pipeline.jpeg({ quality: 85 })
    ).toBuffer({ resolveWithObject: true });
    return {
      sourceType,
      image: {
        buffer: data,
        mimeType: keepAlpha ? 'image/png' : 'image/jpeg',
        extension: keepAlpha ? 'png' : 'jpg',
        width: info.width,
        height: info.height,
      },
    };
  } catch {
    throw sourceType === 'heif' ? unsupported(field) : unreadable(field);
  }
}

/** A small JPEG preview of an already-normalised image (transparency on white). */
export async function makeThumbnail(normalized: Buffer): Promise<EncodedImage> {
  const { data, info } = await sharp(normalized)
    .resize({
      width: THUMBNAIL_LONG_SIDE,
      height: THUMBNAIL_LONG_SIDE,
      fit: 'inside',
      withoutEnlargement: true,
    })
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: 80 })
    .toBuffer({ resolveWithObject: true });
  return {
    buffer: data,
    mimeType: 'image/jpeg',
    extension: 'jpg',
    width: info.width,
    height: info.height,
  };
}

/** The whole upload path for a library photo: the normalised photo and its thumbnail. */
export async function processPhoto(bytes: Buffer, field: string): Promise<ProcessedPhoto> {
  const { image, sourceType } = await normalizeImage(bytes, field);
  return { photo: image, thumbnail: await makeThumbnail(image.buffer), sourceType };
}
