import { describe, expect, it } from '@jest/globals';
import {
  normalizeLinkLabel,
  validateMarketplaceUrl,
  Marketplace,
} from '../../src/catalogue/marketplace-link';

function accepted(marketplace: Marketplace, url: string): string {
  const result = validateMarketplaceUrl(marketplace, url);
  if (!result.ok) throw new Error(`expected ${url} to be accepted: ${result.reason.en}`);
  return result.url;
}

function refusal(marketplace: Marketplace, url: string): string {
  const result = validateMarketplaceUrl(marketplace, url);
  if (result.ok) throw new Error(`expected ${url} to be refused`);
  return result.reason.en;
}

describe('marketplace link rule', () => {
  it.each([
    'https://www.tokopedia.com/lapas-cipinang/kaos-sablon',
    'https://tokopedia.com/lapas-cipinang',
    'https://tk.tokopedia.com/ZSabc123/',
    'https://tokopedia.link/AbCdEf',
  ])('accepts the Tokopedia link %s', (url) => {
    expect(accepted('tokopedia', url)).toBe(url);
  });

  it.each([
    'https://shopee.co.id/lapas.cipinang',
    'https://shopee.co.id/product/123/456',
    'https://shopee.com/lapas',
    'https://id.shp.ee/abcd1234',
    'https://shp.ee/abcd1234',
  ])('accepts the Shopee link %s', (url) => {
    expect(accepted('shopee', url)).toBe(url);
  });

  it('accepts any public https address as another shop', () => {
    expect(accepted('other', 'https://galeri.lapascipinang.id/produk?id=5#kopi')).toBe(
      'https://galeri.lapascipinang.id/produk?id=5#kopi',
    );
  });

  it('normalises the host and drops a trailing dot', () => {
    expect(accepted('tokopedia', '  https://WWW.Tokopedia.COM./toko  ')).toBe(
      'https://www.tokopedia.com/toko',
    );
  });

  it('keeps a Tokopedia link off look-alike domains', () => {
    expect(refusal('tokopedia', 'https://tokopedia.com.evil.id/toko')).toMatch(/tokopedia\.com/);
    expect(refusal('tokopedia', 'https://faketokopedia.com/toko')).toMatch(/tokopedia\.com/);
    expect(refusal('tokopedia', 'https://evil.id/tokopedia.com')).toMatch(/tokopedia\.com/);
    expect(refusal('tokopedia', 'https://shopee.co.id/toko')).toMatch(/Tokopedia link/);
  });

  it('keeps a Shopee link on Shopee domains', () => {
    expect(refusal('shopee', 'https://www.tokopedia.com/toko')).toMatch(/Shopee link/);
    expect(refusal('shopee', 'https://shopee.co.id.evil.com/x')).toMatch(/shopee\.co\.id/);
  });

  it('requires https', () => {
    expect(refusal('other', 'http://galeri.lapascipinang.id')).toMatch(/https/);
    expect(refusal('tokopedia', 'ftp://tokopedia.com/x')).toMatch(/https/);
  });

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(document.cookie)',
    'data:text/html,<script>x</script>',
  ])('refuses the script address %s', (url) => {
    expect(refusal('other', url)).toMatch(/https/);
  });

  it('refuses addresses without a scheme or unparsable ones', () => {
    expect(refusal('tokopedia', 'tokopedia.com/toko')).toMatch(/full address/);
    expect(refusal('other', 'https://')).toMatch(/full address/);
  });

  it('refuses credentials in the address', () => {
    expect(refusal('tokopedia', 'https://user:pass@tokopedia.com/x')).toMatch(/user name/);
    expect(refusal('tokopedia', 'https://tokopedia.com@evil.id/x')).toMatch(/user name/);
  });

  it.each([
    'https://localhost/x',
    'https://shop.localhost/x',
    'https://printer.local/x',
    'https://intranet/x',
    'https://router.home.arpa/x',
  ])('refuses the private name %s', (url) => {
    expect(refusal('other', url)).toMatch(/public domain/);
  });

  it.each([
    'https://127.0.0.1/x',
    'https://10.0.0.5/x',
    'https://192.168.1.1/x',
    'https://169.254.169.254/latest/meta-data',
    'https://0x7f.1/x',
    'https://2130706433/x',
    'https://[::1]/x',
    'https://[fd00::1]/x',
    'https://8.8.8.8/x',
  ])('refuses the IP address %s', (url) => {
    expect(refusal('other', url)).toMatch(/IP address/);
  });

  it('refuses a custom port', () => {
    expect(refusal('other', 'https://galeri.example.id:8443/x')).toMatch(/port/);
    expect(accepted('other', 'https://galeri.example.id:443/x')).toBe(
      'https://galeri.example.id/x',
    );
  });

  it('refuses spaces and control characters instead of silently removing them', () => {
    expect(refusal('other', 'https://galeri.example.id/kaos sablon')).toMatch(/spaces/);
    expect(refusal('other', 'https://galeri.exa\tmple.id/')).toMatch(/spaces/);
    expect(refusal('other', 'https://galeri.example.id/\u0000x')).toMatch(/control/);
    expect(refusal('other', 'https://galeri.example.id/\u007fx')).toMatch(/control/);
  });

  it('limits the length to 2000 characters', () => {
    const base = 'https://www.tokopedia.com/';
    expect(accepted('tokopedia', base + 'a'.repeat(2000 - base.length))).toHaveLength(2000);
    expect(refusal('tokopedia', base + 'a'.repeat(2001 - base.length))).toMatch(/2000/);
  });

  it('refuses an empty address', () => {
    expect(refusal('other', '   ')).toMatch(/required/);
  });

  it('gives Indonesian reasons too', () => {
    const result = validateMarketplaceUrl('shopee', 'https://www.tokopedia.com/x');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason.id).toMatch(/Tautan Shopee harus berada di domain/);
  });

  it('treats a blank label as none', () => {
    expect(normalizeLinkLabel('  Toko resmi ')).toBe('Toko resmi');
    expect(normalizeLinkLabel('   ')).toBeNull();
    expect(normalizeLinkLabel(undefined)).toBeNull();
    expect(normalizeLinkLabel(null)).toBeNull();
  });
});
