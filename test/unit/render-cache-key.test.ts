import { beforeAll, describe, expect, it } from '@jest/globals';
import { FIXTURE_BRAND, FIXTURE_VARIABLES, fixturePhotos } from './render-fixtures';
import { builtInTemplate } from '../../src/content/rendering/builtins';
import { canonicalJson, renderCacheKey } from '../../src/content/rendering/cache-key';
import type { RenderInput } from '../../src/content/rendering/render-input';

describe('render cache key', () => {
  const template = builtInTemplate('ig-portrait');
  let input: RenderInput;
  beforeAll(async () => {
    input = { photos: await fixturePhotos(1), brand: FIXTURE_BRAND, variables: FIXTURE_VARIABLES };
  });

  it('is a stable sha-256 of the content', () => {
    const key = renderCacheKey(template, input);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(renderCacheKey(template, { ...input, photos: [Buffer.from(input.photos[0])] })).toBe(
      key,
    );
  });

  it('ignores key order, colour case and spacing that render the same', () => {
    const key = renderCacheKey(template, input);
    const reordered: RenderInput = {
      variables: {
        workshop: { name: ' Bengkel   Konveksi ' },
        tagline: FIXTURE_VARIABLES.tagline,
        institution: FIXTURE_VARIABLES.institution,
        product: { oldPriceRupiah: 200_000, priceRupiah: 150_000, name: 'Kemeja Batik Lintas 5' },
      },
      brand: { text: '#FFFFFF', secondary: '#F5B700', primary: '#0F4C81' },
      photos: input.photos,
    };
    expect(renderCacheKey(template, reordered)).toBe(key);
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: undefined }] })).toBe('{"a":[{"d":2}],"b":1}');
  });

  it('changes with the photo, the logo, the brand, the variables and the template version', () => {
    const key = renderCacheKey(template, input);
    const photo = Buffer.from(input.photos[0]);
    photo[photo.length - 3] ^= 1;
    const keys = [
      renderCacheKey(template, { ...input, photos: [photo] }),
      renderCacheKey(template, { ...input, logo: Buffer.from('logo') }),
      renderCacheKey(template, { ...input, brand: { ...FIXTURE_BRAND, secondary: '#f5b701' } }),
      renderCacheKey(template, {
        ...input,
        variables: { ...FIXTURE_VARIABLES, cta: 'Pesan sekarang' },
      }),
      renderCacheKey({ ...template, version: template.version + 1 }, input),
      renderCacheKey(builtInTemplate('ig-square'), input),
    ];
    expect(new Set([key, ...keys]).size).toBe(keys.length + 1);
  });
});
