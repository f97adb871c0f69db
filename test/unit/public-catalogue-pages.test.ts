import { describe, expect, it } from '@jest/globals';
import {
  type CatalogueInstitution,
  type CatalogueProduct,
  productIdOf,
  productPage,
  productPathSegment,
  robotsTxt,
  sitemapXml,
} from '../../src/catalogue/public/catalogue-pages';
import { escapeHtml, jsonForScript } from '../../src/catalogue/public/html';
import { formatRupiah } from '../../src/catalogue/rupiah';
import { isCountable, visitorHash } from '../../src/metrics/links/visitor';

const ID = '0f8fad5b-d9cb-469f-a165-70867728950e';
const institution: CatalogueInstitution = {
  name: 'Lapas Kelas I Cipinang',
  slug: 'lapas-cipinang',
  region: 'DKI Jakarta',
  brand: { primary: '#1d4e89', text: '#ffffff' },
};

function product(overrides: Partial<CatalogueProduct> = {}): CatalogueProduct {
  return {
    id: ID,
    name: 'Kaos Sablon',
    description: 'Kaos katun',
    priceRupiah: 125000,
    workshopName: 'Sablon',
    path: `/katalog/lapas-cipinang/kaos-sablon-${ID}`,
    photos: [],
    buttons: [],
    ...overrides,
  };
}

describe('catalogue pages', () => {
  it('format prices in rupiah', () => {
    expect(formatRupiah(125000)).toBe('Rp 125.000');
    expect(productPage(institution, product(), 'https://k.id')).toContain('Rp 125.000');
  });

  it('name products by words and id, and read the id back', () => {
    expect(productPathSegment({ id: ID, name: 'Miniatur Kapal Pinisi!' })).toBe(
      `miniatur-kapal-pinisi-${ID}`,
    );
    expect(productPathSegment({ id: ID, name: '???' })).toBe(ID);
    expect(productIdOf(`miniatur-kapal-pinisi-${ID}`)).toBe(ID);
    expect(productIdOf(ID)).toBe(ID);
    expect(productIdOf('kapal')).toBeNull();
    expect(productIdOf(`${ID}x`)).toBeNull();
  });

  it('escape HTML and keep JSON-LD inside its script element', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;',
    );
    const json = jsonForScript({ name: '</script><script>alert(1)</script>' });
    expect(json).not.toContain('<');
    expect(JSON.parse(json)).toEqual({ name: '</script><script>alert(1)</script>' });
  });

  it('show a placeholder for a product without a cleared photo', () => {
    const html = productPage(institution, product(), 'https://k.id');
    expect(html).toContain('Foto belum tersedia');
    expect(html).toContain('<meta name="twitter:card" content="summary">');
    expect(html).not.toContain('og:image');
  });

  it('list pages in the sitemap and point robots at it', () => {
    const xml = sitemapXml(
      [{ path: '/katalog/a&b', lastModified: new Date('2026-11-01T00:00:00Z') }],
      'https://k.id',
    );
    expect(xml).toContain('<loc>https://k.id/katalog/a&amp;b</loc>');
    expect(xml).toContain('<lastmod>2026-11-01T00:00:00.000Z</lastmod>');
    expect(robotsTxt('https://k.id')).toContain('Sitemap: https://k.id/sitemap.xml');
  });
});

describe('click counting rules', () => {
  const person = {
    method: 'GET',
    ip: '203.0.113.7',
    userAgent:
      'Mozilla/5.0 (Linux; Android 14; SM-A546E) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36',
  };

  it('count people, not crawlers, previewers, HEAD requests or missing user agents', () => {
    expect(isCountable(person)).toBe(true);
    expect(
      isCountable({ ...person, userAgent: 'Googlebot/2.1 (+http://www.google.com/bot.html)' }),
    ).toBe(false);
    expect(isCountable({ ...person, userAgent: 'facebookexternalhit/1.1' })).toBe(false);
    expect(isCountable({ ...person, method: 'HEAD' })).toBe(false);
    expect(isCountable({ ...person, userAgent: undefined })).toBe(false);
  });

  it('hash visitors with the day’s salt, so days cannot be linked', () => {
    const today = visitorHash('salt-a', person);
    expect(today).toMatch(/^[0-9a-f]{64}$/);
    expect(visitorHash('salt-a', person)).toBe(today);
    expect(visitorHash('salt-b', person)).not.toBe(today);
    expect(today).not.toContain('203.0.113.7');
  });
});
