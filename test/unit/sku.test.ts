import { describe, expect, it } from '@jest/globals';
import { normalizeSku, parseSku, SKU_PATTERN } from '../../src/catalogue/sku';

describe('SKU rule', () => {
  it('trims and upper-cases what staff type', () => {
    expect(normalizeSku('  sbl-kaos-001 ')).toBe('SBL-KAOS-001');
    expect(parseSku(' btk.lintas_5 ')).toEqual({ ok: true, sku: 'BTK.LINTAS_5' });
  });

  it('accepts 1 to 64 characters starting with a letter or digit', () => {
    expect(parseSku('A').ok).toBe(true);
    expect(parseSku('9').ok).toBe(true);
    expect(parseSku('A'.repeat(64)).ok).toBe(true);
    expect(parseSku('A'.repeat(65)).ok).toBe(false);
  });

  it('refuses an empty SKU', () => {
    const result = parseSku('   ');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason.en).toMatch(/required/);
  });

  it.each([
    '-ABC',
    '.ABC',
    '_ABC',
    'KAOS 001',
    'KAOS/001',
    'KAOS#1',
    "A' OR 1=1",
    'ÄBC',
    'KAOS\n1',
  ])('refuses %j', (input) => {
    expect(parseSku(input).ok).toBe(false);
  });

  it('agrees with the ck_products_sku database pattern', () => {
    expect(SKU_PATTERN.source).toBe('^[A-Z0-9][A-Z0-9._-]{0,63}$');
  });

  it('reports the rule in both languages', () => {
    const result = parseSku('kaos/001');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.reason.id).toMatch(/huruf/);
      expect(result.reason.en).toMatch(/letters/);
    }
  });
});
