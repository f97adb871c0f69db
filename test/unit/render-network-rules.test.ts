import { beforeAll, describe, expect, it } from '@jest/globals';
import {
  FIXTURE_BRAND,
  FIXTURE_VARIABLES,
  fixtureLogo,
  fixturePhotos,
  LONG_VARIABLES,
} from './render-fixtures';
import sharp from 'sharp';
import { builtInTemplate, builtInTemplates } from '../../src/content/rendering/builtins';
import { probeImage } from '../../src/content/rendering/image-probe';
import { checkNetworkRules } from '../../src/content/rendering/network-rules';
import { renderTemplate } from '../../src/content/rendering/renderer';

const solid = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: '#0f4c81' } });

describe('rendered built-ins obey the rules of every network they claim', () => {
  let logo: Buffer;
  beforeAll(async () => {
    logo = await fixtureLogo();
  });

  const cases = builtInTemplates().flatMap((template) =>
    [
      ['fixed', FIXTURE_VARIABLES],
      ['longest', LONG_VARIABLES],
    ].map(
      ([label, variables]) =>
        [`${template.id} with ${label as string} texts`, template, variables] as const,
    ),
  );

  it.each(cases)('%s', async (_label, template, variables) => {
    const photos = await fixturePhotos(template.carousel ? 10 : template.photoFrames.length);
    const outputs = await renderTemplate(template, {
      photos,
      logo,
      brand: FIXTURE_BRAND,
      variables: variables as typeof FIXTURE_VARIABLES,
    });
    for (const output of outputs) {
      const probe = probeImage(output.buffer);
      expect([
        probe.format,
        probe.width,
        probe.height,
        probe.colourSpace,
        probe.multiPicture,
      ]).toEqual(['jpeg', template.canvas.width, template.canvas.height, 'srgb', false]);
      expect([output.width, output.height, output.bytes]).toEqual([
        probe.width,
        probe.height,
        output.buffer.length,
      ]);
      expect(template.networks.flatMap((network) => checkNetworkRules(output, network))).toEqual(
        [],
      );
    }
  });
});

describe('network rule violations name the rule and the measured value', () => {
  it('keeps a 1600 px wide X image off Instagram', async () => {
    const [x] = await renderTemplate(builtInTemplate('x-landscape'), {
      photos: await fixturePhotos(1),
      brand: FIXTURE_BRAND,
      variables: FIXTURE_VARIABLES,
    });
    expect(checkNetworkRules(x, 'x')).toEqual([]);
    expect(checkNetworkRules(x, 'instagram')).toEqual([
      expect.objectContaining({
        network: 'instagram',
        rule: 'width',
        measured: 1600,
        limit: '320–1440',
      }),
    ]);
  });

  it('accepts PNG on Facebook and X but not on Instagram', async () => {
    const png = { buffer: await solid(1080, 1080).png().toBuffer() };
    expect(checkNetworkRules(png, 'facebook')).toEqual([]);
    expect(checkNetworkRules(png, 'x')).toEqual([]);
    expect(checkNetworkRules(png, 'instagram')).toEqual([
      expect.objectContaining({ rule: 'format', measured: 'png', limit: 'jpeg' }),
    ]);
  });

  it('refuses aspect ratios outside 4:5 to 1.91:1 on Instagram', async () => {
    const tall = { buffer: await solid(1080, 1920).jpeg().toBuffer() };
    const wide = { buffer: await solid(1440, 700).jpeg().toBuffer() };
    expect(checkNetworkRules(tall, 'instagram').map((v) => [v.rule, v.measured])).toEqual([
      ['height', 1920],
      ['aspectRatio', 0.563],
    ]);
    expect(checkNetworkRules(wide, 'instagram')).toEqual([
      expect.objectContaining({ rule: 'aspectRatio', measured: 2.057 }),
    ]);
  });

  it('refuses CMYK and wide-gamut images where sRGB is required', async () => {
    const cmyk = { buffer: await solid(1080, 1080).toColourspace('cmyk').jpeg().toBuffer() };
    const p3 = { buffer: await solid(1080, 1080).withIccProfile('p3').jpeg().toBuffer() };
    const tagged = { buffer: await solid(1080, 1080).withIccProfile('srgb').jpeg().toBuffer() };
    expect(checkNetworkRules(cmyk, 'instagram')).toEqual([
      expect.objectContaining({ rule: 'colourSpace', measured: 'cmyk' }),
    ]);
    expect(checkNetworkRules(p3, 'x')).toEqual([
      expect.objectContaining({ rule: 'colourSpace', measured: 'other' }),
    ]);
    expect(checkNetworkRules(tagged, 'instagram')).toEqual([]);
  });

  it('measures the byte size against each limit', async () => {
    const jpeg = await solid(1080, 1080).jpeg().toBuffer();
    const big = { buffer: Buffer.concat([jpeg, Buffer.alloc(5_500_000)]) };
    expect(checkNetworkRules(big, 'instagram')).toEqual([]);
    expect(checkNetworkRules(big, 'x')).toEqual([
      expect.objectContaining({ rule: 'bytes', measured: big.buffer.length, limit: '≤ 5000000' }),
    ]);
    expect(checkNetworkRules(big, 'facebook').map((v) => v.rule)).toEqual(['bytes']);
  });

  it('spots a multi-picture (MPO) JPEG, which Instagram refuses', async () => {
    const jpeg = await solid(1080, 1080).jpeg().toBuffer();
    const mpf = Buffer.concat([
      Buffer.from([0xff, 0xe2, 0x00, 0x08]),
      Buffer.from('MPF\0'),
      Buffer.from([0, 0]),
    ]);
    const mpo = { buffer: Buffer.concat([jpeg.subarray(0, 2), mpf, jpeg.subarray(2)]) };
    expect(checkNetworkRules(mpo, 'instagram')).toEqual([
      expect.objectContaining({ rule: 'multiPicture', measured: 'MPO' }),
    ]);
    expect(checkNetworkRules(mpo, 'x')).toEqual([]);
  });

  it('refuses bytes that are not an image', () => {
    expect(checkNetworkRules({ buffer: Buffer.from('GIF89a') }, 'x')).toEqual([
      expect.objectContaining({ rule: 'format', measured: 'unknown' }),
    ]);
  });
});
