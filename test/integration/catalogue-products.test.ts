import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '../../src/auth/roles';
import { FrozenClock } from '../../src/common/clock';
import { createTestApp, TestApp } from '../support/app';
import { makeInstitution, makeProduct, makeSignedInUser, makeWorkshop } from '../support/factories';

const ARCHIVE_TIME = new Date('2026-04-27T03:00:00.000Z');

describe('products API', () => {
  let t: TestApp;
  let institutionId: string;
  let workshopId: string;
  let staff: { Authorization: string };

  beforeAll(async () => {
    t = await createTestApp({ clock: new FrozenClock(ARCHIVE_TIME) });
    institutionId = (await makeInstitution(t.dataSource)).id;
    workshopId = (await makeWorkshop(t.dataSource, institutionId, { name: 'Sablon' })).id;
    staff = (await makeSignedInUser(t.dataSource, { role: Role.Staff, institutionId })).auth;
  });
  afterAll(async () => t.close());

  const validBody = (overrides: Record<string, unknown> = {}) => ({
    name: 'Kaos Sablon Hari Bakti',
    description: 'Kaos katun combed 30s.',
    priceRupiah: 150000,
    sku: `ks-${Math.random().toString(36).slice(2, 10)}`,
    workshopId,
    ...overrides,
  });

  const auditOf = (id: string): Promise<{ action: string; before: unknown; after: unknown }[]> =>
    t.dataSource.query(
      `SELECT action, before, after FROM audit_log WHERE entity_type = 'product' AND entity_id = $1 ORDER BY id`,
      [id],
    );

  const countProducts = async (institution: string): Promise<number> => {
    const rows: { n: number }[] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM products WHERE institution_id = $1`,
      [institution],
    );
    return rows[0].n;
  };

  it('creates, reads, updates, archives and restores a product, auditing each change', async () => {
    const created = await t
      .http()
      .post('/api/products')
      .set(staff)
      .send(
        validBody({
          sku: ' ks-hb-001 ',
          tags: [' Kaos', '#Sablon', 'kaos'],
          marketplaceLinks: [
            { marketplace: 'shopee', url: 'https://shopee.co.id/karya/kaos' },
            {
              marketplace: 'tokopedia',
              url: 'https://WWW.tokopedia.com/karya/kaos',
              label: ' Toko resmi ',
            },
          ],
        }),
      )
      .expect(201);
    expect(created.body).toMatchObject({
      institutionId,
      workshopId,
      workshopName: 'Sablon',
      name: 'Kaos Sablon Hari Bakti',
      priceRupiah: 150000,
      priceLabel: 'Rp 150.000',
      sku: 'KS-HB-001',
      status: 'active',
      tags: ['kaos', 'sablon'],
      archivedAt: null,
      marketplaceLinks: [
        {
          marketplace: 'tokopedia',
          url: 'https://www.tokopedia.com/karya/kaos',
          label: 'Toko resmi',
        },
        { marketplace: 'shopee', url: 'https://shopee.co.id/karya/kaos', label: null },
      ],
    });
    const id: string = created.body.id;
    const shopeeLinkId: string = created.body.marketplaceLinks[1].id;

    const fetched = await t.http().get(`/api/products/${id}`).set(staff).expect(200);
    expect(fetched.body).toEqual(created.body);

    const patched = await t
      .http()
      .patch(`/api/products/${id}`)
      .set(staff)
      .send({
        priceRupiah: 1250000,
        marketplaceLinks: [
          { marketplace: 'shopee', url: 'https://shopee.co.id/karya/kaos', label: 'Shopee' },
          { marketplace: 'other', url: 'https://galeri.example.id/kaos' },
        ],
      })
      .expect(200);
    expect(patched.body).toMatchObject({
      name: 'Kaos Sablon Hari Bakti',
      priceRupiah: 1250000,
      priceLabel: 'Rp 1.250.000',
      tags: ['kaos', 'sablon'],
    });
    expect(patched.body.marketplaceLinks).toEqual([
      {
        id: shopeeLinkId,
        marketplace: 'shopee',
        url: 'https://shopee.co.id/karya/kaos',
        label: 'Shopee',
      },
      expect.objectContaining({ marketplace: 'other', url: 'https://galeri.example.id/kaos' }),
    ]);

    const archived = await t.http().post(`/api/products/${id}/archive`).set(staff).expect(200);
    expect(archived.body).toMatchObject({
      status: 'archived',
      archivedAt: ARCHIVE_TIME.toISOString(),
    });
    await t.http().post(`/api/products/${id}/archive`).set(staff).expect(200);
    const restored = await t.http().post(`/api/products/${id}/restore`).set(staff).expect(200);
    expect(restored.body).toMatchObject({ status: 'active', archivedAt: null });

    const audit = await auditOf(id);
    expect(audit.map((row) => row.action)).toEqual(['create', 'update', 'update', 'update']);
    expect(audit[0]).toMatchObject({
      before: null,
      after: { sku: 'KS-HB-001', priceRupiah: 150000 },
    });
    expect(audit[1]).toMatchObject({
      before: { priceRupiah: 150000 },
      after: { priceRupiah: 1250000 },
    });
    expect(audit[2]).toMatchObject({ before: { status: 'active' }, after: { status: 'archived' } });
    expect(audit[3]).toMatchObject({ before: { status: 'archived' }, after: { status: 'active' } });
  });

  it('accepts the largest price exactly and refuses anything but whole rupiah', async () => {
    const big = await t
      .http()
      .post('/api/products')
      .set(staff)
      .send(validBody({ priceRupiah: 1e12 }))
      .expect(201);
    expect(big.body).toMatchObject({
      priceRupiah: 1_000_000_000_000,
      priceLabel: 'Rp 1.000.000.000.000',
    });

    const before = await countProducts(institutionId);
    for (const priceRupiah of ['150.000', '150000', 150000.5, -1, 1e12 + 1, null, true]) {
      const res = await t
        .http()
        .post('/api/products')
        .set(staff)
        .send(validBody({ priceRupiah }))
        .expect(400);
      expect(res.body.field).toBe('priceRupiah');
    }
    const missing = await t
      .http()
      .post('/api/products')
      .set(staff)
      .send({ ...validBody(), priceRupiah: undefined })
      .expect(400);
    expect(missing.body.field).toBe('priceRupiah');
    const dotted = await t
      .http()
      .post('/api/products')
      .set(staff)
      .set('Accept-Language', 'en')
      .send(validBody({ priceRupiah: '150.000' }))
      .expect(400);
    expect(dotted.body.message).toMatch(/priceRupiah.*without dots/);
    expect(await countProducts(institutionId)).toBe(before);
  });

  it('keeps SKUs unique per institution after normalising', async () => {
    await t
      .http()
      .post('/api/products')
      .set(staff)
      .send(validBody({ sku: 'DUP-001' }))
      .expect(201);
    const clash = await t
      .http()
      .post('/api/products')
      .set(staff)
      .send(validBody({ sku: ' dup-001' }))
      .expect(409);
    expect(clash.body.field).toBe('sku');

    const other = await t.http().post('/api/products').set(staff).send(validBody()).expect(201);
    const renamed = await t
      .http()
      .patch(`/api/products/${other.body.id}`)
      .set(staff)
      .send({ sku: 'dup-001' })
      .expect(409);
    expect(renamed.body.field).toBe('sku');

    const elsewhere = (await makeInstitution(t.dataSource)).id;
    const otherWorkshop = await makeWorkshop(t.dataSource, elsewhere);
    const otherStaff = await makeSignedInUser(t.dataSource, { institutionId: elsewhere });
    await t
      .http()
      .post('/api/products')
      .set(otherStaff.auth)
      .send(validBody({ sku: 'DUP-001', workshopId: otherWorkshop.id }))
      .expect(201);
  });

  it('refuses a malformed SKU naming the field', async () => {
    const res = await t
      .http()
      .post('/api/products')
      .set(staff)
      .send(validBody({ sku: '-kaos 01' }))
      .expect(400);
    expect(res.body.field).toBe('sku');
  });

  it('refuses another institution’s workshop and writes nothing', async () => {
    const elsewhere = (await makeInstitution(t.dataSource)).id;
    const foreign = await makeWorkshop(t.dataSource, elsewhere);
    const before = await countProducts(institutionId);
    const res = await t
      .http()
      .post('/api/products')
      .set(staff)
      .send(validBody({ workshopId: foreign.id }))
      .expect(404);
    expect(res.body.field).toBe('workshopId');
    const product = await makeProduct(t.dataSource, institutionId, { workshopId });
    const moved = await t
      .http()
      .patch(`/api/products/${product.id}`)
      .set(staff)
      .send({ workshopId: foreign.id })
      .expect(404);
    expect(moved.body.field).toBe('workshopId');
    expect(await countProducts(institutionId)).toBe(before + 1);
  });

  it('refuses an inactive workshop for new products', async () => {
    const inactive = await makeWorkshop(t.dataSource, institutionId, { isActive: false });
    const res = await t
      .http()
      .post('/api/products')
      .set(staff)
      .send(validBody({ workshopId: inactive.id }))
      .expect(400);
    expect(res.body.field).toBe('workshopId');
  });

  it('hides another institution’s product behind 404 on every route', async () => {
    const elsewhere = (await makeInstitution(t.dataSource)).id;
    const foreign = await makeProduct(t.dataSource, elsewhere);
    await t.http().get(`/api/products/${foreign.id}`).set(staff).expect(404);
    await t
      .http()
      .patch(`/api/products/${foreign.id}`)
      .set(staff)
      .send({ name: 'Diambil' })
      .expect(404);
    await t.http().post(`/api/products/${foreign.id}/archive`).set(staff).expect(404);
    await t.http().post(`/api/products/${foreign.id}/restore`).set(staff).expect(404);
    const rows: { name: string; status: string }[] = await t.dataSource.query(
      `SELECT name, status FROM products WHERE id = $1`,
      [foreign.id],
    );
    expect(rows[0]).toEqual({ name: foreign.name, status: 'active' });
    expect(await auditOf(foreign.id)).toHaveLength(0);
  });

  it('lets a manager read but not write', async () => {
    const manager = await makeSignedInUser(t.dataSource, { role: Role.Manager, institutionId });
    const product = await makeProduct(t.dataSource, institutionId, { workshopId });
    await t.http().get(`/api/products/${product.id}`).set(manager.auth).expect(200);
    await t.http().post('/api/products').set(manager.auth).send(validBody()).expect(403);
    await t
      .http()
      .patch(`/api/products/${product.id}`)
      .set(manager.auth)
      .send({ name: 'X' })
      .expect(403);
    await t.http().post(`/api/products/${product.id}/archive`).set(manager.auth).expect(403);
  });

  it('names the field for unknown fields, bad tags and bad links, writing nothing', async () => {
    const before = await countProducts(institutionId);
    const unknown = await t
      .http()
      .post('/api/products')
      .set(staff)
      .send(validBody({ colour: 'merah' }))
      .expect(400);
    expect(unknown.body.field).toBe('colour');
    const tag = await t
      .http()
      .post('/api/products')
      .set(staff)
      .send(validBody({ tags: ['kopi', ' '] }))
      .expect(400);
    expect(tag.body.field).toBe('tags[1]');
    const longTag = await t
      .http()
      .post('/api/products')
      .set(staff)
      .send(validBody({ tags: ['a'.repeat(41)] }))
      .expect(400);
    expect(longTag.body.field).toBe('tags[0]');

    const badLinks: [unknown, string][] = [
      [{ marketplace: 'tokopedia', url: 'https://shopee.co.id/x' }, 'marketplaceLinks[0].url'],
      [{ marketplace: 'other', url: 'javascript:alert(1)' }, 'marketplaceLinks[0].url'],
      [{ marketplace: 'other', url: 'https://10.0.0.1/x' }, 'marketplaceLinks[0].url'],
      [{ marketplace: 'lazada', url: 'https://lazada.co.id/x' }, 'marketplaceLinks[0].marketplace'],
      [
        { marketplace: 'other', url: 'https://a.example.id/x', price: 1 },
        'marketplaceLinks[0].price',
      ],
    ];
    for (const [link, field] of badLinks) {
      const res = await t
        .http()
        .post('/api/products')
        .set(staff)
        .send(validBody({ marketplaceLinks: [link] }))
        .expect(400);
      expect(res.body.field).toBe(field);
    }
    const duplicate = await t
      .http()
      .post('/api/products')
      .set(staff)
      .send(
        validBody({
          marketplaceLinks: [
            { marketplace: 'other', url: 'https://a.example.id/x' },
            { marketplace: 'other', url: 'https://A.example.id/x' },
          ],
        }),
      )
      .expect(400);
    expect(duplicate.body.field).toBe('marketplaceLinks[1].url');
    expect(await countProducts(institutionId)).toBe(before);

    const product = await makeProduct(t.dataSource, institutionId, { workshopId });
    const nulled = await t
      .http()
      .patch(`/api/products/${product.id}`)
      .set(staff)
      .send({ description: null })
      .expect(400);
    expect(nulled.body.field).toBe('description');
    const badLink = await t
      .http()
      .patch(`/api/products/${product.id}`)
      .set(staff)
      .send({
        name: 'Baru',
        marketplaceLinks: [{ marketplace: 'shopee', url: 'http://shopee.co.id/x' }],
      })
      .expect(400);
    expect(badLink.body.field).toBe('marketplaceLinks[0].url');
    const unchanged: { name: string }[] = await t.dataSource.query(
      `SELECT name FROM products WHERE id = $1`,
      [product.id],
    );
    expect(unchanged[0].name).toBe(product.name);
    const badId = await t.http().get('/api/products/123').set(staff).expect(400);
    expect(badId.body.field).toBe('id');
  });

  it('audits a links-only PATCH and moves updatedAt', async () => {
    const product = await makeProduct(t.dataSource, institutionId, { workshopId });
    const before = await t.http().get(`/api/products/${product.id}`).set(staff).expect(200);
    const res = await t
      .http()
      .patch(`/api/products/${product.id}`)
      .set(staff)
      .send({
        marketplaceLinks: [{ marketplace: 'tokopedia', url: 'https://tk.tokopedia.com/Zx1/' }],
      })
      .expect(200);
    expect(res.body.marketplaceLinks).toHaveLength(1);
    expect(Date.parse(res.body.updatedAt)).toBeGreaterThan(Date.parse(before.body.updatedAt));
    const audit = await auditOf(product.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'update', before: { marketplaceLinks: [] } });
  });

  it('does not audit a PATCH that changes nothing', async () => {
    const product = await makeProduct(t.dataSource, institutionId, { workshopId, tags: ['kopi'] });
    await t
      .http()
      .patch(`/api/products/${product.id}`)
      .set(staff)
      .send({ tags: ['Kopi'], marketplaceLinks: [] })
      .expect(200);
    expect(await auditOf(product.id)).toHaveLength(0);
  });
});
