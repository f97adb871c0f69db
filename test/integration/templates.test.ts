import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '../../src/auth/roles';
import { builtInTemplates } from '../../src/content/rendering/builtins';
import { BuiltInTemplateSync } from '../../src/content/templates/builtin-template-sync';
import { createTestApp, TestApp } from '../support/app';
import { makeInstitution, makeSignedInUser } from '../support/factories';

type Json = Record<string, any>;

describe('image templates API', () => {
  let t: TestApp;
  let institutionId: string;
  let staff: { Authorization: string };
  let manager: { Authorization: string };
  let otherStaff: { Authorization: string };

  beforeAll(async () => {
    t = await createTestApp();
    institutionId = (await makeInstitution(t.dataSource)).id;
    staff = (await makeSignedInUser(t.dataSource, { role: Role.Staff, institutionId })).auth;
    manager = (await makeSignedInUser(t.dataSource, { role: Role.Manager, institutionId })).auth;
    const other = (await makeInstitution(t.dataSource)).id;
    otherStaff = (await makeSignedInUser(t.dataSource, { role: Role.Staff, institutionId: other }))
      .auth;
  });
  afterAll(async () => t?.close());

  const builtIn = async (key: string): Promise<Json> => {
    const res = await t.http().get('/api/image-templates?pageSize=100').set(staff).expect(200);
    const found = (res.body.items as Json[]).find((item) => item.isBuiltin && item.key === key);
    if (!found) throw new Error(`built-in ${key} is not listed`);
    return found;
  };

  /** A valid definition: the built-in's, under a new id. */
  const copyOf = async (key: string, id: string, changes: Json = {}): Promise<Json> => ({
    ...(await builtIn(key)).definition,
    id,
    name: `Salinan ${key}`,
    ...changes,
  });

  const builtInCounts = (): Promise<{ key: string; version: number; n: number }[]> =>
    t.dataSource.query(
      `SELECT key, version, count(*)::int AS n FROM image_templates
        WHERE is_builtin GROUP BY key, version ORDER BY key, version`,
    );

  it('syncs every shipped built-in once; syncing again (also concurrently) adds nothing', async () => {
    const shipped = builtInTemplates();
    const before = await builtInCounts();
    expect(before).toEqual(
      expect.arrayContaining(shipped.map((s) => ({ key: s.id, version: s.version, n: 1 }))),
    );
    expect(before.every((row) => row.n === 1)).toBe(true);

    const sync = t.app.get(BuiltInTemplateSync);
    expect(await Promise.all([sync.sync(), sync.sync()])).toEqual([0, 0]);
    expect(await builtInCounts()).toEqual(before);

    const rows: { institution_id: string | null; created_by: string | null }[] =
      await t.dataSource.query(
        `SELECT institution_id, created_by FROM image_templates WHERE is_builtin`,
      );
    expect(rows.every((r) => r.institution_id === null && r.created_by === null)).toBe(true);
  });

  it('lists the latest built-ins with their shape, and gets one by id', async () => {
    const res = await t.http().get('/api/image-templates?pageSize=100').set(manager).expect(200);
    const items = res.body.items as Json[];
    const keys = items.filter((i) => i.isBuiltin).map((i) => i.key);
    expect(keys.sort()).toEqual(
      builtInTemplates()
        .map((s) => s.id)
        .sort(),
    );
    expect(res.body).toMatchObject({ total: items.length, page: 1, pageSize: 100 });

    const carousel = items.find((i) => i.key === 'carousel')!;
    expect(carousel).toMatchObject({
      institutionId: null,
      version: 1,
      isBuiltin: true,
      isCarousel: true,
      frameCount: 1,
      canvas: { width: 1080, height: 1350 },
      photoCount: { min: 2, max: 10 },
      networks: ['instagram', 'facebook'],
    });
    const square = items.find((i) => i.key === 'ig-square')!;
    expect(square).toMatchObject({ isCarousel: false, photoCount: { min: 1, max: 1 } });

    const one = await t.http().get(`/api/image-templates/${square.id}`).set(staff).expect(200);
    expect(one.body).toEqual(square);
    expect(one.body.definition.texts[0].binding).toBe('product.price');
  });

  it('creates an institution template from JSON, audited, visible only to its institution', async () => {
    const definition = await copyOf('ig-square', 'kartu-promo-uji');
    const res = await t
      .http()
      .post('/api/image-templates')
      .set(staff)
      .send({ definition: { ...definition, version: 7 } })
      .expect(201);
    expect(res.body).toMatchObject({
      institutionId,
      key: 'kartu-promo-uji',
      version: 1,
      name: 'Salinan ig-square',
      isBuiltin: false,
      networks: ['instagram', 'facebook', 'x'],
    });
    expect(res.body.definition.version).toBe(1);

    const list = await t.http().get('/api/image-templates?pageSize=100').set(staff).expect(200);
    expect((list.body.items as Json[]).map((i) => i.id)).toContain(res.body.id);
    const foreign = await t
      .http()
      .get('/api/image-templates?pageSize=100')
      .set(otherStaff)
      .expect(200);
    expect((foreign.body.items as Json[]).map((i) => i.id)).not.toContain(res.body.id);
    await t.http().get(`/api/image-templates/${res.body.id}`).set(otherStaff).expect(404);

    const audit: { action: string; institution_id: string }[] = await t.dataSource.query(
      `SELECT action, institution_id FROM audit_log WHERE entity_type = 'image_template' AND entity_id = $1`,
      [res.body.id],
    );
    expect(audit).toEqual([{ action: 'create', institution_id: institutionId }]);

    const again = await t
      .http()
      .post('/api/image-templates')
      .set(staff)
      .send({ definition })
      .expect(409);
    expect(again.body.field).toBe('definition.id');
  });

  it('refuses a template JSON with a bad binding, naming the path, and stores nothing', async () => {
    const definition = await copyOf('ig-square', 'binding-salah');
    definition.texts[2].binding = 'product.colour';
    const res = await t
      .http()
      .post('/api/image-templates')
      .set(staff)
      .send({ definition })
      .expect(400);
    expect(res.body.field).toBe('definition.texts[2].binding');
    expect(res.body.message).toContain('definition.texts[2].binding');
    expect(res.body.details.issues[0].path).toBe('definition.texts[2].binding');

    const unknownField = await copyOf('ig-square', 'kolom-asing', { shadow: true });
    const second = await t
      .http()
      .post('/api/image-templates')
      .set(staff)
      .send({ definition: unknownField })
      .expect(400);
    expect(second.body.field).toBe('definition.shadow');

    const rows: unknown[] = await t.dataSource.query(
      `SELECT 1 FROM image_templates WHERE key IN ('binding-salah', 'kolom-asing')`,
    );
    expect(rows).toHaveLength(0);
  });

  it('refuses a 1080×2000 portrait that claims Instagram, naming the network and the rule', async () => {
    const definition = await copyOf('ig-portrait', 'potret-tinggi', {
      canvas: { width: 1080, height: 2000 },
      networks: ['facebook', 'instagram'],
    });
    const res = await t
      .http()
      .post('/api/image-templates')
      .set(staff)
      .send({ definition })
      .expect(422);
    expect(res.body.field).toBe('definition.networks[1]');
    expect(res.body.message).toMatch(/instagram: aspectRatio 0\.54/);
    expect(res.body.details.violations).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ network: 'instagram', rule: 'aspectRatio' }),
      ]),
    );

    // The same layout is fine where that shape is allowed.
    await t
      .http()
      .post('/api/image-templates')
      .set(staff)
      .send({ definition: { ...definition, networks: ['facebook'] } })
      .expect(201);
  });

  it('adds versions to institution templates, keeps old ones, and never edits built-ins', async () => {
    const created = await t
      .http()
      .post('/api/image-templates')
      .set(staff)
      .send({ definition: await copyOf('price-promo', 'promo-versi') })
      .expect(201);
    const v1 = created.body as Json;

    const v2 = await t
      .http()
      .post(`/api/image-templates/${v1.id}/versions`)
      .set(staff)
      .send({ definition: { ...v1.definition, name: 'Promo versi 2', id: undefined } })
      .expect(201);
    expect(v2.body).toMatchObject({ key: 'promo-versi', version: 2, name: 'Promo versi 2' });
    expect(v2.body.id).not.toBe(v1.id);

    // From any version, the next number follows the newest.
    const v3 = await t
      .http()
      .post(`/api/image-templates/${v1.id}/versions`)
      .set(staff)
      .send({ definition: { ...v1.definition, name: 'Promo versi 3' } })
      .expect(201);
    expect(v3.body.version).toBe(3);

    const old = await t.http().get(`/api/image-templates/${v1.id}`).set(staff).expect(200);
    expect(old.body).toMatchObject({ version: 1, name: v1.name });
    const list = await t.http().get('/api/image-templates?pageSize=100').set(staff).expect(200);
    const listed = (list.body.items as Json[]).filter((i) => i.key === 'promo-versi');
    expect(listed.map((i) => i.version)).toEqual([3]);

    const renamed = await t
      .http()
      .post(`/api/image-templates/${v1.id}/versions`)
      .set(staff)
      .send({ definition: { ...v1.definition, id: 'nama-lain' } })
      .expect(400);
    expect(renamed.body.field).toBe('definition.id');

    const square = await builtIn('ig-square');
    const edit = await t
      .http()
      .post(`/api/image-templates/${square.id}/versions`)
      .set(staff)
      .send({ definition: square.definition })
      .expect(409);
    expect(edit.body.message).toMatch(/bawaan tidak dapat diubah/);
    const takeKey = await t
      .http()
      .post('/api/image-templates')
      .set(staff)
      .send({ definition: square.definition })
      .expect(409);
    expect(takeKey.body.field).toBe('definition.id');

    await t
      .http()
      .post(`/api/image-templates/${v1.id}/versions`)
      .set(otherStaff)
      .send({ definition: v1.definition })
      .expect(404);
  });

  it('lets only content writers create templates', async () => {
    await t
      .http()
      .post('/api/image-templates')
      .set(manager)
      .send({ definition: await copyOf('ig-square', 'milik-manajer') })
      .expect(403);
  });
});
