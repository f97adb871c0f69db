import { describe, expect, it } from '@jest/globals';
import { FIXTURE_VARIABLES } from './render-fixtures';
import sharp from 'sharp';
import { AppError, ErrorCode } from '../../src/common/app-error';
import { builtInTemplate } from '../../src/content/rendering/builtins';
import { fontFile, fontMetrics, FontWeight, pangoFont } from '../../src/content/rendering/fonts';
import { altText, discountPercent, formatRupiah } from '../../src/content/rendering/render-input';
import { escapeMarkup, fitText, TextStyle, wrapWords } from '../../src/content/rendering/text';

const context = { field: 'variables.product.name', label: 'product.name' };

function style(overrides: Partial<TextStyle> = {}): TextStyle {
  return {
    fontSize: 66,
    minFontSize: 40,
    weight: 800,
    colour: '#ffffff',
    align: 'left',
    maxLines: 2,
    lineHeight: 1.12,
    letterSpacing: 0,
    strike: false,
    ...overrides,
  };
}

async function inkWidth(text: string, weight: FontWeight, size: number): Promise<number> {
  const { info } = await sharp({
    text: {
      text: escapeMarkup(text),
      font: pangoFont(weight, size),
      fontfile: fontFile(weight),
      dpi: 72,
      rgba: true,
    },
  })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return info.width;
}

describe('money and alt text', () => {
  it('prints rupiah the Indonesian way', () => {
    expect(formatRupiah(1_250_000)).toBe('Rp 1.250.000');
    expect(formatRupiah(150_000)).toBe('Rp 150.000');
    expect(formatRupiah(999)).toBe('Rp 999');
    expect(formatRupiah(0)).toBe('Rp 0');
  });

  it('rounds the discount to a whole percent, never 0%', () => {
    expect(discountPercent(150_000, 200_000)).toBe(25);
    expect(discountPercent(1_250_000, 1_750_000)).toBe(29);
    expect(discountPercent(99_900, 100_000)).toBe(1);
  });

  it('describes the product in Bahasa Indonesia', () => {
    const { oldPriceRupiah: _old, ...product } = FIXTURE_VARIABLES.product;
    expect(altText({ ...FIXTURE_VARIABLES, product })).toBe(
      'Foto produk Kemeja Batik Lintas 5 dari Bengkel Konveksi, Lapas Kelas I Cipinang, harga Rp 150.000',
    );
  });
});

describe('font metrics', () => {
  it('estimate widths a little wide of what pango draws, never narrow', async () => {
    const samples = [
      'Kemeja Batik Lintas 5',
      'Rp 1.250.000',
      'Pemasyarakatan',
      'AVATAR Tempe',
      'Kerajinan Tangan Kulit Asli',
    ];
    const outOfRange: { text: string; weight: number; ratio: number }[] = [];
    for (const weight of [400, 700, 800] as const) {
      for (const text of samples) {
        const ratio = (await inkWidth(text, weight, 64)) / fontMetrics(weight).width(text, 64);
        if (ratio <= 0.9 || ratio > 1) outOfRange.push({ text, weight, ratio });
      }
    }
    expect(outOfRange).toEqual([]);
  });

  it('knows which characters the bundled font lacks', () => {
    expect(fontMetrics(800).missingChars('Kopi Toraja − 100% → Rp 1.250.000')).toEqual([]);
    expect(fontMetrics(800).missingChars('Kopi 🙂 enak ✓')).toEqual(['🙂', '✓']);
  });
});

describe('fitting text', () => {
  it('wraps at word boundaries and never splits a word', () => {
    const measure = (s: string) => s.length * 10;
    expect(wrapWords(['Kemeja', 'Batik', 'Lintas', '5'], 130, measure)).toEqual([
      'Kemeja Batik',
      'Lintas 5',
    ]);
    expect(wrapWords(['Pemasyarakatan'], 130, measure)).toBeNull();
  });

  it('keeps a short name at full size on one line', async () => {
    const fitted = await fitText('Kemeja Batik Lintas 5', style(), { w: 960, h: 156 }, context);
    expect([fitted.fontSize, fitted.lines]).toEqual([66, ['Kemeja Batik Lintas 5']]);
  });

  it('shrinks and wraps a very long name into the box', async () => {
    const name =
      'Tas Selempang Kerajinan Tangan Kulit Asli Hasil Karya Warga Binaan Pemasyarakatan';
    const fitted = await fitText(name, style(), { w: 960, h: 156 }, context);
    expect(fitted.lines.length).toBe(2);
    expect(fitted.lines.join(' ')).toBe(name);
    expect(fitted.fontSize).toBeLessThan(66);
    expect(fitted.fontSize).toBeGreaterThanOrEqual(40);
    expect(fitted.image.width).toBeLessThanOrEqual(960);
    expect(fitted.image.height).toBeLessThanOrEqual(156);
  });

  it('shrinks a long single word instead of breaking it', async () => {
    const fitted = await fitText(
      'Pemasyarakatan',
      style({ maxLines: 1 }),
      { w: 420, h: 80 },
      context,
    );
    expect(fitted.lines).toEqual(['Pemasyarakatan']);
    expect(fitted.fontSize).toBeLessThan(66);
    expect(fitted.image.width).toBeLessThanOrEqual(420);
  });

  it('fits "Rp 1.250.000" in the price pill of the portrait template', async () => {
    const pill = builtInTemplate('ig-portrait').texts.find((t) => t.binding === 'product.price');
    if (!pill?.background) throw new Error('ig-portrait has a price pill');
    const box = {
      w: pill.w - 2 * pill.background.paddingX,
      h: pill.h - 2 * pill.background.paddingY,
    };
    const fitted = await fitText('Rp 1.250.000', { ...pill, colour: '#0f4c81' }, box, context);
    expect(fitted.lines).toEqual(['Rp 1.250.000']);
    expect(fitted.image.width).toBeLessThanOrEqual(box.w);
  });

  it('renders markup characters literally', async () => {
    const fitted = await fitText(
      'Kaos & Sablon <Pria> "Asli"',
      style(),
      { w: 960, h: 156 },
      context,
    );
    expect(fitted.lines).toEqual(['Kaos & Sablon <Pria> "Asli"']);
    expect(escapeMarkup('a & <b> "c" \'d\'')).toBe('a &amp; &lt;b&gt; &quot;c&quot; &apos;d&apos;');
  });

  it('throws a clear error instead of cutting text that cannot fit', async () => {
    const text =
      'Tas Selempang Kerajinan Tangan Kulit Asli Hasil Karya Warga Binaan Pemasyarakatan';
    let error: unknown;
    try {
      await fitText(text, style({ maxLines: 1, minFontSize: 40 }), { w: 600, h: 80 }, context);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    const appError = error as AppError;
    expect([appError.code, appError.status, appError.field]).toEqual([
      ErrorCode.UnprocessableEntity,
      422,
      context.field,
    ]);
    expect(appError.text.en).toContain('does not fit in 1 line(s) 600 px wide, even at 40 px');
    expect(appError.text.id).toContain('terlalu panjang');
  });

  it('names characters the font cannot draw', async () => {
    await expect(fitText('Kopi 🙂', style(), { w: 960, h: 156 }, context)).rejects.toMatchObject({
      field: context.field,
      code: ErrorCode.ValidationFailed,
    });
  });
});
