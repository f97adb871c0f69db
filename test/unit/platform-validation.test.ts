import { describe, expect, it } from '@jest/globals';
import sharp from 'sharp';
import { SystemClock } from '../../src/common/clock';
import { FacebookAdapter } from '../../src/platforms/facebook/facebook.adapter';
import { InstagramAdapter } from '../../src/platforms/instagram/instagram.adapter';
import { createPlatformRegistry } from '../../src/platforms/platform-registry';
import { validateForNetwork } from '../../src/platforms/platform-validation';
import { SandboxAdapter } from '../../src/platforms/sandbox/sandbox.adapter';
import { XAdapter } from '../../src/platforms/x/x.adapter';

const image = (altText = 'Foto') => ({ url: 'https://karya.example/r/1.jpg', altText });
const rules = (
  network: 'instagram' | 'facebook' | 'x',
  images: ReturnType<typeof image>[],
  caption = 'Produk baru',
) => validateForNetwork(network, { caption, marker: 'm', images }).map((v) => v.rule);

describe('network rules before publishing', () => {
  it('needs at least one image everywhere', () => {
    expect(rules('facebook', [])).toEqual(['images.min']);
  });

  it.each([
    ['instagram', 10],
    ['facebook', 10],
    ['x', 4],
  ] as const)('%s takes at most %d images', (network, max) => {
    expect(
      rules(
        network,
        Array.from({ length: max }, () => image()),
      ),
    ).toEqual([]);
    expect(
      rules(
        network,
        Array.from({ length: max + 1 }, () => image()),
      ),
    ).toEqual(['images.max']);
  });

  it('limits alt text to 1,000 characters and names the image', () => {
    const violations = validateForNetwork('instagram', {
      caption: 'ok',
      marker: 'm',
      images: [image(), image('a'.repeat(1001))],
    });
    expect(violations).toMatchObject([{ rule: 'images.altText', imageIndex: 1 }]);
    expect(violations[0].message.id).toContain('gambar 2');
  });

  it('carries the caption rules of the network', () => {
    expect(rules('x', [image()], 'a'.repeat(281))).toEqual(['caption.max_weighted_length']);
    expect(rules('instagram', [image()], '   ')).toEqual(['caption.empty']);
  });

  it('checks the bytes when it has them: Instagram refuses a PNG', async () => {
    const bytes = await sharp({
      create: { width: 1080, height: 1080, channels: 3, background: '#fff' },
    })
      .png()
      .toBuffer();
    const content = { caption: 'ok', marker: 'm', images: [{ ...image(), bytes }] };
    expect(validateForNetwork('instagram', content).map((v) => v.rule)).toEqual(['image.format']);
    expect(validateForNetwork('facebook', content)).toEqual([]);
  });
});

describe('platform registry', () => {
  const registry = createPlatformRegistry(
    {
      graphApiBaseUrl: 'https://graph.facebook.com',
      xApiBaseUrl: 'https://api.x.com',
      publicBaseUrl: 'https://karya.example',
    },
    new SystemClock(),
  );

  it.each([
    ['instagram', InstagramAdapter],
    ['facebook', FacebookAdapter],
    ['x', XAdapter],
  ] as const)(
    'serves %s live accounts with its adapter and sandboxes with the sandbox',
    (network, type) => {
      expect(registry.adapterFor(network, 'live')).toBeInstanceOf(type);
      const sandbox = registry.adapterFor(network, 'sandbox');
      expect(sandbox).toBeInstanceOf(SandboxAdapter);
      expect(sandbox.network).toBe(network);
    },
  );

  it('refuses an unknown network', () => {
    expect(() => registry.adapterFor('tiktok' as 'x', 'live')).toThrow('No live adapter');
  });
});
