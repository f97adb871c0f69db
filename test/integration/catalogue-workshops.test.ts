import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '../../src/auth/roles';
import { SEED_WORKSHOPS, WorkshopService } from '../../src/catalogue/workshop.service';
import { createTestApp, TestApp } from '../support/app';
import { makeInstitution, makeProduct, makeSignedInUser, makeWorkshop } from '../support/factories';

interface AuditRow {
  action: string;
  actor_email: string | null;
  institution_id: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

describe('workshops API', () => {
  let t: TestApp;
  let institutionId: string;
  let staff: { Authorization: string };

  beforeAll(async () => {
    t = await createTestApp();
    institutionId = (await makeInstitution(t.dataSource)).id;
    staff = (await makeSignedInUser(t.dataSource, { role: Role.Staff, institutionId })).auth;
  });
  afterAll(async () => t.close());

  const auditOf = (id: string): Promise<AuditRow[]> =>
    t.dataSource.query(
      `SELECT action, actor_email, institution_id, before, after FROM audit_log
        WHERE entity_type = 'workshop' AND entity_id = $1 ORDER BY id`,
      [id],
    );

  it('creates, reads, updates and deletes a workshop, auditing each change', async () => {
    const created = await t
      .http()
      .post('/api/workshops')
      .set(staff)
      .send({ name: '  Mebel Kayu ', description: 'Kursi dan meja jati' })
      .expect(201);
    expect(created.body).toMatchObject({
      name: 'Mebel Kayu',
      description: 'Kursi dan meja jati',
      isActive: true,
      institutionId,
    });
    const id: string = created.body.id;

    await t.http().get(`/api/workshops/${id}`).set(staff).expect(200);
    const updated = await t
      .http()
      .patch(`/api/workshops/${id}`)
      .set(staff)
      .send({ isActive: false, name: 'Mebel Jati' })
      .expect(200);
    expect(updated.body).toMatchObject({ name: 'Mebel Jati', isActive: false });

    await t.http().delete(`/api/workshops/${id}`).set(staff).expect(204);
    await t.http().get(`/api/workshops/${id}`).set(staff).expect(404);

    const audit = await auditOf(id);
    expect(audit.map((row) => row.action)).toEqual(['create', 'update', 'delete']);
    expect(audit[0]).toMatchObject({ before: null, institution_id: institutionId });
    expect(audit[1].before).toMatchObject({ name: 'Mebel Kayu', isActive: true });
    expect(audit[1].after).toMatchObject({ name: 'Mebel Jati', isActive: false });
    expect(audit[2]).toMatchObject({ after: null, before: { name: 'Mebel Jati' } });
  });

  it('does not audit a PATCH that changes nothing', async () => {
    const workshop = await makeWorkshop(t.dataSource, institutionId, { name: 'Tenun' });
    await t
      .http()
      .patch(`/api/workshops/${workshop.id}`)
      .set(staff)
      .send({ name: 'Tenun' })
      .expect(200);
    expect(await auditOf(workshop.id)).toHaveLength(0);
  });

  it('keeps names unique per institution, ignoring case', async () => {
    await t.http().post('/api/workshops').set(staff).send({ name: 'Keramik' }).expect(201);
    const clash = await t
      .http()
      .post('/api/workshops')
      .set(staff)
      .send({ name: 'KERAMIK' })
      .expect(409);
    expect(clash.body.field).toBe('name');

    const other = await makeWorkshop(t.dataSource, institutionId, { name: 'Anyaman' });
    const renamed = await t
      .http()
      .patch(`/api/workshops/${other.id}`)
      .set(staff)
      .send({ name: 'keramik' })
      .expect(409);
    expect(renamed.body.field).toBe('name');

    const elsewhere = (await makeInstitution(t.dataSource)).id;
    const otherStaff = await makeSignedInUser(t.dataSource, { institutionId: elsewhere });
    await t
      .http()
      .post('/api/workshops')
      .set(otherStaff.auth)
      .send({ name: 'Keramik' })
      .expect(201);
  });

  it('refuses to delete a workshop that products use, suggesting deactivation', async () => {
    const workshop = await makeWorkshop(t.dataSource, institutionId);
    await makeProduct(t.dataSource, institutionId, { workshopId: workshop.id });
    const res = await t
      .http()
      .delete(`/api/workshops/${workshop.id}`)
      .set(staff)
      .set('Accept-Language', 'en')
      .expect(409);
    expect(res.body.field).toBe('id');
    expect(res.body.message).toMatch(/1 product.*deactivate/);
    expect(await auditOf(workshop.id)).toHaveLength(0);
  });

  it('lists with pagination and the active and q filters', async () => {
    const own = (await makeInstitution(t.dataSource)).id;
    const user = await makeSignedInUser(t.dataSource, { institutionId: own });
    await makeWorkshop(t.dataSource, own, { name: 'Sablon Kaos' });
    await makeWorkshop(t.dataSource, own, { name: 'Sablon Mug', isActive: false });
    await makeWorkshop(t.dataSource, own, { name: 'Roti 100%' });
    await makeWorkshop(t.dataSource, own, { name: 'Batik' });

    const all = await t.http().get('/api/workshops?pageSize=2&page=2').set(user.auth).expect(200);
    expect(all.body).toMatchObject({ total: 4, page: 2, pageSize: 2 });
    expect(all.body.items.map((w: { name: string }) => w.name)).toEqual([
      'Sablon Kaos',
      'Sablon Mug',
    ]);

    const active = await t
      .http()
      .get('/api/workshops?active=true&q=sablon')
      .set(user.auth)
      .expect(200);
    expect(active.body.items.map((w: { name: string }) => w.name)).toEqual(['Sablon Kaos']);
    const inactive = await t.http().get('/api/workshops?active=false').set(user.auth).expect(200);
    expect(inactive.body.items.map((w: { name: string }) => w.name)).toEqual(['Sablon Mug']);
    const percent = await t.http().get('/api/workshops?q=%25').set(user.auth).expect(200);
    expect(percent.body.items.map((w: { name: string }) => w.name)).toEqual(['Roti 100%']);

    const bad = await t.http().get('/api/workshops?active=yes').set(user.auth).expect(400);
    expect(bad.body.field).toBe('active');
  });

  it('hides other institutions’ workshops behind 404', async () => {
    const elsewhere = (await makeInstitution(t.dataSource)).id;
    const foreign = await makeWorkshop(t.dataSource, elsewhere, { name: 'Rahasia' });
    await t.http().get(`/api/workshops/${foreign.id}`).set(staff).expect(404);
    await t.http().patch(`/api/workshops/${foreign.id}`).set(staff).send({ name: 'X' }).expect(404);
    await t.http().delete(`/api/workshops/${foreign.id}`).set(staff).expect(404);
    const list = await t.http().get('/api/workshops?q=Rahasia').set(staff).expect(200);
    expect(list.body.total).toBe(0);
  });

  it('lets a manager read but not write', async () => {
    const manager = await makeSignedInUser(t.dataSource, { role: Role.Manager, institutionId });
    await t.http().get('/api/workshops').set(manager.auth).expect(200);
    await t.http().post('/api/workshops').set(manager.auth).send({ name: 'Baru' }).expect(403);
  });

  it('makes national admins choose an institution to create in', async () => {
    const national = await makeSignedInUser(t.dataSource, { role: Role.NationalAdmin });
    const res = await t
      .http()
      .post('/api/workshops')
      .set(national.auth)
      .send({ name: 'Las' })
      .expect(400);
    expect(res.body.field).toBe('X-Institution-Id');
    const created = await t
      .http()
      .post('/api/workshops')
      .set(national.auth)
      .set('X-Institution-Id', institutionId)
      .send({ name: 'Las' })
      .expect(201);
    expect(created.body.institutionId).toBe(institutionId);
  });

  it('names the field for bad input', async () => {
    const unknown = await t
      .http()
      .post('/api/workshops')
      .set(staff)
      .send({ name: 'A', colour: 'red' })
      .expect(400);
    expect(unknown.body.field).toBe('colour');
    const blank = await t
      .http()
      .post('/api/workshops')
      .set(staff)
      .send({ name: '   ' })
      .expect(400);
    expect(blank.body.field).toBe('name');
    const workshop = await makeWorkshop(t.dataSource, institutionId);
    const nulled = await t
      .http()
      .patch(`/api/workshops/${workshop.id}`)
      .set(staff)
      .send({ name: null })
      .expect(400);
    expect(nulled.body.field).toBe('name');
    const badId = await t.http().get('/api/workshops/not-a-uuid').set(staff).expect(400);
    expect(badId.body.field).toBe('id');
  });

  it('seeds the default workshops once, audited as the system', async () => {
    const fresh = (await makeInstitution(t.dataSource)).id;
    const service = t.app.get(WorkshopService);
    const first = await t.dataSource.transaction((m) => service.seedDefaultWorkshops(fresh, m));
    expect(first.map((w) => w.name).sort()).toEqual([...SEED_WORKSHOPS].sort());
    expect(SEED_WORKSHOPS).toContain('Konveksi / Penjahitan');
    const again = await t.dataSource.transaction((m) => service.seedDefaultWorkshops(fresh, m));
    expect(again).toEqual([]);

    const rows: { n: number; actor: string }[] = await t.dataSource.query(
      `SELECT count(*)::int AS n, min(actor_email) AS actor FROM audit_log
        WHERE entity_type = 'workshop' AND institution_id = $1`,
      [fresh],
    );
    expect(rows[0]).toEqual({ n: SEED_WORKSHOPS.length, actor: 'system' });
  });
});

describe('catalogue in the OpenAPI document', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('lists every catalogue route with its permission', async () => {
    const res = await t.http().get('/api/docs-json').expect(200);
    const paths = res.body.paths as Record<string, Record<string, Record<string, unknown>>>;
    const permissions = (path: string): Record<string, unknown> =>
      Object.fromEntries(
        Object.entries(paths[path] ?? {}).map(([method, op]) => [method, op['x-karya-permission']]),
      );
    expect(permissions('/api/workshops')).toEqual({ get: 'read', post: 'catalogue.write' });
    expect(permissions('/api/workshops/{id}')).toEqual({
      get: 'read',
      patch: 'catalogue.write',
      delete: 'catalogue.write',
    });
    expect(permissions('/api/products')).toEqual({ get: 'read', post: 'catalogue.write' });
    expect(permissions('/api/products/{id}')).toEqual({ get: 'read', patch: 'catalogue.write' });
    expect(permissions('/api/products/{id}/archive')).toEqual({ post: 'catalogue.write' });
    expect(permissions('/api/products/{id}/restore')).toEqual({ post: 'catalogue.write' });
    expect(res.body.components.schemas.ProductResponse).toBeDefined();
  });
});
