import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { Role } from '../../src/auth/roles';
import { createTestApp, TestApp } from '../support/app';
import { makeInstitution, makeSignedInUser } from '../support/factories';

type Json = Record<string, any>;

const BASE = 'http://127.0.0.1:3999';
const SHOP = 'https://www.tokopedia.com/lapas-uji/kemeja-batik';
const BROWSER =
  'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36';

function jsonLd(html: string): Json[] {
  return [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map(
    (m) => JSON.parse(m[1]) as Json,
  );
}

function meta(html: string, key: string): string | undefined {
  const match = new RegExp(`<meta (?:property|name)="${key}" content="([^"]*)">`).exec(html);
  return match?.[1];
}

describe('public catalogue', () => {
  let t: TestApp;
  let slug: string;
  let staff: Awaited<ReturnType<typeof makeSignedInUser>>;
  let workshopId: string;
  let batik: Json;
  let clearedPhoto: string;
  let unclearedPhoto: string;
  let archived: Json;
  let scripted: Json;

  const product = async (name: string, extra: Json = {}): Promise<Json> =>
    (
      await t
        .http()
        .post('/api/products')
        .set(staff.auth)
        .send({
          name,
          priceRupiah: 125000,
          sku: `KAT-${randomUUID().slice(0, 8)}`,
          workshopId,
          ...extra,
        })
        .expect(201)
    ).body;

  const upload = async (productId: string, seed: number, clear: boolean): Promise<string> => {
    const bytes = await sharp({
      create: { width: 300, height: 200, channels: 3, background: { r: seed, g: 90, b: 40 } },
    })
      .jpeg()
      .toBuffer();
    let request = t
      .http()
      .post('/api/media')
      .set(staff.auth)
      .field('productId', productId)
      .attach('file', bytes, { filename: `foto-${seed}.jpg`, contentType: 'image/jpeg' });
    if (clear) {
      request = request.field('clearance', 'no_identifiable_person').field('attestation', 'true');
    }
    return (await request.expect(201)).body.id as string;
  };

  beforeAll(async () => {
    t = await createTestApp();
    slug = `lapas-katalog-${randomUUID().slice(0, 8)}`;
    const institutionId = (await makeInstitution(t.dataSource, { slug, name: 'Lapas Katalog Uji' }))
      .id;
    staff = await makeSignedInUser(t.dataSource, { role: Role.Staff, institutionId });
    workshopId = (
      await t
        .http()
        .post('/api/workshops')
        .set(staff.auth)
        .send({ name: 'Batik', description: 'Batik tulis dan cap' })
        .expect(201)
    ).body.id;
    batik = await product('Kemeja Batik Lintas 5', {
      description: 'Kemeja batik tulis, katun primisima.',
      marketplaceLinks: [
        { marketplace: 'tokopedia', url: SHOP },
        {
          marketplace: 'shopee',
          url: 'https://shopee.co.id/kemeja-batik-i.1.2',
          label: 'Shopee Lapas',
        },
      ],
    });
    clearedPhoto = await upload(batik.id, 10, true);
    unclearedPhoto = await upload(batik.id, 20, false);
    archived = await product('Tas Kulit Lama');
    await upload(archived.id, 30, true);
    await t.dataSource.query(
      `UPDATE products SET status = 'archived', archived_at = now() WHERE id = $1`,
      [archived.id],
    );
    scripted = await product('<script>alert(1)</script> & "Kaos"');
  });

  afterAll(async () => {
    await t?.close();
  });

  it('shows the institution, its workshops and active products only, with cleared photos only', async () => {
    const res = await t.http().get(`/katalog/${slug}`).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    const html = res.text;
    expect(html).toContain('<html lang="id">');
    expect(html).toContain('Lapas Katalog Uji');
    expect(html).toContain('<h2>Batik</h2>');
    expect(html).toContain('Kemeja Batik Lintas 5');
    expect(html).toContain('Rp 125.000');
    expect(html).toContain(`/katalog/${slug}/foto/${clearedPhoto}-kecil.jpg`);
    expect(html).not.toContain(unclearedPhoto);
    expect(html).not.toContain('Tas Kulit Lama');
    expect(html).not.toContain(archived.id);
    // The product without a cleared photo gets the placeholder.
    expect(html).toContain('Foto belum tersedia');
    expect(meta(html, 'og:title')).toBe('Katalog Lapas Katalog Uji');
    expect(meta(html, 'og:url')).toBe(`${BASE}/katalog/${slug}`);
    expect(meta(html, 'og:image')).toBe(`${BASE}/katalog/${slug}/foto/${clearedPhoto}.jpg`);
    expect(meta(html, 'twitter:card')).toBe('summary_large_image');
    const [list] = jsonLd(html);
    expect(list['@type']).toBe('ItemList');
    expect(list.itemListElement).toHaveLength(2);
  });

  it('describes a product with Open Graph, Twitter card and schema.org Product markup', async () => {
    const path = `/katalog/${slug}/kemeja-batik-lintas-5-${batik.id}`;
    const res = await t.http().get(path).expect(200);
    const html = res.text;
    const photoUrl = `${BASE}/katalog/${slug}/foto/${clearedPhoto}.jpg`;
    expect(meta(html, 'og:type')).toBe('product');
    expect(meta(html, 'og:title')).toBe('Kemeja Batik Lintas 5 · Lapas Katalog Uji');
    expect(meta(html, 'og:description')).toBe('Kemeja batik tulis, katun primisima.');
    expect(meta(html, 'og:url')).toBe(BASE + path);
    expect(meta(html, 'og:image')).toBe(photoUrl);
    expect(meta(html, 'og:locale')).toBe('id_ID');
    expect(meta(html, 'twitter:card')).toBe('summary_large_image');
    expect(meta(html, 'twitter:image')).toBe(photoUrl);
    expect(html).toContain(`<link rel="canonical" href="${BASE}${path}">`);

    const ld = jsonLd(html);
    expect(ld).toHaveLength(1);
    expect(ld[0]).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'Product',
      name: 'Kemeja Batik Lintas 5',
      description: 'Kemeja batik tulis, katun primisima.',
      image: [photoUrl],
      offers: {
        '@type': 'Offer',
        price: '125000',
        priceCurrency: 'IDR',
        availability: 'https://schema.org/InStock',
        url: BASE + path,
      },
    });
    expect(html).not.toContain(unclearedPhoto);
  });

  it('sends the marketplace buttons through tracked catalogue links', async () => {
    const path = `/katalog/${slug}/kemeja-batik-lintas-5-${batik.id}`;
    const html = (await t.http().get(path).expect(200)).text;
    const buttons = [
      ...html.matchAll(/<a href="http:\/\/127\.0\.0\.1:3999\/l\/([0-9A-Za-z]{8})"[^>]*>([^<]*)</g),
    ];
    expect(buttons.map((b) => b[2]).sort()).toEqual(['Beli di Shopee Lapas', 'Beli di Tokopedia']);
    const tokopedia = buttons.find((b) => b[2] === 'Beli di Tokopedia')!;
    const res = await t.http().get(`/l/${tokopedia[1]}`).set('User-Agent', BROWSER).expect(302);
    expect(res.headers.location).toBe(
      `${SHOP}?utm_source=katalog&utm_medium=referral&utm_campaign=katalog`,
    );
    // Another view reuses the links.
    await t.http().get(path).expect(200);
    const rows: Json[] = await t.dataSource.query(
      `SELECT kind, partner FROM tracked_links WHERE product_id = $1`,
      [batik.id],
    );
    expect(rows).toEqual([
      { kind: 'catalogue', partner: 'katalog' },
      { kind: 'catalogue', partner: 'katalog' },
    ]);
  });

  it('serves cleared photos publicly, and stops the moment clearance goes', async () => {
    const photo = await t.http().get(`/katalog/${slug}/foto/${clearedPhoto}.jpg`).expect(200);
    expect(photo.headers['content-type']).toBe('image/jpeg');
    expect(photo.headers['cache-control']).toBe('public, max-age=300');
    await t.http().get(`/katalog/${slug}/foto/${clearedPhoto}-kecil.jpg`).expect(200);
    const denied = await t.http().get(`/katalog/${slug}/foto/${unclearedPhoto}.jpg`).expect(404);
    expect(denied.headers['content-type']).toMatch(/^text\/html/);
    await t.http().get(`/katalog/lapas-lain/foto/${clearedPhoto}.jpg`).expect(404);

    await t.dataSource.query(
      `UPDATE media_assets SET clearance = 'uncleared', cleared_by = NULL, cleared_at = NULL WHERE id = $1`,
      [clearedPhoto],
    );
    try {
      await t.http().get(`/katalog/${slug}/foto/${clearedPhoto}.jpg`).expect(404);
      const html = (await t.http().get(`/katalog/${slug}`).expect(200)).text;
      expect(html).not.toContain(clearedPhoto);
      expect(html).not.toContain('og:image');
    } finally {
      await t.dataSource.query(
        `UPDATE media_assets SET clearance = 'no_identifiable_person' WHERE id = $1`,
        [clearedPhoto],
      );
    }
  });

  it('escapes a product named like a script, and runs no script at all', async () => {
    const moved = await t.http().get(`/katalog/${slug}/${scripted.id}`).expect(301);
    expect(moved.headers.location).toBe(
      `/katalog/${slug}/script-alert-1-script-kaos-${scripted.id}`,
    );
    const res = await t.http().get(moved.headers.location).expect(200);
    const html = res.text;
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Kaos&quot;');
    expect([...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0])).toEqual([
      '<script type="application/ld+json">',
    ]);
    expect(jsonLd(html)[0].name).toBe('<script>alert(1)</script> & "Kaos"');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    const index = (await t.http().get(`/katalog/${slug}`).expect(200)).text;
    expect(index).not.toContain('<script>alert');
  });

  it('answers unknown institutions, products and archived products with a 404 page', async () => {
    for (const path of [
      '/katalog/tidak-ada-lapas-ini',
      `/katalog/${slug}/tas-kulit-lama-${archived.id}`,
      `/katalog/${slug}/produk-${randomUUID()}`,
      `/katalog/${slug}/bukan-produk`,
      `/katalog/${slug}/foto/tidak-ada.jpg`,
    ]) {
      const res = await t.http().get(path).expect(404);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.text).toContain('Halaman tidak ditemukan');
    }
  });

  it('moves an old product address to the current name', async () => {
    const res = await t.http().get(`/katalog/${slug}/nama-lama-${batik.id}`).expect(301);
    expect(res.headers.location).toBe(`/katalog/${slug}/kemeja-batik-lintas-5-${batik.id}`);
  });

  it('lists the catalogue in sitemap.xml and robots.txt', async () => {
    const sitemap = await t.http().get('/sitemap.xml').expect(200);
    expect(sitemap.headers['content-type']).toMatch(/^application\/xml/);
    expect(sitemap.text).toContain(`<loc>${BASE}/katalog/${slug}</loc>`);
    expect(sitemap.text).toContain(
      `<loc>${BASE}/katalog/${slug}/kemeja-batik-lintas-5-${batik.id}</loc>`,
    );
    expect(sitemap.text).not.toContain(archived.id);
    const robots = await t.http().get('/robots.txt').expect(200);
    expect(robots.text).toContain(`Sitemap: ${BASE}/sitemap.xml`);
    expect(robots.text).toContain('Disallow: /api/');
  });
});
