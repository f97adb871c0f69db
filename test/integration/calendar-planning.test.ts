import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { Role } from '../../src/auth/roles';
import { FrozenClock } from '../../src/common/clock';
import { createTestApp, TestApp } from '../support/app';
import { makeInstitution, makeSignedInUser } from '../support/factories';
import { buildPlanWorld, csv, importFile, postsOf } from './calendar-planning-fixtures';
import { headers, makeCaptionTemplate, NOW, uploadPhoto } from './posts-fixtures';

describe('calendar planning: import, export, copy a week, summary', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ clock: new FrozenClock(NOW) });
  });
  afterAll(async () => t?.close());

  it('imports a good CSV: every row becomes a draft at its local time (WIB)', async () => {
    const w = await buildPlanWorld(t);
    const photo = await uploadPhoto(t, headers(w.staff));
    await t.dataSource.query(`UPDATE media_assets SET product_id = $1 WHERE id = $2`, [
      w.productId,
      photo,
    ]);
    await makeCaptionTemplate(t, headers(w.staff), '{{product.name}} dari {{workshop.name}}');
    const names: { name: string }[] = await t.dataSource.query(
      `SELECT name FROM caption_templates WHERE institution_id = $1`,
      [w.institutionId],
    );
    const res = await importFile(
      t,
      w,
      csv([
        `2026-03-23,10:00,${w.sku},instagram;facebook,new-product,Kemeja batik baru!,,${photo}`,
        `2026-03-24,19:30,${w.sku},x,,,${names[0].name},kemeja.jpg`,
      ]),
    ).expect(201);
    expect(res.body).toMatchObject({ status: 'done', totalRows: 2, createdPosts: 2, errors: [] });
    const posts = await postsOf(t, w.institutionId);
    expect(posts).toHaveLength(2);
    expect(posts[0]).toMatchObject({
      status: 'draft',
      plannedAt: '2026-03-23T03:00:00.000Z',
      productId: w.productId,
      networks: ['facebook', 'instagram'],
      captions: ['Kemeja batik baru!', 'Kemeja batik baru!'],
    });
    expect(posts[1]).toMatchObject({ plannedAt: '2026-03-24T12:30:00.000Z', networks: ['x'] });
    const rendered: { n: number }[] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM post_variants WHERE post_id = $1 AND cardinality(render_ids) > 0`,
      [posts[0].id],
    );
    expect(rendered[0].n).toBe(2);
    expect(posts[1].captions[0]).toContain(w.productName);
    const progress = await t
      .http()
      .get(`/api/calendar/imports/${res.body.id}`)
      .set(headers(w.staff))
      .expect(200);
    expect(progress.body).toMatchObject({ status: 'done', processedRows: 2 });
    const audit: { n: number }[] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE institution_id = $1 AND entity_type = 'post'
         AND action = 'create'`,
      [w.institutionId],
    );
    expect(audit[0].n).toBe(2);
  });

  it('reports mixed errors per row and column and stores nothing', async () => {
    const w = await buildPlanWorld(t);
    const uncleared = await uploadPhoto(t, headers(w.staff), 'none');
    const res = await importFile(
      t,
      w,
      csv([
        `2026-03-23,10:00,${w.sku},instagram,,Baris yang benar,,`,
        `2026-03-23,10:00,NOPE-1,instagram,,Kaos,,`,
        `2026-03-01,10:00,${w.sku},instagram,,Sudah lewat,,`,
        `2026-03-23,25:00,${w.sku},instagram,,Jam salah,,`,
        `2026-03-23,11:00,${w.sku},instagram,tidak-ada,Kaos,,`,
        `2026-03-23,12:00,${w.sku},instagram,,,Templat Hilang,`,
        `2026-03-23,13:00,${w.sku},instagram,,Foto,,${uncleared}`,
      ]),
    ).expect(400);
    expect(res.body.field).toBe('file');
    const errors = (res.body.details as { row: number; column: string }[]).map(
      (e) => `${e.row}:${e.column}`,
    );
    expect(errors).toEqual([
      '3:sku',
      '4:time',
      '5:time',
      '6:template',
      '7:caption_template',
      '8:photo',
    ]);
    expect(await postsOf(t, w.institutionId)).toEqual([]);
  });

  it('reads a file saved by Excel: BOM, semicolons, DD/MM/YYYY and 10.00', async () => {
    const w = await buildPlanWorld(t);
    const text =
      '\uFEFFTanggal;Jam;SKU;Jaringan;Templat;Caption;Templat Caption;Foto\r\n' +
      `23/03/2026;10.00;${w.sku};Instagram, Facebook;;"Kaos; edisi baru";;\r\n`;
    await importFile(t, w, Buffer.from(text, 'utf8')).expect(201);
    const posts = await postsOf(t, w.institutionId);
    expect(posts).toMatchObject([
      { plannedAt: '2026-03-23T03:00:00.000Z', captions: ['Kaos; edisi baru', 'Kaos; edisi baru'] },
    ]);
  });

  it('imports an XLSX workbook', async () => {
    const w = await buildPlanWorld(t);
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Rencana');
    sheet.addRow(['Tanggal', 'Jam', 'SKU', 'Jaringan', 'Templat', 'Caption']);
    sheet.addRow([new Date(Date.UTC(2026, 2, 25)), '08:15', w.sku, 'x', null, 'Dari xlsx']);
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    await importFile(t, w, file, 'rencana.xlsx').expect(201);
    expect(await postsOf(t, w.institutionId)).toMatchObject([
      { plannedAt: '2026-03-25T01:15:00.000Z', networks: ['x'], captions: ['Dari xlsx'] },
    ]);
  });

  it('refuses a 50 MB upload naming the file field', async () => {
    const w = await buildPlanWorld(t);
    const res = await importFile(t, w, Buffer.alloc(50 * 1024 * 1024, 0x41)).expect(413);
    expect(res.body.field).toBe('file');
  });

  it('round-trips: export a week (CSV and XLSX) and import it into another institution', async () => {
    const w = await buildPlanWorld(t);
    await importFile(
      t,
      w,
      csv([
        `2026-03-23,10:00,${w.sku},instagram;x,,"Satu, dua",,`,
        `2026-03-29,23:30,${w.sku},facebook,,'=Bukan rumus,,`,
      ]),
    ).expect(201);
    const before = await postsOf(t, w.institutionId);
    for (const format of ['csv', 'xlsx'] as const) {
      const exported = await t
        .http()
        .get(`/api/calendar/export?week=2026-W13&format=${format}`)
        .set(headers(w.staff))
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200);
      const other = await buildPlanWorld(t);
      // Same SKU in the other institution, so the file imports there unchanged.
      await t.dataSource.query(`UPDATE products SET sku = $1 WHERE id = $2`, [
        w.sku,
        other.productId,
      ]);
      await importFile(t, other, exported.body as Buffer, `plan.${format}`).expect(201);
      const after = await postsOf(t, other.institutionId);
      const shape = (p: (typeof before)[number]) => ({
        plannedAt: p.plannedAt,
        networks: p.networks,
        captions: p.captions,
        status: p.status,
      });
      expect(after.map(shape)).toEqual(before.map(shape));
    }
    const audit: { n: number }[] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE institution_id = $1 AND action = 'export'`,
      [w.institutionId],
    );
    expect(audit[0].n).toBe(2);
  });

  it('copies a week as drafts at the same local weekday and time, skipping cancelled', async () => {
    const w = await buildPlanWorld(t);
    await importFile(
      t,
      w,
      csv([
        `2026-03-23,10:00,${w.sku},instagram,,Senin,,`,
        `2026-03-29,23:30,${w.sku},facebook,,Minggu malam,,`,
        `2026-03-25,09:00,${w.sku},x,,Dibatalkan,,`,
      ]),
    ).expect(201);
    await t.dataSource.query(
      `UPDATE posts SET status = 'cancelled' WHERE institution_id = $1 AND planned_at = $2`,
      [w.institutionId, '2026-03-25T02:00:00Z'],
    );
    const res = await t
      .http()
      .post('/api/calendar/copy-week')
      .set(headers(w.staff))
      .send({ fromWeek: '2026-W13', toWeek: '2026-W15' })
      .expect(201);
    expect(res.body.created).toHaveLength(2);
    const copies = (await postsOf(t, w.institutionId)).filter((p) =>
      (res.body.created as string[]).includes(p.id),
    );
    expect(copies).toMatchObject([
      { status: 'draft', plannedAt: '2026-04-06T03:00:00.000Z', captions: ['Senin'] },
      { status: 'draft', plannedAt: '2026-04-12T16:30:00.000Z', captions: ['Minggu malam'] },
    ]);
    const past = await t
      .http()
      .post('/api/calendar/copy-week')
      .set(headers(w.staff))
      .send({ fromWeek: '2026-W13', toWeek: '2026-W09' })
      .expect(400);
    expect(past.body.field).toBe('toWeek');
    const bad = await t
      .http()
      .post('/api/calendar/copy-week')
      .set(headers(w.staff))
      .send({ fromWeek: '2026-W54', toWeek: '2026-W15' })
      .expect(400);
    expect(bad.body.field).toBe('fromWeek');
  });

  it('summarises a week: per workshop, product and network, empty days, quiet products', async () => {
    const w = await buildPlanWorld(t);
    await importFile(
      t,
      w,
      csv([
        `2026-03-23,10:00,${w.sku},instagram;facebook,,Satu,,`,
        `2026-03-25,10:00,${w.sku},instagram,,Dua,,`,
      ]),
    ).expect(201);
    const idle: { id: string }[] = await t.dataSource.query(
      `INSERT INTO products (institution_id, workshop_id, name, sku, price_rupiah)
       SELECT institution_id, workshop_id, 'Miniatur Pinisi', 'PINISI-1', 250000
       FROM products WHERE id = $1 RETURNING id`,
      [w.productId],
    );
    const res = await t
      .http()
      .get('/api/calendar/summary?week=2026-W13')
      .set(headers(w.staff))
      .expect(200);
    expect(res.body).toMatchObject({
      totalPosts: 2,
      byWorkshop: [{ name: w.workshopName, posts: 2 }],
      byProduct: [{ productId: w.productId, posts: 2 }],
      byNetwork: [
        { network: 'instagram', posts: 2 },
        { network: 'facebook', posts: 1 },
      ],
      daysWithoutPosts: ['2026-03-24', '2026-03-26', '2026-03-27', '2026-03-28', '2026-03-29'],
    });
    expect(res.body.productsNotPostedFor30Days).toEqual([
      { productId: idle[0].id, sku: 'PINISI-1', name: 'Miniatur Pinisi', lastPlannedAt: null },
    ]);
    await t.http().get('/api/calendar/summary?week=2026-W54').set(headers(w.staff)).expect(400);
  });

  it("answers 404 for another institution's import", async () => {
    const w = await buildPlanWorld(t);
    const res = await importFile(t, w, csv([`2026-03-23,10:00,${w.sku},x,,Satu,,`])).expect(201);
    const other = await makeInstitution(t.dataSource);
    const stranger = await makeSignedInUser(t.dataSource, {
      role: Role.Staff,
      institutionId: other.id,
    });
    await t.http().get(`/api/calendar/imports/${res.body.id}`).set(stranger.auth).expect(404);
  });
});
