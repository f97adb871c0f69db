import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '../../src/auth/roles';
import { createTestApp, TestApp } from '../support/app';
import { makeInstitution, makeProduct, makeSignedInUser } from '../support/factories';

/** Tomorrow in WIB, as the file would write it. */
const TOMORROW = new Date(Date.now() + 31 * 3600_000).toISOString().slice(0, 10);

describe('sales import', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  async function world() {
    const ds = t.dataSource;
    const institution = await makeInstitution(ds);
    const staff = await makeSignedInUser(ds, { role: Role.Staff, institutionId: institution.id });
    const batik = await makeProduct(ds, institution.id);
    const kopi = await makeProduct(ds, institution.id);
    return { institution, staff, batik, kopi };
  }

  type World = Awaited<ReturnType<typeof world>>;

  function upload(w: World, text: string, source = 'tokopedia') {
    return t
      .http()
      .post('/api/sales-imports')
      .set(w.staff.auth)
      .field('source', source)
      .attach('file', Buffer.from(text, 'utf8'), 'penjualan.csv');
  }

  async function salesOf(w: World) {
    return t.dataSource.query(
      `SELECT product_id AS "productId", to_char(day, 'YYYY-MM-DD') AS day, source,
         quantity::int AS quantity, revenue_idr::float8 AS revenue
       FROM product_sales WHERE institution_id = $1 ORDER BY day, product_id`,
      [w.institution.id],
    );
  }

  async function monthlySales(w: World) {
    return t.dataSource.query(
      `SELECT product_id AS "productId", sales_quantity::int AS quantity,
         sales_revenue_idr::float8 AS revenue
       FROM interest_monthly WHERE institution_id = $1 AND month = '2026-11-01' AND sales_quantity <> 0
       ORDER BY sales_revenue_idr DESC`,
      [w.institution.id],
    );
  }

  it('imports an Excel CSV with BOM, semicolons, Indonesian dates and "Rp 1.250.000"', async () => {
    const w = await world();
    const res = await upload(
      w,
      '\uFEFFtanggal;sku;jumlah;pendapatan\r\n' +
        `07/11/2026;${w.batik.sku};2;"Rp 1.250.000"\r\n` +
        `07/11/2026;${w.batik.sku.toLowerCase()};1;Rp 625.000\r\n` +
        `2026-11-20;${w.kopi.sku};10;350.000\r\n`,
    ).expect(201);
    expect(res.body).toMatchObject({
      source: 'tokopedia',
      month: '2026-11',
      rowCount: 3,
      quantity: 13,
      revenueIdr: 2_225_000,
      replacedImportId: null,
    });
    expect(await salesOf(w)).toEqual([
      {
        productId: w.batik.id,
        day: '2026-11-07',
        source: 'tokopedia',
        quantity: 3,
        revenue: 1_875_000,
      },
      {
        productId: w.kopi.id,
        day: '2026-11-20',
        source: 'tokopedia',
        quantity: 10,
        revenue: 350_000,
      },
    ]);
    expect(await monthlySales(w)).toEqual([
      { productId: w.batik.id, quantity: 3, revenue: 1_875_000 },
      { productId: w.kopi.id, quantity: 10, revenue: 350_000 },
    ]);
    const audit = await t.dataSource.query(
      `SELECT action FROM audit_log WHERE entity_type = 'sales_import' AND entity_id = $1`,
      [res.body.id],
    );
    expect(audit).toEqual([{ action: 'create' }]);
  });

  it('replaces the same month and source on re-import, and keeps other sources', async () => {
    const w = await world();
    const first = await upload(
      w,
      `date,sku,quantity,revenue\n2026-11-03,${w.batik.sku},5,"500,000"\n`,
    ).expect(201);
    await upload(
      w,
      `date,sku,quantity,revenue\n2026-11-04,${w.kopi.sku},1,35000\n`,
      'gallery',
    ).expect(201);
    const second = await upload(
      w,
      `date,sku,quantity,revenue\n2026-11-09,${w.batik.sku},2,"200.000,00"\n`,
    ).expect(201);
    expect(second.body.replacedImportId).toBe(first.body.id);
    expect(await salesOf(w)).toEqual([
      { productId: w.kopi.id, day: '2026-11-04', source: 'gallery', quantity: 1, revenue: 35_000 },
      {
        productId: w.batik.id,
        day: '2026-11-09',
        source: 'tokopedia',
        quantity: 2,
        revenue: 200_000,
      },
    ]);
    expect(await monthlySales(w)).toEqual([
      { productId: w.batik.id, quantity: 2, revenue: 200_000 },
      { productId: w.kopi.id, quantity: 1, revenue: 35_000 },
    ]);
    const list = await t
      .http()
      .get('/api/sales-imports?month=2026-11')
      .set(w.staff.auth)
      .expect(403);
    expect(list.body.code).toBe('FORBIDDEN');
  });

  it('reports every bad row and column and stores nothing', async () => {
    const w = await world();
    const res = await upload(
      w,
      'tanggal;sku;jumlah;pendapatan\n' +
        `01/11/2026;${w.batik.sku};1;100.000\n` +
        '02/11/2026;TIDAK-ADA;1;100.000\n' +
        `03/11/2026;${w.batik.sku};-4;100.000\n` +
        `04/11/2026;${w.batik.sku};1;Rp 12,5\n` +
        `31/11/2026;${w.batik.sku};1;100.000\n` +
        `05/10/2026;${w.kopi.sku};1;100.000\n`,
    ).expect(400);
    expect(res.body.field).toBe('file');
    expect(res.body.details.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual(
      [
        [3, 'sku'],
        [4, 'quantity'],
        [5, 'revenue'],
        [6, 'date'],
        [7, 'date'],
      ],
    );
    expect(await salesOf(w)).toEqual([]);
    const imports = await t.dataSource.query(
      `SELECT id FROM sales_imports WHERE institution_id = $1`,
      [w.institution.id],
    );
    expect(imports).toEqual([]);
  });

  it('refuses a missing file, an unknown source and sales dated in the future', async () => {
    const w = await world();
    const noFile = await t
      .http()
      .post('/api/sales-imports')
      .set(w.staff.auth)
      .field('source', 'tokopedia')
      .expect(400);
    expect(noFile.body.field).toBe('file');
    await upload(
      w,
      `date,sku,quantity,revenue\n2026-11-03,${w.batik.sku},1,1000\n`,
      'pasar',
    ).expect(400);
    const future = await upload(
      w,
      `date,sku,quantity,revenue\n${TOMORROW},${w.batik.sku},1,1000\n`,
    ).expect(400);
    expect(future.body.details).toEqual([expect.objectContaining({ row: 2, column: 'date' })]);
  });

  it('lists a month of imports to readers of reports', async () => {
    const w = await world();
    await upload(w, `date,sku,quantity,revenue\n2026-11-03,${w.batik.sku},1,1000\n`).expect(201);
    const manager = await makeSignedInUser(t.dataSource, {
      role: Role.Manager,
      institutionId: w.institution.id,
    });
    const res = await t
      .http()
      .get('/api/sales-imports?month=2026-11')
      .set(manager.auth)
      .expect(200);
    expect(res.body).toEqual([expect.objectContaining({ month: '2026-11', quantity: 1 })]);
  });
});
