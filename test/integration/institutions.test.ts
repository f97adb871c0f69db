import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { Role } from '../../src/auth/roles';
import {
  DEFAULT_CAPTION_TEMPLATES,
  DEFAULT_HASHTAG_GROUPS,
} from '../../src/content/library/library-defaults';
import { createTestApp, TestApp } from '../support/app';
import { makeInstitution, makeSignedInUser, type InstitutionRow } from '../support/factories';

type SignedIn = Awaited<ReturnType<typeof makeSignedInUser>>;

describe('institutions', () => {
  let t: TestApp;
  let a: InstitutionRow;
  let b: InstitutionRow;
  let adminA: SignedIn;
  let staffA: SignedIn;
  let nationalAdmin: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
    a = await makeInstitution(t.dataSource);
    b = await makeInstitution(t.dataSource);
    adminA = await makeSignedInUser(t.dataSource, { role: Role.Admin, institutionId: a.id });
    staffA = await makeSignedInUser(t.dataSource, { role: Role.Staff, institutionId: a.id });
    nationalAdmin = await makeSignedInUser(t.dataSource, { role: Role.NationalAdmin });
  });
  afterAll(async () => t.close());

  const unique = () => randomUUID().slice(0, 8);
  const auditRows = (entityId: string, action: string) =>
    t.dataSource.query(
      `SELECT actor_user_id, institution_id, before, after FROM audit_log
        WHERE entity_type = 'institution' AND entity_id = $1 AND action = $2`,
      [entityId, action],
    ) as Promise<
      { actor_user_id: string; institution_id: string; before: unknown; after: unknown }[]
    >;

  it('shows institution users only their own institution; another one is 404', async () => {
    const list = await t.http().get('/api/institutions').set(staffA.auth).expect(200);
    expect(list.body).toMatchObject({ total: 1, page: 1, pageSize: 20 });
    expect(list.body.items[0]).toMatchObject({ id: a.id, slug: a.slug, timeZone: 'Asia/Jakarta' });
    await t.http().get(`/api/institutions/${a.id}`).set(staffA.auth).expect(200);
    const foreign = await t.http().get(`/api/institutions/${b.id}`).set(staffA.auth).expect(404);
    expect(foreign.body.code).toBe('NOT_FOUND');
    await t.http().get(`/api/institutions/${randomUUID()}`).set(staffA.auth).expect(404);
  });

  it('shows national roles every institution, paginated and searchable', async () => {
    const manager = await makeSignedInUser(t.dataSource, { role: Role.NationalManager });
    // The database is shared with other test files: walk every page.
    const ids: string[] = [];
    let all;
    for (let page = 1; ; page++) {
      all = await t
        .http()
        .get(`/api/institutions?pageSize=100&page=${page}`)
        .set(manager.auth)
        .expect(200);
      ids.push(...all.body.items.map((i: { id: string }) => i.id));
      if (ids.length >= all.body.total || all.body.items.length === 0) break;
    }
    expect(ids).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(new Set(ids).size).toBe(all.body.total);
    const one = await t
      .http()
      .get(`/api/institutions?q=${b.slug.toUpperCase()}`)
      .set(manager.auth)
      .expect(200);
    expect(one.body.items.map((i: { id: string }) => i.id)).toEqual([b.id]);
    const page = await t
      .http()
      .get('/api/institutions?pageSize=1&page=2')
      .set(manager.auth)
      .expect(200);
    expect(page.body.items).toHaveLength(1);
    expect(page.body.total).toBe(all.body.total);
    await t.http().get(`/api/institutions/${b.id}`).set(manager.auth).expect(200);
  });

  it('lets a national admin create an institution, slug derived from the name, audited', async () => {
    const name = `Lapas Perempuan Kelas IIA ${unique()}`;
    const res = await t
      .http()
      .post('/api/institutions')
      .set(nationalAdmin.auth)
      .send({
        name,
        kind: 'lapas',
        region: 'Sulawesi Selatan',
        timeZone: 'Asia/Makassar',
        brandPrimary: '#1a2b3c',
        hotline: '+62 411 123456',
      })
      .expect(201);
    expect(res.body).toMatchObject({
      name,
      slug: name.toLowerCase().replace(/ /g, '-'),
      kind: 'lapas',
      timeZone: 'Asia/Makassar',
      brandPrimary: '#1A2B3C',
      brandSecondary: '#F2A541',
      hotline: '+62 411 123456',
    });
    const [row] = await auditRows(res.body.id, 'create');
    expect(row).toMatchObject({ actor_user_id: nationalAdmin.id, institution_id: res.body.id });

    const taken = await t
      .http()
      .post('/api/institutions')
      .set(nationalAdmin.auth)
      .send({ name: 'Lain', slug: res.body.slug, kind: 'rutan', timeZone: 'Asia/Jakarta' })
      .expect(409);
    expect(taken.body.field).toBe('slug');
  });

  it('names the field for bad institution bodies', async () => {
    const base = { name: `Rutan ${unique()}`, kind: 'rutan', timeZone: 'Asia/Jakarta' };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, timeZone: 'Europe/Berlin' }, 'timeZone'],
      [{ ...base, kind: 'penjara' }, 'kind'],
      [{ ...base, slug: 'Bukan Slug' }, 'slug'],
      [{ ...base, slug: 'ab' }, 'slug'],
      [{ ...base, brandPrimary: 'red' }, 'brandPrimary'],
      [{ ...base, brandText: null }, 'brandText'],
      [{ ...base, hotline: 'telepon kami' }, 'hotline'],
      [{ ...base, name: 'LP' }, 'name'],
      [{ ...base, logoKey: 'x' }, 'logoKey'],
      [{ name: '!!! ???', kind: 'rutan', timeZone: 'Asia/Jakarta' }, 'slug'],
    ];
    for (const [body, field] of cases) {
      const res = await t.http().post('/api/institutions').set(nationalAdmin.auth).send(body);
      expect({ status: res.status, field: res.body.field }).toEqual({ status: 400, field });
    }
  });

  it('starts a new institution with the default caption templates and hashtag groups', async () => {
    const res = await t
      .http()
      .post('/api/institutions')
      .set(nationalAdmin.auth)
      .send({ name: `Rutan Kelas I ${unique()}`, kind: 'rutan', timeZone: 'Asia/Jakarta' })
      .expect(201);
    const staff = await makeSignedInUser(t.dataSource, {
      role: Role.Staff,
      institutionId: res.body.id,
    });
    const templates = await t.http().get('/api/caption-templates').set(staff.auth).expect(200);
    const byName = new Map(
      templates.body.items.map((i: { name: string; body: string }) => [i.name, i.body]),
    );
    expect(templates.body.total).toBe(DEFAULT_CAPTION_TEMPLATES.length);
    for (const template of DEFAULT_CAPTION_TEMPLATES) {
      expect(byName.get(template.name)).toBe(template.body);
    }
    const groups = await t.http().get('/api/hashtag-groups').set(staff.auth).expect(200);
    expect(groups.body.items.map((g: { name: string }) => g.name).sort()).toEqual(
      DEFAULT_HASHTAG_GROUPS.map((g) => g.name).sort(),
    );
    const seeded: { actor_user_id: string }[] = await t.dataSource.query(
      `SELECT actor_user_id FROM audit_log
        WHERE institution_id = $1 AND entity_type IN ('caption_template', 'hashtag_group')`,
      [res.body.id],
    );
    expect(seeded).toHaveLength(DEFAULT_CAPTION_TEMPLATES.length + DEFAULT_HASHTAG_GROUPS.length);
    expect(new Set(seeded.map((r) => r.actor_user_id))).toEqual(new Set([nationalAdmin.id]));
  });

  it('words a refused institution body in both languages, naming the field', async () => {
    const body = { name: `Rutan ${unique()}`, kind: 'penjara', timeZone: 'Asia/Jakarta' };
    const send = (language: string) =>
      t
        .http()
        .post('/api/institutions')
        .set(nationalAdmin.auth)
        .set('Accept-Language', language)
        .send(body)
        .expect(400);
    const [id, en] = [(await send('id')).body, (await send('en')).body];
    expect(id).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'kind',
      message: "Kolom 'kind' harus salah satu dari: lapas, rutan, lpka, lpp, bapas",
    });
    expect(en.message).toBe("Field 'kind' must be one of: lapas, rutan, lpka, lpp, bapas");
    expect(en.details).toEqual([
      { field: 'kind', rule: 'isIn', message: { id: id.message, en: en.message } },
    ]);
  });

  it('refuses institution creation to an institution admin', async () => {
    await t
      .http()
      .post('/api/institutions')
      .set(adminA.auth)
      .send({ name: `Lapas ${unique()}`, kind: 'lapas', timeZone: 'Asia/Jakarta' })
      .expect(403);
  });

  it('lets an admin change their own institution’s settings, audited before and after', async () => {
    const res = await t
      .http()
      .patch(`/api/institutions/${a.id}`)
      .set(adminA.auth)
      .send({
        timeZone: 'Asia/Jayapura',
        brandSecondary: '#abcdef',
        hotline: '0811-1234-567',
        region: 'Papua',
      })
      .expect(200);
    expect(res.body).toMatchObject({
      id: a.id,
      slug: a.slug,
      timeZone: 'Asia/Jayapura',
      brandSecondary: '#ABCDEF',
      hotline: '0811-1234-567',
      region: 'Papua',
    });
    const [row] = await auditRows(a.id, 'update');
    expect(row.before).toMatchObject({ timeZone: 'Asia/Jakarta', hotline: null });
    expect(row.after).toMatchObject({ timeZone: 'Asia/Jayapura', hotline: '0811-1234-567' });

    const cleared = await t
      .http()
      .patch(`/api/institutions/${a.id}`)
      .set(adminA.auth)
      .send({ hotline: null })
      .expect(200);
    expect(cleared.body.hotline).toBeNull();

    const badZone = await t
      .http()
      .patch(`/api/institutions/${a.id}`)
      .set(adminA.auth)
      .send({ timeZone: 'Asia/Singapore' })
      .expect(400);
    expect(badZone.body.field).toBe('timeZone');
  });

  it('gives 404 for another institution and 403 without the permission', async () => {
    await t
      .http()
      .patch(`/api/institutions/${b.id}`)
      .set(adminA.auth)
      .send({ region: 'Diubah' })
      .expect(404);
    await t
      .http()
      .patch(`/api/institutions/${a.id}`)
      .set(staffA.auth)
      .send({ region: 'Diubah' })
      .expect(403);
    const [row]: { region: string }[] = await t.dataSource.query(
      `SELECT region FROM institutions WHERE id = $1`,
      [b.id],
    );
    expect(row.region).not.toBe('Diubah');
  });

  it('keeps slug and kind for national admins; a taken slug is 409', async () => {
    const slug = await t
      .http()
      .patch(`/api/institutions/${a.id}`)
      .set(adminA.auth)
      .send({ slug: `baru-${unique()}` })
      .expect(403);
    expect(slug.body.field).toBe('slug');
    const taken = await t
      .http()
      .patch(`/api/institutions/${a.id}`)
      .set(nationalAdmin.auth)
      .send({ slug: b.slug })
      .expect(409);
    expect(taken.body.field).toBe('slug');
    const fresh = `lapas-baru-${unique()}`;
    const renamed = await t
      .http()
      .patch(`/api/institutions/${a.id}`)
      .set(nationalAdmin.auth)
      .send({ slug: fresh, kind: 'rutan' })
      .expect(200);
    expect(renamed.body).toMatchObject({ slug: fresh, kind: 'rutan' });
  });
});

describe('institution logo', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it("sets the logo from one of the institution's own photos, and removes it", async () => {
    const a = await makeInstitution(t.dataSource);
    const b = await makeInstitution(t.dataSource);
    const adminA = await makeSignedInUser(t.dataSource, { role: Role.Admin, institutionId: a.id });
    const staffB = await makeSignedInUser(t.dataSource, { role: Role.Staff, institutionId: b.id });
    const logo = await sharp({
      create: { width: 200, height: 200, channels: 3, background: '#0b4f6c' },
    })
      .png()
      .toBuffer();
    const upload = (auth: Record<string, string>) =>
      t
        .http()
        .post('/api/media')
        .set(auth)
        .attach('file', logo, { filename: 'logo.png', contentType: 'image/png' })
        .expect(201);
    const own = (await upload(adminA.auth)).body.id as string;
    const foreign = (await upload(staffB.auth)).body.id as string;

    const set = await t
      .http()
      .patch(`/api/institutions/${a.id}`)
      .set(adminA.auth)
      .send({ logoMediaAssetId: own })
      .expect(200);
    expect(set.body.hasLogo).toBe(true);

    const refused = await t
      .http()
      .patch(`/api/institutions/${a.id}`)
      .set(adminA.auth)
      .send({ logoMediaAssetId: foreign })
      .expect(404);
    expect(refused.body.field).toBe('logoMediaAssetId');

    const removed = await t
      .http()
      .patch(`/api/institutions/${a.id}`)
      .set(adminA.auth)
      .send({ logoMediaAssetId: null })
      .expect(200);
    expect(removed.body.hasLogo).toBe(false);
  });
});
