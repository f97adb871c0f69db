import { beforeAll, describe, expect, it } from '@jest/globals';
import { FIXTURE_BRAND, FIXTURE_VARIABLES, fixtureLogo, fixturePhotos } from './render-fixtures';
import { AppError, ErrorCode } from '../../src/common/app-error';
import { builtInTemplate, builtInTemplates } from '../../src/content/rendering/builtins';
import { renderTemplate } from '../../src/content/rendering/renderer';
import { parseTemplate, Template } from '../../src/content/rendering/template';

function caught(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

async function rejected(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

/** A built-in as plain JSON, to be broken on purpose. */
function json(id: string): Record<string, unknown> & { texts: Record<string, unknown>[] } {
  return JSON.parse(JSON.stringify(builtInTemplate(id)));
}

describe('built-in templates', () => {
  it('ships at least the seven layouts the content issue asks for, each valid', () => {
    const ids = builtInTemplates().map((t) => t.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'ig-portrait',
        'ig-square',
        'fb-landscape',
        'x-landscape',
        'new-product',
        'price-promo',
        'carousel',
      ]),
    );
    for (const template of builtInTemplates()) expect(parseTemplate(template)).toEqual(template);
  });

  it('uses the canvas sizes each network expects', () => {
    const size = (id: string) => builtInTemplate(id).canvas;
    expect(size('ig-portrait')).toEqual({ width: 1080, height: 1350 });
    expect(size('ig-square')).toEqual({ width: 1080, height: 1080 });
    expect(size('fb-landscape')).toEqual({ width: 1200, height: 630 });
    expect(size('x-landscape')).toEqual({ width: 1600, height: 900 });
  });

  it('takes its colours from the brand', () => {
    for (const template of builtInTemplates())
      expect(JSON.stringify(template)).toContain('brand.primary');
  });

  it('answers an unknown built-in with a 404 naming templateId', () => {
    const error = caught(() => builtInTemplate('poster-a4'));
    expect([error.code, error.field]).toEqual([ErrorCode.NotFound, 'templateId']);
  });
});

describe('template validation', () => {
  it('names the path of an unknown binding', () => {
    const template = json('ig-portrait');
    template.texts[2].binding = 'product.sku';
    const error = caught(() => parseTemplate(template));
    expect(error.code).toBe(ErrorCode.ValidationFailed);
    expect(error.field).toBe('texts[2].binding');
    expect(error.text.en).toContain('texts[2].binding');
  });

  it('names an unknown field', () => {
    const template = json('ig-square');
    template.texts[0].fontFamily = 'Comic Sans';
    expect(caught(() => parseTemplate(template)).field).toBe('texts[0].fontFamily');
  });

  it('refuses colours that are neither hex nor a brand colour', () => {
    const template = json('ig-square');
    template.texts[1].colour = 'brand.tertiary';
    expect(caught(() => parseTemplate(template)).field).toBe('texts[1].colour');
  });

  it('refuses elements that leave the canvas', () => {
    const template = json('fb-landscape');
    (template.photoFrames as Record<string, number>[])[0].w = 1300;
    expect(caught(() => parseTemplate(template)).field).toBe('photoFrames[0].w');
  });

  it('refuses a minimum font size above the font size', () => {
    const template = json('ig-portrait');
    template.texts[1].minFontSize = 90;
    expect(caught(() => parseTemplate(template)).field).toBe('texts[1].minFontSize');
  });

  it('refuses a carousel with more than one photo frame', () => {
    const template = json('carousel');
    const frames = template.photoFrames as unknown[];
    template.photoFrames = [frames[0], frames[0]];
    expect(caught(() => parseTemplate(template)).field).toBe('photoFrames');
  });

  it('lists every issue in the details, and names the root for non-objects', () => {
    const template = json('ig-portrait');
    delete template.canvas;
    template.version = 0;
    const error = caught(() => parseTemplate(template));
    const issues = (error.details as { issues: { path: string }[] }).issues.map((i) => i.path);
    expect(issues).toEqual(expect.arrayContaining(['version', 'canvas']));
    expect(caught(() => parseTemplate('not a template')).field).toBe('template');
  });
});

describe('rendering inputs', () => {
  let logo: Buffer;
  beforeAll(async () => {
    logo = await fixtureLogo();
  });

  const input = (photos: Buffer[], variables = FIXTURE_VARIABLES) => ({
    photos,
    logo,
    brand: FIXTURE_BRAND,
    variables,
  });

  it('renders a carousel as one slide per photo, alt text saying which', async () => {
    const outputs = await renderTemplate(
      builtInTemplate('carousel'),
      input(await fixturePhotos(3)),
    );
    expect(outputs.map((o) => [o.width, o.height, o.format])).toEqual([
      [1080, 1350, 'jpeg'],
      [1080, 1350, 'jpeg'],
      [1080, 1350, 'jpeg'],
    ]);
    expect(outputs[1].altText).toBe(
      'Foto 2 dari 3: produk Kemeja Batik Lintas 5 dari Bengkel Konveksi, Lapas Kelas I Cipinang, harga Rp 150.000 (sebelumnya Rp 200.000)',
    );
  });

  it('refuses a carousel with fewer than 2 or more than 10 photos', async () => {
    const carousel = builtInTemplate('carousel');
    const one = await rejected(renderTemplate(carousel, input(await fixturePhotos(1))));
    expect([one.field, one.text.en]).toEqual(['photos', expect.stringContaining('2–10 photos')]);
    const eleven = await rejected(renderTemplate(carousel, input(await fixturePhotos(11))));
    expect(eleven.field).toBe('photos');
  });

  it('refuses a photo count that does not match the frames', async () => {
    const error = await rejected(
      renderTemplate(builtInTemplate('ig-portrait'), input(await fixturePhotos(2))),
    );
    expect([error.field, error.text.en]).toEqual([
      'photos',
      'Template ig-portrait needs exactly 1 photo(s), got 2',
    ]);
  });

  it('names the photo it cannot read', async () => {
    const error = await rejected(
      renderTemplate(builtInTemplate('ig-square'), input([Buffer.from('not an image')])),
    );
    expect([error.code, error.field]).toEqual([ErrorCode.ValidationFailed, 'photos[0]']);
  });

  it('needs an old price for the promo layout', async () => {
    const { oldPriceRupiah: _old, ...product } = FIXTURE_VARIABLES.product;
    const promo = builtInTemplate('price-promo');
    const error = await rejected(
      renderTemplate(promo, input(await fixturePhotos(1), { ...FIXTURE_VARIABLES, product })),
    );
    expect(error.field).toBe('variables.product.oldPriceRupiah');
  });

  it('refuses an old price that is not above the price, and bad brand colours', async () => {
    const photos = await fixturePhotos(1);
    const product = { ...FIXTURE_VARIABLES.product, oldPriceRupiah: 150_000 };
    const template: Template = builtInTemplate('ig-square');
    const price = await rejected(
      renderTemplate(template, input(photos, { ...FIXTURE_VARIABLES, product })),
    );
    expect(price.field).toBe('variables.product.oldPriceRupiah');
    const brand = await rejected(
      renderTemplate(template, { ...input(photos), brand: { ...FIXTURE_BRAND, primary: 'navy' } }),
    );
    expect(brand.field).toBe('brand.primary');
  });

  it('asks for the backdrop a template needs', async () => {
    const template = parseTemplate({
      ...json('new-product'),
      background: { type: 'image', source: 'input', blur: 10 },
    });
    const error = await rejected(renderTemplate(template, input(await fixturePhotos(1))));
    expect(error.field).toBe('backgroundImage');
  });
});
