import { describe, expect, it } from '@jest/globals';
import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import {
  MAX_INPUT_PIXELS,
  normalizeImage,
  processPhoto,
  sniffPhotoType,
} from '../../src/media/image-processing';

const solid = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: '#c84' } });

async function statusOf(promise: Promise<unknown>): Promise<{ status: number; field?: string }> {
  try {
    await promise;
    return { status: 200 };
  } catch (error) {
    const e = error as { status: number; field?: string };
    return { status: e.status, field: e.field };
  }
}

describe('sniffPhotoType', () => {
  it('recognises the allowed formats by their bytes', async () => {
    expect(sniffPhotoType(await solid(4, 4).jpeg().toBuffer())).toBe('jpeg');
    expect(sniffPhotoType(await solid(4, 4).png().toBuffer())).toBe('png');
    expect(sniffPhotoType(await solid(4, 4).webp().toBuffer())).toBe('webp');
    expect(sniffPhotoType(await solid(16, 16).avif().toBuffer())).toBe('heif');
  });

  it('refuses everything else', async () => {
    expect(sniffPhotoType(await solid(4, 4).gif().toBuffer())).toBeNull();
    expect(sniffPhotoType(await solid(4, 4).tiff().toBuffer())).toBeNull();
    expect(sniffPhotoType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(sniffPhotoType(Buffer.from('%PDF-1.7'))).toBeNull();
    expect(sniffPhotoType(Buffer.alloc(0))).toBeNull();
  });
});

describe('normalizeImage', () => {
  it('re-encodes WebP and AVIF input as JPEG without metadata', async () => {
    for (const input of [
      await solid(30, 20).webp().toBuffer(),
      await solid(32, 32).avif().toBuffer(),
    ]) {
      const { image } = await normalizeImage(input, 'file');
      expect(image.mimeType).toBe('image/jpeg');
      const meta = await sharp(image.buffer).metadata();
      expect(meta.format).toBe('jpeg');
      expect(meta.exif).toBeUndefined();
    }
  });

  it('tags the output as sRGB', async () => {
    const { image } = await normalizeImage(await solid(10, 10).jpeg().toBuffer(), 'file');
    expect((await sharp(image.buffer).metadata()).space).toBe('srgb');
  });

  it('refuses more than the pixel limit from the header alone', async () => {
    // A small PNG whose header claims 8000×8000 (64 MP): refused before any pixel is decoded.
    const png = await solid(8, 8).png().toBuffer();
    const ihdr = png.subarray(12, 29); // "IHDR" + 13 data bytes
    ihdr.writeUInt32BE(8000, 4);
    ihdr.writeUInt32BE(8000, 8);
    png.writeUInt32BE(crc32(ihdr), 29);
    expect((await sharp(png).metadata()).width).toBe(8000);
    expect(8000 * 8000).toBeGreaterThan(MAX_INPUT_PIXELS);
    expect(await statusOf(normalizeImage(png, 'file'))).toEqual({ status: 422, field: 'file' });
  });

  it('names the given field in every refusal', async () => {
    expect(await statusOf(normalizeImage(Buffer.alloc(0), 'evidence'))).toEqual({
      status: 400,
      field: 'evidence',
    });
    expect(await statusOf(normalizeImage(Buffer.from('GIF89a'), 'evidence'))).toEqual({
      status: 415,
      field: 'evidence',
    });
  });

  it('makes a thumbnail no longer than 400 px, on white when transparent', async () => {
    const transparent = await sharp({
      create: { width: 1000, height: 500, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } },
    })
      .png()
      .toBuffer();
    const { photo, thumbnail } = await processPhoto(transparent, 'file');
    expect(photo.mimeType).toBe('image/png');
    expect([thumbnail.width, thumbnail.height]).toEqual([400, 200]);
    const { data } = await sharp(thumbnail.buffer).raw().toBuffer({ resolveWithObject: true });
    expect([data[0], data[1], data[2]]).toEqual([255, 255, 255]);
  });
});
