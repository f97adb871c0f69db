import { describe, expect, it } from '@jest/globals';
import { formatRupiah, MAX_PRICE_RUPIAH } from '../../src/catalogue/rupiah';
import { rupiahTransformer } from '../../src/catalogue/product.entity';

describe('rupiah label', () => {
  it.each([
    [0, 'Rp 0'],
    [500, 'Rp 500'],
    [1000, 'Rp 1.000'],
    [150000, 'Rp 150.000'],
    [1250000, 'Rp 1.250.000'],
    [MAX_PRICE_RUPIAH, 'Rp 1.000.000.000.000'],
    [-5000, '-Rp 5.000'],
  ])('formats %d as %s', (amount, label) => {
    expect(formatRupiah(amount)).toBe(label);
  });

  it('matches the id-ID number grouping', () => {
    expect(formatRupiah(987654321)).toBe(
      `Rp ${new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0 }).format(987654321)}`,
    );
  });

  it('refuses fractions and unsafe numbers rather than rounding them', () => {
    expect(() => formatRupiah(1500.5)).toThrow(RangeError);
    expect(() => formatRupiah(Number.NaN)).toThrow(RangeError);
    expect(() => formatRupiah(2 ** 53)).toThrow(RangeError);
  });
});

describe('price_rupiah column mapping', () => {
  it('reads the bigint text pg returns as an exact number', () => {
    expect(rupiahTransformer.from('150000')).toBe(150000);
    expect(rupiahTransformer.from('1000000000000')).toBe(1_000_000_000_000);
    expect(rupiahTransformer.from(null)).toBeNull();
  });

  it('refuses a value that a JS number cannot hold exactly', () => {
    expect(() => rupiahTransformer.from('9007199254740993')).toThrow(RangeError);
  });

  it('writes numbers unchanged', () => {
    expect(rupiahTransformer.to(150000)).toBe(150000);
  });
});
