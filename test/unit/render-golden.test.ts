/**
 * Golden images: every built-in rendered from fixed inputs and compared with the committed
 * reference in test/fixtures/golden by a perceptual difference, not byte equality (libvips and
 * JPEG builds differ by a level here and there). A changed font, layout or colour fails.
 * Regenerate after an intended change with UPDATE_GOLDEN=1 and look at the new references.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import {
  FIXTURE_BRAND,
  FIXTURE_VARIABLES,
  fixtureLogo,
  fixturePhotos,
  LONG_VARIABLES,
} from './render-fixtures';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import { builtInTemplates } from '../../src/content/rendering/builtins';
import { renderTemplate } from '../../src/content/rendering/renderer';
import type { Template } from '../../src/content/rendering/template';

const GOLDEN_DIR = resolve('test', 'fixtures', 'golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';
/** References are stored (and compared) at this width: small files, text still legible. */
const REFERENCE_WIDTH = 360;
/** Mean absolute difference per channel (0–255) tolerated for rounding noise. */
const MAX_MEAN_DIFF = 1.0;
/** Share of pixels allowed to differ by more than CHANGED_LEVEL (text moved, colour changed). */
const MAX_CHANGED_SHARE = 0.001;
const CHANGED_LEVEL = 40;

interface ImageDifference {
  meanDiff: number;
  changedShare: number;
}

/** The stored form of a render: downscaled, JPEG q90. */
async function toReference(image: Buffer): Promise<Buffer> {
  return sharp(image).resize({ width: REFERENCE_WIDTH }).jpeg({ quality: 90 }).toBuffer();
}

async function rgb(image: Buffer): Promise<{ data: Buffer; width: number; height: number }> {
  const { data, info } = await sharp(image)
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

async function difference(actual: Buffer, expected: Buffer): Promise<ImageDifference> {
  const [a, b] = await Promise.all([rgb(actual), rgb(expected)]);
  if (a.width !== b.width || a.height !== b.height) return { meanDiff: 255, changedShare: 1 };
  let total = 0;
  let changed = 0;
  for (let i = 0; i < a.data.length; i += 3) {
    const d = Math.max(
      Math.abs(a.data[i] - b.data[i]),
      Math.abs(a.data[i + 1] - b.data[i + 1]),
      Math.abs(a.data[i + 2] - b.data[i + 2]),
    );
    total += d;
    if (d > CHANGED_LEVEL) changed++;
  }
  const pixels = a.data.length / 3;
  return { meanDiff: total / pixels, changedShare: changed / pixels };
}

interface GoldenCase {
  name: string;
  template: Template;
  variables: typeof FIXTURE_VARIABLES;
}

const cases: GoldenCase[] = [
  ...builtInTemplates().map((template) => ({
    name: template.id,
    template,
    variables: FIXTURE_VARIABLES,
  })),
  ...builtInTemplates()
    .filter((t) => t.id === 'ig-portrait' || t.id === 'price-promo')
    .map((template) => ({ name: `${template.id}-long`, template, variables: LONG_VARIABLES })),
];

describe('golden images of the built-in templates', () => {
  let logo: Buffer;

  beforeAll(async () => {
    logo = await fixtureLogo();
    if (UPDATE) mkdirSync(GOLDEN_DIR, { recursive: true });
  });

  it.each(cases.map((c) => [c.name, c] as const))(
    '%s looks like its reference',
    async (_name, c) => {
      const photos = await fixturePhotos(c.template.carousel ? 3 : c.template.photoFrames.length);
      const outputs = await renderTemplate(c.template, {
        photos,
        logo,
        brand: FIXTURE_BRAND,
        variables: c.variables,
      });
      const failures: (ImageDifference & { file: string })[] = [];
      for (const [i, output] of outputs.entries()) {
        const file = join(GOLDEN_DIR, `${c.name}${outputs.length > 1 ? `-${i + 1}` : ''}.jpg`);
        const actual = await toReference(output.buffer);
        if (UPDATE) {
          writeFileSync(file, actual);
          continue;
        }
        if (!existsSync(file))
          throw new Error(`No reference ${file}: run with UPDATE_GOLDEN=1 and review it`);
        const diff = await difference(actual, readFileSync(file));
        if (diff.meanDiff > MAX_MEAN_DIFF || diff.changedShare > MAX_CHANGED_SHARE)
          failures.push({ file, ...diff });
      }
      expect(failures).toEqual([]);
    },
  );
});
