import { describe, expect, it } from '@jest/globals';
import { isValidSlug, slugify } from '../../src/institutions/slug';

describe('institution slug rules', () => {
  it.each(['lapas-cipinang', 'rutan-salemba-2', 'abc', 'a'.repeat(60)])('accepts %s', (slug) => {
    expect(isValidSlug(slug)).toBe(true);
  });

  it.each([
    ['too short', 'ab'],
    ['too long', 'a'.repeat(61)],
    ['uppercase', 'Lapas-Cipinang'],
    ['leading hyphen', '-lapas'],
    ['trailing hyphen', 'lapas-'],
    ['double hyphen', 'lapas--cipinang'],
    ['space', 'lapas cipinang'],
    ['underscore', 'lapas_cipinang'],
    ['non-ASCII letter', 'lapas-cipináng'],
    ['empty', ''],
  ])('refuses a slug with %s', (_rule, slug) => {
    expect(isValidSlug(slug)).toBe(false);
  });

  it('makes a slug from an institution name', () => {
    expect(slugify('Lapas Kelas I Cipinang')).toBe('lapas-kelas-i-cipinang');
    expect(slugify('  LPKA Kelas II  Bandung (Jawa Barat) ')).toBe(
      'lpka-kelas-ii-bandung-jawa-barat',
    );
    expect(slugify('Rutan Pondok Bambu — Perempuan')).toBe('rutan-pondok-bambu-perempuan');
    expect(slugify('Lapas Café Señor')).toBe('lapas-cafe-senor');
  });

  it('cuts long names at 60 characters without a trailing hyphen', () => {
    const slug = slugify(`Lembaga Pemasyarakatan Perempuan Kelas IIA ${'Sungguminasa '.repeat(3)}`);
    expect(slug.length).toBeLessThanOrEqual(60);
    expect(isValidSlug(slug)).toBe(true);
  });

  it('may give a slug that is too short, for the caller to refuse', () => {
    expect(isValidSlug(slugify('LP'))).toBe(false);
    expect(slugify('!!!')).toBe('');
  });
});
