import { describe, expect, it } from '@jest/globals';
import { AppError } from '../../src/common/app-error';
import {
  CAPTION_VARIABLES,
  CaptionVariables,
  parseCaptionTemplate,
  renderCaptionTemplate,
  tryRenderCaptionTemplate,
} from '../../src/content/captions/caption-template';

const values: CaptionVariables = {
  product: {
    name: 'Miniatur Kapal Pinisi',
    priceRupiah: 1_250_000,
    sku: 'CPG-KRJ-0007',
    description: 'Kayu jati, panjang 60 cm.',
    link: 'https://karya.example/l/pinisi',
  },
  workshop: { name: 'Kerajinan Tangan' },
  institution: { name: 'Lapas Kelas I Cipinang', slug: 'lapas-cipinang' },
  hashtags: ['KaryaWargaBinaan', 'kerajinanTangan', 'pinisi'],
  cta: 'Pesan sekarang!',
  date: { at: new Date('2026-07-12T18:30:00Z'), timeZone: 'Asia/Jakarta' },
};

const announcement: CaptionVariables = {
  institution: { name: 'Lapas Kelas I Cipinang', slug: 'lapas-cipinang' },
  cta: 'Kunjungi galeri kami',
};

describe('renderCaptionTemplate', () => {
  it('fills every variable', () => {
    const template = [
      '{{product.name}} — {{product.price}}',
      '{{product.description}} SKU {{product.sku}}',
      'Beli: {{product.link}}',
      'Karya bengkel {{workshop.name}}, {{institution.name}} ({{institution.slug}})',
      '{{cta}} Terbit {{date}}',
      '{{hashtags}}',
    ].join('\n');
    expect(renderCaptionTemplate(template, values)).toBe(
      [
        'Miniatur Kapal Pinisi — Rp 1.250.000',
        'Kayu jati, panjang 60 cm. SKU CPG-KRJ-0007',
        'Beli: https://karya.example/l/pinisi',
        'Karya bengkel Kerajinan Tangan, Lapas Kelas I Cipinang (lapas-cipinang)',
        'Pesan sekarang! Terbit 13 Juli 2026',
        '#KaryaWargaBinaan #kerajinanTangan #pinisi',
      ].join('\n'),
    );
  });

  it('covers every variable it knows in that test', () => {
    const used = parseCaptionTemplate(
      '{{product.name}}{{product.price}}{{product.description}}{{product.sku}}{{product.link}}' +
        '{{workshop.name}}{{institution.name}}{{institution.slug}}{{cta}}{{date}}{{hashtags}}',
    ).variables;
    expect([...used].sort()).toEqual([...CAPTION_VARIABLES.keys()].sort());
  });

  it.each([
    [0, 'Rp 0'],
    [999, 'Rp 999'],
    [150_000, 'Rp 150.000'],
    [1_250_000, 'Rp 1.250.000'],
    [2_000_000_000, 'Rp 2.000.000.000'],
  ])('formats a price of %i as %s', (priceRupiah, expected) => {
    const product = { ...values.product!, priceRupiah };
    expect(renderCaptionTemplate('{{product.price}}', { product })).toBe(expected);
  });

  it.each([
    ['2026-07-12T16:59:00Z', 'Asia/Jakarta', '12 Juli 2026'],
    ['2026-07-12T17:00:00Z', 'Asia/Jakarta', '13 Juli 2026'],
    ['2026-12-31T15:30:00Z', 'Asia/Makassar', '31 Desember 2026'],
    ['2026-12-31T16:00:00Z', 'Asia/Makassar', '1 Januari 2027'],
    ['2026-02-28T15:00:00Z', 'Asia/Jayapura', '1 Maret 2026'],
  ])('shows %s in %s as %s', (at, timeZone, expected) => {
    expect(renderCaptionTemplate('{{date}}', { date: { at: new Date(at), timeZone } })).toBe(
      expected,
    );
  });

  it.each(['{{ product.name }}', '{{product.name   }}', '{{\tproduct.name\n}}', '{{  cta}}'])(
    'tolerates whitespace inside the braces: %j',
    (template) => {
      expect(renderCaptionTemplate(template, values)).toMatch(/^(Miniatur Kapal Pinisi|Pesan)/);
    },
  );

  it('inserts values literally and never scans them again', () => {
    const product = { ...values.product!, name: '{{cta}} {{constructor}} ${process.exit()}' };
    expect(renderCaptionTemplate('Produk: {{product.name}}', { product })).toBe(
      'Produk: {{cta}} {{constructor}} ${process.exit()}',
    );
  });

  it('leaves text without placeholders and lone braces alone', () => {
    expect(renderCaptionTemplate('Ukuran {S, M, L} }} { ok', {})).toBe('Ukuran {S, M, L} }} { ok');
    expect(renderCaptionTemplate('', {})).toBe('');
  });

  it('does not double a "#" already in the hashtag group', () => {
    expect(renderCaptionTemplate('{{hashtags}}', { hashtags: ['#batik', 'tenun'] })).toBe(
      '#batik #tenun',
    );
  });

  it('throws a validation error on field "template" with every problem in details', () => {
    let thrown: unknown;
    try {
      renderCaptionTemplate('{{product.name}} {{harga}}', announcement);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    const error = thrown as AppError;
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.field).toBe('template');
    expect(error.text.en).toContain(
      '{{product.name}} cannot be filled in: this post has no product',
    );
    const details = error.details as { errors: { code: string; variable: string }[] };
    expect(details.errors.map((e) => [e.code, e.variable])).toEqual([
      ['missing_value', 'product.name'],
      ['unknown_variable', 'harga'],
    ]);
  });
});

describe('unknown variables and syntax errors', () => {
  it('names the variable and its position', () => {
    const { errors } = parseCaptionTemplate('Halo {{produk.nama}}!');
    expect(errors).toEqual([
      expect.objectContaining({
        code: 'unknown_variable',
        variable: 'produk.nama',
        suggestion: 'product.name',
        offset: 5,
        line: 1,
        column: 6,
      }),
    ]);
    expect(errors[0].message).toEqual({
      id: 'Variabel tidak dikenal {{produk.nama}} di baris 1, kolom 6; maksud Anda {{product.name}}?',
      en: 'Unknown variable {{produk.nama}} at line 1, column 6; did you mean {{product.name}}?',
    });
  });

  it('counts lines and columns in characters people see, offsets in UTF-16 units', () => {
    const template = '😀😀 Batik\nab {{warna}}';
    const [error] = parseCaptionTemplate(template).errors;
    expect(error).toMatchObject({ line: 2, column: 4, offset: template.indexOf('{{') });
    expect(error.offset).toBe(14);
    expect(error.suggestion).toBeUndefined();
  });

  it.each([
    ['{{constructor}}', 'constructor'],
    ['{{__proto__}}', '__proto__'],
    ['{{ prototype }}', 'prototype'],
    ['{{toString}}', 'toString'],
    ['{{hasOwnProperty}}', 'hasOwnProperty'],
    ['{{product.constructor}}', 'product.constructor'],
    ['{{product.__proto__}}', 'product.__proto__'],
    ['{{product.name.constructor}}', 'product.name.constructor'],
    ['{{product["name"]}}', 'product["name"]'],
    ['{{process.env.DATABASE_URL}}', 'process.env.DATABASE_URL'],
    ['{{product.name | upper}}', 'product.name | upper'],
  ])('refuses %s as an unknown variable', (template, variable) => {
    const result = tryRenderCaptionTemplate(template, values);
    expect(result).toEqual({
      ok: false,
      errors: [expect.objectContaining({ code: 'unknown_variable', variable, offset: 0 })],
    });
  });

  it.each([
    ['{{Product.Name}}', 'product.name'],
    ['{{product_price}}', 'product.price'],
    ['{{harga}}', 'product.price'],
    ['{{tagar}}', 'hashtags'],
    ['{{{product.name}}}', 'product.name'],
  ])('suggests the right spelling for %s', (template, suggestion) => {
    expect(parseCaptionTemplate(template).errors[0]).toMatchObject({
      code: 'unknown_variable',
      suggestion,
    });
  });

  it('reports an empty placeholder', () => {
    expect(parseCaptionTemplate('a {{  }} b').errors).toEqual([
      expect.objectContaining({ code: 'empty_placeholder', offset: 2, line: 1, column: 3 }),
    ]);
  });

  it('reports an unclosed placeholder and goes on checking', () => {
    const { errors, variables } = parseCaptionTemplate('{{product.name {{cta}} {{warna');
    expect(errors.map((e) => [e.code, e.offset])).toEqual([
      ['unclosed_placeholder', 0],
      ['unclosed_placeholder', 23],
    ]);
    expect(variables).toEqual(['cta']);
    expect(errors[0].message.en).toBe('The {{ at line 1, column 1 is not closed with }}');
  });

  it('lists each known variable once, in order of first use', () => {
    expect(parseCaptionTemplate('{{cta}} {{product.name}} {{cta}}').variables).toEqual([
      'cta',
      'product.name',
    ]);
  });

  it('keeps messages short when a whole paragraph sits inside braces', () => {
    const [error] = parseCaptionTemplate(`{{${'kata '.repeat(200)}}}`).errors;
    expect(error.message.en.length).toBeLessThan(120);
    expect(error.variable?.length).toBe(999);
  });
});

describe('missing values', () => {
  it.each<[string, string, CaptionVariables, string]>([
    [
      'an announcement has no product',
      '{{product.name}}',
      announcement,
      'this post has no product',
    ],
    [
      'an announcement has no price',
      'Rp? {{product.price}}',
      announcement,
      'this post has no product',
    ],
    [
      'a product without a link',
      '{{product.link}}',
      { product: { ...values.product!, link: null } },
      'the product has no sales link',
    ],
    [
      'an empty description',
      '{{product.description}}',
      { product: { ...values.product!, description: '' } },
      'the product has no description',
    ],
    ['no workshop', '{{workshop.name}}', announcement, 'this post has no workshop'],
    ['a blank call to action', '{{cta}}', { cta: '   ' }, 'no call to action is set'],
    ['an empty hashtag group', '{{hashtags}}', { hashtags: [] }, 'no hashtag group is selected'],
    ['no planned time', '{{date}}', {}, 'this post has no planned time'],
    ['no institution', '{{institution.slug}}', {}, 'the institution slug is not available'],
  ])('%s is an error naming the variable', (_scenario, template, given, why) => {
    const result = tryRenderCaptionTemplate(template, given);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const [error] = result.errors;
    const variable = template.slice(template.indexOf('{{') + 2, template.indexOf('}}'));
    expect(error).toMatchObject({ code: 'missing_value', variable });
    expect(error.message.en).toBe(
      `{{${variable}}} cannot be filled in: ${why} (line 1, column ${template.indexOf('{{') + 1})`,
    );
    expect(error.message.id).toContain(`{{${variable}}} tidak bisa diisi:`);
  });

  it('reports a missing variable once even when it is used twice', () => {
    const result = tryRenderCaptionTemplate('{{product.name}}\n{{product.name}}', announcement);
    expect(result.ok || result.errors.map((e) => [e.variable, e.line])).toEqual([
      ['product.name', 1],
    ]);
  });

  it('renders an announcement that uses only what it has', () => {
    expect(renderCaptionTemplate('{{institution.name}}: {{cta}}', announcement)).toBe(
      'Lapas Kelas I Cipinang: Kunjungi galeri kami',
    );
  });
});
