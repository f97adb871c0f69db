import { describe, expect, it } from '@jest/globals';
import type { DignityFinding } from '../../src/content/dignity';
import { checkPostContent, ContentForCheck } from '../../src/content/posts/post-checks';
import { chooseCaptions } from '../../src/content/posts/post-input';
import { photoRuleViolations } from '../../src/content/posts/photo-rules';

/** Flags every "Blok A" as a location, like the real check would. */
const dignity = (text: string): DignityFinding[] =>
  [...text.matchAll(/blok a/gi)].map((m) => ({
    category: 'location',
    start: m.index,
    end: m.index + m[0].length,
    match: m[0],
    reason: { id: 'lokasi', en: 'location' },
  }));

const content = (overrides: Partial<ContentForCheck> = {}): ContentForCheck => ({
  variants: [
    {
      network: 'instagram',
      caption: 'Kemeja dari Blok A',
      images: [{ source: 'render:r1', violations: [] }],
    },
    {
      network: 'x',
      caption: 'Kemeja dari Blok A',
      images: [{ source: 'render:r1', violations: [] }],
    },
  ],
  imageTexts: [],
  photos: [],
  ...overrides,
});

describe('checkPostContent', () => {
  it('resolves a finding only in the source the override names, ignoring case', () => {
    const checks = checkPostContent(content(), dignity, [
      { source: 'caption:instagram', category: 'location', match: 'BLOK A' },
    ]);
    expect(checks.variants[0].findings[0].resolved).toBe(true);
    expect(checks.variants[1].findings[0].resolved).toBe(false);
    expect(checks.unresolvedFindings).toBe(1);
    expect(checks.problems).toEqual([
      expect.objectContaining({ source: 'caption:x', field: 'captions.x', rule: 'location' }),
    ]);
    expect(checks.canSubmit).toBe(false);
  });

  it('reports image texts once, under their own source and field', () => {
    const checks = checkPostContent(
      content({
        variants: [{ network: 'x', caption: 'Kemeja', images: [] }],
        imageTexts: [{ binding: 'tagline', field: 'variables.tagline', text: 'Dari Blok A' }],
      }),
      dignity,
      [],
    );
    expect(checks.problems).toEqual([
      expect.objectContaining({
        source: 'image:tagline',
        field: 'variables.tagline',
        network: null,
        span: { start: 5, end: 11, match: 'Blok A' },
      }),
    ]);
  });

  it('needs an image on Instagram and at most 4 on X', () => {
    const five = Array.from({ length: 5 }, (_, i) => ({ source: `render:r${i}`, violations: [] }));
    const checks = checkPostContent(
      content({
        variants: [
          { network: 'instagram', caption: 'Kemeja', images: [] },
          { network: 'x', caption: 'Kemeja', images: five },
        ],
      }),
      dignity,
      [],
    );
    expect(checks.problems.map((p) => [p.network, p.rule, p.over])).toEqual([
      ['instagram', 'image_required', undefined],
      ['x', 'max_images', 1],
    ]);
  });

  it('blocks a photo on the networks its clearance does not cover', () => {
    const checks = checkPostContent(
      content({
        variants: [
          {
            network: 'instagram',
            caption: 'Kemeja',
            images: [{ source: 'photo:p', violations: [] }],
          },
          { network: 'x', caption: 'Kemeja', images: [{ source: 'photo:p', violations: [] }] },
        ],
        photos: [
          {
            mediaAssetId: 'p',
            position: 0,
            clearance: {
              instagram: { usable: true },
              x: {
                usable: false,
                reason: 'channel_not_consented',
                message: { id: 'saluran', en: 'channel' },
              },
            },
          },
        ],
      }),
      dignity,
      [],
    );
    expect(checks.variants[0].canSubmit).toBe(true);
    expect(checks.variants[1].problems).toEqual([
      expect.objectContaining({
        kind: 'clearance',
        field: 'mediaAssetIds[0]',
        rule: 'channel_not_consented',
      }),
    ]);
  });

  it('skips the dignity check on captions too long for any network', () => {
    const caption = `Blok A ${'a'.repeat(70_000)}`;
    const checks = checkPostContent(
      content({ variants: [{ network: 'facebook', caption, images: [] }] }),
      dignity,
      [],
    );
    expect(checks.variants[0].findings).toEqual([]);
    expect(checks.problems.map((p) => p.rule)).toEqual(['max_length']);
  });
});

describe('chooseCaptions', () => {
  const values = { product: { name: 'Kemeja', priceRupiah: 150000, sku: 'K-1' } };

  it('keeps explicit and stored captions and fills new networks from the template', () => {
    const captions = chooseCaptions(
      ['instagram', 'facebook', 'x'],
      { explicit: { x: 'Tulisan sendiri' }, stored: { instagram: 'Lama' }, refill: false },
      '{{product.name}} {{product.price}}',
      values,
    );
    expect(captions).toEqual({
      instagram: 'Lama',
      facebook: 'Kemeja Rp 150.000',
      x: 'Tulisan sendiri',
    });
  });

  it('re-fills stored captions when asked, and names the template on a missing value', () => {
    const plan = { explicit: {}, stored: { instagram: 'Lama' }, refill: true };
    expect(chooseCaptions(['instagram'], plan, '{{product.name}}', values)).toEqual({
      instagram: 'Kemeja',
    });
    expect(() => chooseCaptions(['instagram'], plan, '{{product.link}}', values)).toThrow(
      expect.objectContaining({ field: 'captionTemplateId' }),
    );
  });
});

describe('photoRuleViolations', () => {
  it('refuses a PNG or a tall photo on Instagram but not on X', () => {
    const tall = { mimeType: 'image/png', width: 1000, height: 2000, byteSize: 100_000 };
    expect(photoRuleViolations(tall, 'instagram').map((v) => v.rule)).toEqual([
      'format',
      'height',
      'aspectRatio',
    ]);
    expect(photoRuleViolations(tall, 'x')).toEqual([]);
  });
});
