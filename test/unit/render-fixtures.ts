/**
 * Fixed inputs for rendering tests and the benchmark: synthetic product photos (gradients and
 * shapes, no people), a logo, brand colours and variables, all generated deterministically.
 */
import '../../src/config/fontconfig';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import type { BrandColours, RenderInput } from '../../src/content/rendering/render-input';

// Jest hands each test file a copy of process.env, so the write in fontconfig.ts never reaches
// the real environment that fontconfig reads natively, and text would render with the machine's
// settings. process.loadEnvFile writes the real environment (it never overrides a set value).
const fontconfigEnv = join(tmpdir(), `karya-fontconfig-${process.pid}.env`);
writeFileSync(fontconfigEnv, `FONTCONFIG_FILE=${resolve('assets', 'fonts', 'fonts.conf')}\n`);
process.loadEnvFile(fontconfigEnv);

const PALETTES = [
  ['#8a5a2b', '#e8c38a', '#2b4a8a'],
  ['#2f6b3a', '#d9e8b0', '#a83232'],
  ['#5a2b8a', '#f0c0e0', '#ffaa00'],
  ['#1f2f3f', '#9fb8c8', '#e05a2b'],
] as const;

/** A "product shot": a diagonal gradient with a disc and a bar, like an object on a table. */
export function fixturePhoto(seed: number, width = 2400, height = 1800): Promise<Buffer> {
  const [from, to, accent] = PALETTES[seed % PALETTES.length];
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
  <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
    <stop offset="0" stop-color="${from}"/><stop offset="1" stop-color="${to}"/>
  </linearGradient></defs>
  <rect width="${width}" height="${height}" fill="url(#g)"/>
  <circle cx="${width * (0.5 + 0.1 * (seed % 2))}" cy="${height / 2}" r="${height * 0.28}" fill="${accent}"/>
  <rect x="${width * 0.14}" y="${height * 0.2}" width="${width * 0.12}" height="${height * 0.6}" rx="${height / 40}" fill="#ffffff" fill-opacity="0.7"/>
</svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 90 }).toBuffer();
}

export function fixtureLogo(): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="300" height="300">
  <circle cx="150" cy="150" r="140" fill="#0f4c81"/><path d="M80 205 L150 70 L220 205 Z" fill="#f5b700"/>
</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

export const FIXTURE_BRAND: BrandColours = {
  primary: '#0f4c81',
  secondary: '#f5b700',
  text: '#ffffff',
};

export const FIXTURE_VARIABLES: RenderInput['variables'] = {
  product: { name: 'Kemeja Batik Lintas 5', priceRupiah: 150_000, oldPriceRupiah: 200_000 },
  institution: { name: 'Lapas Kelas I Cipinang' },
  workshop: { name: 'Bengkel Konveksi' },
  tagline: 'Motif khas, dijahit rapi',
};

/** The longest realistic values: every built-in must fit them. */
export const LONG_VARIABLES: RenderInput['variables'] = {
  product: {
    name: 'Tas Selempang Kerajinan Tangan Kulit Asli Hasil Karya Warga Binaan Pemasyarakatan',
    priceRupiah: 1_250_000,
    oldPriceRupiah: 1_750_000,
  },
  institution: { name: 'Lembaga Pemasyarakatan Perempuan Kelas IIA Bandung' },
  workshop: { name: 'Bengkel Kerajinan Kulit dan Sablon Pemasyarakatan' },
  tagline: 'Kerajinan Tangan Kulit Asli',
  cta: 'Pesan lewat Tokopedia: Karya Cipinang',
};

/** Photos for a template: one per frame, or `slides` photos for a carousel. */
export async function fixturePhotos(count: number): Promise<Buffer[]> {
  return Promise.all(Array.from({ length: count }, (_, i) => fixturePhoto(i)));
}
