import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '../../src/auth/roles';
import { createTestApp, TestApp } from '../support/app';
import { makeInstitution, makeProduct, makeSignedInUser, makeWorkshop } from '../support/factories';

interface Item {
  name: string;
  sku: string;
  priceRupiah: number;
}

describe('product search, filters and pagination', () => {
  let t: TestApp;
  let auth: { Authorization: string };
  let batikId: string;

  const names = (body: { items: Item[] }): string[] => body.items.map((item) => item.name);
  const list = async (
    query: string,
  ): Promise<{ items: Item[]; total: number; page: number; pageSize: number }> =>
    (await t.http().get(`/api/products?${query}`).set(auth).expect(200)).body;

  beforeAll(async () => {
    t = await createTestApp();
    const ds = t.dataSource;
    const institutionId = (await makeInstitution(ds)).id;
    auth = (await makeSignedInUser(ds, { role: Role.Staff, institutionId })).auth;
    batikId = (await makeWorkshop(ds, institutionId, { name: 'Batik' })).id;
    const kopiId = (await makeWorkshop(ds, institutionId, { name: 'Kopi' })).id;
    await makeProduct(ds, institutionId, {
      workshopId: batikId,
      name: 'Kemeja Batik Lintas 5',
      sku: 'BTK-001',
      priceRupiah: 185000,
      tags: ['batik', 'kemeja'],
    });
    await makeProduct(ds, institutionId, {
      workshopId: batikId,
      name: 'Kain Batik Tulis',
      sku: 'BTK-002',
      priceRupiah: 350000,
      tags: ['batik'],
    });
    await makeProduct(ds, institutionId, {
      workshopId: batikId,
      name: 'Syal Batik',
      sku: 'BTK-003',
      priceRupiah: 90000,
      tags: ['batik'],
      status: 'archived',
    });
    await makeProduct(ds, institutionId, {
      workshopId: kopiId,
      name: 'Kopi Robusta 250g',
      sku: 'KOPI-250',
      priceRupiah: 45000,
      tags: ['kopi', 'oleh-oleh'],
    });
    await makeProduct(ds, institutionId, {
      workshopId: kopiId,
      name: 'Diskon 50% Kopi',
      sku: 'KOPI_PROMO',
      priceRupiah: 30000,
      tags: ['promo'],
    });
    await ds.query(
      `UPDATE products SET description = 'Dipanggang di bengkel kerja' WHERE sku = 'KOPI-250'`,
    );

    // Another institution's matching products must never show up.
    const elsewhere = (await makeInstitution(ds)).id;
    await makeProduct(ds, elsewhere, {
      name: 'Kemeja Batik Lain',
      sku: 'BTK-001',
      tags: ['batik'],
    });
  });
  afterAll(async () => t.close());

  it('lists the institution’s products by name with pagination', async () => {
    const first = await list('pageSize=2');
    expect(first).toMatchObject({ total: 5, page: 1, pageSize: 2 });
    expect(names(first)).toEqual(['Diskon 50% Kopi', 'Kain Batik Tulis']);
    const third = await list('pageSize=2&page=3');
    expect(names(third)).toEqual(['Syal Batik']);
    const beyond = await list('pageSize=2&page=9');
    expect(beyond).toMatchObject({ total: 5, items: [] });
  });

  it('searches name, description, SKU and tags case-insensitively', async () => {
    expect(names(await list('q=KEMEJA'))).toEqual(['Kemeja Batik Lintas 5']);
    expect(names(await list('q=panggang'))).toEqual(['Kopi Robusta 250g']);
    expect(names(await list('q=btk-00'))).toHaveLength(3);
    expect(names(await list('q=oleh'))).toEqual(['Kopi Robusta 250g']);
  });

  it('takes % and _ in the search literally', async () => {
    expect(names(await list('q=%25'))).toEqual(['Diskon 50% Kopi']);
    expect(names(await list('q=_'))).toEqual(['Diskon 50% Kopi']);
    expect(names(await list('q=50%25%20K'))).toEqual(['Diskon 50% Kopi']);
  });

  it.each([
    "' OR 1=1 --",
    "'; DROP TABLE products; --",
    '\\',
    '" OR ""="',
    "batik' UNION SELECT * FROM users --",
  ])('treats %j as plain text', async (q) => {
    const res = await t.http().get('/api/products').query({ q }).set(auth).expect(200);
    expect(res.body.total).toBe(0);
  });

  it('filters by workshop, status, tag and price range', async () => {
    expect((await list(`workshopId=${batikId}`)).total).toBe(3);
    expect(names(await list(`workshopId=${batikId}&status=active`))).toEqual([
      'Kain Batik Tulis',
      'Kemeja Batik Lintas 5',
    ]);
    expect(names(await list('status=archived'))).toEqual(['Syal Batik']);
    expect(names(await list('tag=KEMEJA'))).toEqual(['Kemeja Batik Lintas 5']);
    expect(names(await list('tag=%23batik&priceMax=200000'))).toEqual([
      'Kemeja Batik Lintas 5',
      'Syal Batik',
    ]);
    expect(names(await list('priceMin=45000&priceMax=185000&sort=price'))).toEqual([
      'Kopi Robusta 250g',
      'Syal Batik',
      'Kemeja Batik Lintas 5',
    ]);
  });

  it('sorts by price, dates and name in either direction', async () => {
    const prices = (await list('sort=price&direction=desc')).items.map((item) => item.priceRupiah);
    expect(prices).toEqual([350000, 185000, 90000, 45000, 30000]);
    expect(names(await list('sort=name&direction=desc'))[0]).toBe('Syal Batik');
    expect((await list('sort=createdAt')).total).toBe(5);
    expect((await list('sort=updatedAt&direction=asc')).total).toBe(5);
  });

  it('refuses bad query parameters naming them', async () => {
    const cases: [string, string][] = [
      ['sort=name;DROP', 'sort'],
      ['direction=sideways', 'direction'],
      ['status=deleted', 'status'],
      ['workshopId=abc', 'workshopId'],
      ['priceMin=150.000', 'priceMin'],
      ['priceMin=-5', 'priceMin'],
      ['priceMin=10&priceMax=5', 'priceMax'],
      ['pageSize=1000', 'pageSize'],
      ['colour=red', 'colour'],
    ];
    for (const [query, field] of cases) {
      const res = await t.http().get(`/api/products?${query}`).set(auth).expect(400);
      expect(res.body.field).toBe(field);
    }
  });

  it('shows national managers every institution, or one with X-Institution-Id', async () => {
    const national = await makeSignedInUser(t.dataSource, { role: Role.NationalManager });
    const all = await t.http().get('/api/products?q=Kemeja%20Batik').set(national.auth).expect(200);
    expect(all.body.total).toBeGreaterThanOrEqual(2);
    const workshop: { institution_id: string }[] = await t.dataSource.query(
      `SELECT institution_id FROM workshops WHERE id = $1`,
      [batikId],
    );
    const one = await t
      .http()
      .get('/api/products?q=Kemeja%20Batik')
      .set(national.auth)
      .set('X-Institution-Id', workshop[0].institution_id)
      .expect(200);
    expect(names(one.body)).toEqual(['Kemeja Batik Lintas 5']);
  });
});
