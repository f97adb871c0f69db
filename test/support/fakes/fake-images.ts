/** Real encoded images for the fakes to fetch and judge. */
import sharp from 'sharp';

export function jpeg(width: number, height: number, colour = '#2f6f4f'): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: colour } })
    .jpeg({ quality: 80 })
    .toBuffer();
}

export function png(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#aa3322' } })
    .png()
    .toBuffer();
}
