import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { Role } from '../../src/auth/roles';
import { createTestApp, TestApp } from '../support/app';
import { makeInstitution, makeSignedInUser, makeUser, TEST_PASSWORD } from '../support/factories';

type SignedIn = Awaited<ReturnType<typeof makeSignedInUser>>;

describe('users administration', () => {
  let t: TestApp;
  let a: string;
  let b: string;
  let adminA: SignedIn;
  let nationalAdmin: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
    a = (await makeInstitution(t.dataSource)).id;
    b = (await makeInstitution(t.dataSource)).id;
    adminA = await makeSignedInUser(t.dataSource, { role: Role.Admin, institutionId: a });
    nationalAdmin = await makeSignedInUser(t.dataSource, { role: Role.NationalAdmin });
  });
  afterAll(async () => t.close());

  const auditRows = (entityId: string, action: string) =>
    t.dataSource.query(
      `SELECT actor_user_id, institution_id, before, after FROM audit_log
        WHERE entity_type = 'user' AND entity_id = $1 AND action = $2`,
      [entityId, action],
    ) as Promise<
      { actor_user_id: string; institution_id: string | null; before: unknown; after: unknown }[]
    >;

  const newEmail = () => `baru-${randomUUID().slice(0, 8)}@uji.karya.id`;

  it('refuses staff, approvers and managers with 403', async () => {
    for (const role of [Role.Staff, Role.Approver, Role.Manager]) {
      const user = await makeSignedInUser(t.dataSource, { role, institutionId: a });
      const res = await t.http().get('/api/users').set(user.auth).expect(403);
      expect(res.body.code).toBe('FORBIDDEN');
    }
  });

  it('lists only the admin’s institution, with filters and pagination, never a hash', async () => {
    const own = (await makeInstitution(t.dataSource)).id;
    const admin = await makeSignedInUser(t.dataSource, { role: Role.Admin, institutionId: own });
    const approver = await makeUser(t.dataSource, { role: Role.Approver, institutionId: own });
    const inactive = await makeUser(t.dataSource, { institutionId: own, isActive: false });
    const foreign = await makeUser(t.dataSource, { institutionId: b });

    const all = await t.http().get('/api/users?pageSize=100').set(admin.auth).expect(200);
    const ids = all.body.items.map((u: { id: string }) => u.id);
    expect(ids).toEqual(expect.arrayContaining([admin.id, approver.id, inactive.id]));
    expect(ids).not.toContain(foreign.id);
    expect(ids).not.toContain(nationalAdmin.id);
    expect(all.body).toMatchObject({ page: 1, pageSize: 100, total: ids.length });
    expect(JSON.stringify(all.body)).not.toMatch(/argon2|passwordHash/);

    const approvers = await t.http().get('/api/users?role=approver').set(admin.auth).expect(200);
    expect(approvers.body.items.map((u: { id: string }) => u.id)).toEqual([approver.id]);
    const off = await t.http().get('/api/users?active=false').set(admin.auth).expect(200);
    expect(off.body.items.map((u: { id: string }) => u.id)).toEqual([inactive.id]);
    const found = await t
      .http()
      .get(`/api/users?q=${encodeURIComponent(approver.email.slice(0, 14).toUpperCase())}`)
      .set(admin.auth)
      .expect(200);
    expect(found.body.items.map((u: { id: string }) => u.id)).toEqual([approver.id]);
    const page = await t.http().get('/api/users?pageSize=1&page=2').set(admin.auth).expect(200);
    expect(page.body.items).toHaveLength(1);

    const bad = await t.http().get('/api/users?active=maybe').set(admin.auth).expect(400);
    expect(bad.body.field).toBe('active');
  });

  it('gives 404 for a user of another institution on every route', async () => {
    const foreign = await makeUser(t.dataSource, { institutionId: b });
    await t.http().get(`/api/users/${foreign.id}`).set(adminA.auth).expect(404);
    await t
      .http()
      .patch(`/api/users/${foreign.id}`)
      .set(adminA.auth)
      .send({ isActive: false })
      .expect(404);
    await t
      .http()
      .post(`/api/users/${foreign.id}/reset-password`)
      .set(adminA.auth)
      .send({ newPassword: 'sementara-12345' })
      .expect(404);
    await t.http().get(`/api/users/${nationalAdmin.id}`).set(adminA.auth).expect(404);
    const [row]: { is_active: boolean }[] = await t.dataSource.query(
      `SELECT is_active FROM users WHERE id = $1`,
      [foreign.id],
    );
    expect(row.is_active).toBe(true);
  });

  it('creates an institution user who can log in, audited without the password', async () => {
    const email = newEmail();
    const res = await t
      .http()
      .post('/api/users')
      .set(adminA.auth)
      .send({
        email: ` ${email.toUpperCase()} `,
        displayName: 'Siti Rahmawati',
        role: 'staff',
        password: 'rahasia-baru-123',
      })
      .expect(201);
    expect(res.body).toMatchObject({
      email,
      institutionId: a,
      role: 'staff',
      locale: 'id',
      isActive: true,
      mustChangePassword: false,
    });
    expect(JSON.stringify(res.body)).not.toMatch(/argon2|passwordHash|rahasia/);
    await t
      .http()
      .post('/api/auth/login')
      .send({ email, password: 'rahasia-baru-123' })
      .expect(200);
    const [row] = await auditRows(res.body.id, 'create');
    expect(row).toMatchObject({ actor_user_id: adminA.id, institution_id: a });
    expect(JSON.stringify(row)).not.toContain('rahasia-baru-123');

    const duplicate = await t
      .http()
      .post('/api/users')
      .set(adminA.auth)
      .send({
        email: email.toUpperCase(),
        displayName: 'Lagi',
        role: 'staff',
        password: 'rahasia-baru-123',
      })
      .expect(409);
    expect(duplicate.body.field).toBe('email');
  });

  it('names the field for bad user bodies', async () => {
    const base = {
      email: newEmail(),
      displayName: 'Budi',
      role: 'staff',
      password: 'rahasia-baru-123',
    };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, role: 'superuser' }, 'role'],
      [{ ...base, password: 'pendek' }, 'password'],
      [{ ...base, email: 'bukan-email' }, 'email'],
      [{ ...base, locale: 'fr' }, 'locale'],
      [{ ...base, displayName: '' }, 'displayName'],
      [{ ...base, isAdmin: true }, 'isAdmin'],
    ];
    for (const [body, field] of cases) {
      const res = await t.http().post('/api/users').set(adminA.auth).send(body).expect(400);
      expect(res.body.field).toBe(field);
    }
    const user = await makeUser(t.dataSource, { institutionId: a });
    const nullName = await t
      .http()
      .patch(`/api/users/${user.id}`)
      .set(adminA.auth)
      .send({ displayName: null })
      .expect(400);
    expect(nullName.body.field).toBe('displayName');
    const badId = await t.http().get('/api/users/not-a-uuid').set(adminA.auth).expect(400);
    expect(badId.body.field).toBe('id');
  });

  it('keeps national roles for national admins', async () => {
    const byAdmin = await t
      .http()
      .post('/api/users')
      .set(adminA.auth)
      .send({
        email: newEmail(),
        displayName: 'X',
        role: 'national_admin',
        password: 'rahasia-baru-123',
      })
      .expect(403);
    expect(byAdmin.body.field).toBe('role');

    const national = await t
      .http()
      .post('/api/users')
      .set(nationalAdmin.auth)
      .send({
        email: newEmail(),
        displayName: 'Direktorat',
        role: 'national_manager',
        password: 'rahasia-baru-123',
      })
      .expect(201);
    expect(national.body.institutionId).toBeNull();

    const unscoped = await t
      .http()
      .post('/api/users')
      .set(nationalAdmin.auth)
      .send({ email: newEmail(), displayName: 'Staf', role: 'staff', password: 'rahasia-baru-123' })
      .expect(400);
    expect(unscoped.body.field).toBe('X-Institution-Id');
    const scoped = await t
      .http()
      .post('/api/users')
      .set(nationalAdmin.auth)
      .set('X-Institution-Id', b)
      .send({ email: newEmail(), displayName: 'Staf', role: 'staff', password: 'rahasia-baru-123' })
      .expect(201);
    expect(scoped.body.institutionId).toBe(b);
    const nowhere = await t
      .http()
      .post('/api/users')
      .set(nationalAdmin.auth)
      .set('X-Institution-Id', randomUUID())
      .send({ email: newEmail(), displayName: 'Staf', role: 'staff', password: 'rahasia-baru-123' })
      .expect(400);
    expect(nowhere.body.field).toBe('X-Institution-Id');

    const staff = await makeUser(t.dataSource, { institutionId: a });
    const promote = await t
      .http()
      .patch(`/api/users/${staff.id}`)
      .set(adminA.auth)
      .send({ role: 'national_admin' })
      .expect(403);
    expect(promote.body.field).toBe('role');
    const move = await t
      .http()
      .patch(`/api/users/${staff.id}`)
      .set(nationalAdmin.auth)
      .send({ role: 'national_manager' })
      .expect(400);
    expect(move.body.field).toBe('role');
  });

  it('lets a national admin list every institution’s users, or one with X-Institution-Id', async () => {
    const inA = await makeUser(t.dataSource, { institutionId: a });
    const inB = await makeUser(t.dataSource, { institutionId: b });
    const all = await t.http().get('/api/users?pageSize=100').set(nationalAdmin.auth).expect(200);
    expect(all.body.total).toBeGreaterThanOrEqual(3);
    const seen = await Promise.all(
      [inA.id, inB.id, nationalAdmin.id].map((id) =>
        t.http().get(`/api/users/${id}`).set(nationalAdmin.auth).expect(200),
      ),
    );
    expect(seen.map((r) => r.body.id)).toEqual([inA.id, inB.id, nationalAdmin.id]);
    const onlyB = await t
      .http()
      .get('/api/users?pageSize=100')
      .set(nationalAdmin.auth)
      .set('X-Institution-Id', b)
      .expect(200);
    const ids = onlyB.body.items.map((u: { id: string }) => u.id);
    expect(ids).toContain(inB.id);
    expect(ids).not.toContain(inA.id);
  });

  it('changes a user and audits before and after; deactivation ends their sessions', async () => {
    const user = await makeSignedInUser(t.dataSource, { role: Role.Approver, institutionId: a });
    const res = await t
      .http()
      .patch(`/api/users/${user.id}`)
      .set(adminA.auth)
      .send({ role: 'staff', displayName: 'Budi Santoso', locale: 'en' })
      .expect(200);
    expect(res.body).toMatchObject({ role: 'staff', displayName: 'Budi Santoso', locale: 'en' });
    const [update] = await auditRows(user.id, 'update');
    expect(update.before).toMatchObject({ role: 'approver' });
    expect(update.after).toMatchObject({ role: 'staff', displayName: 'Budi Santoso' });

    await t.http().get('/api/auth/me').set(user.auth).expect(200);
    await t
      .http()
      .patch(`/api/users/${user.id}`)
      .set(adminA.auth)
      .send({ isActive: false })
      .expect(200);
    await t.http().get('/api/auth/me').set(user.auth).expect(401);
    expect(await auditRows(user.id, 'deactivate')).toHaveLength(1);
    await t
      .http()
      .patch(`/api/users/${user.id}`)
      .set(adminA.auth)
      .send({ isActive: true })
      .expect(200);
    expect(await auditRows(user.id, 'activate')).toHaveLength(1);
    // Reactivation does not revive the old sessions.
    await t.http().get('/api/auth/me').set(user.auth).expect(401);
  });

  it('stops an admin from deactivating or demoting themselves', async () => {
    const self = await t
      .http()
      .patch(`/api/users/${adminA.id}`)
      .set(adminA.auth)
      .send({ isActive: false })
      .expect(400);
    expect(self.body.field).toBe('isActive');
    const demote = await t
      .http()
      .patch(`/api/users/${adminA.id}`)
      .set(adminA.auth)
      .send({ role: 'staff' })
      .expect(400);
    expect(demote.body.field).toBe('role');
    await t
      .http()
      .patch(`/api/users/${adminA.id}`)
      .set(adminA.auth)
      .send({ displayName: 'Admin Lapas' })
      .expect(200);
  });

  it('resets a password: sessions end, the user must choose a new one', async () => {
    const user = await makeSignedInUser(t.dataSource, { institutionId: a });
    const short = await t
      .http()
      .post(`/api/users/${user.id}/reset-password`)
      .set(adminA.auth)
      .send({ newPassword: 'pendek' })
      .expect(400);
    expect(short.body.field).toBe('newPassword');
    await t
      .http()
      .post(`/api/users/${user.id}/reset-password`)
      .set(adminA.auth)
      .send({ newPassword: 'sementara-12345' })
      .expect(204);
    await t.http().get('/api/auth/me').set(user.auth).expect(401);
    await t
      .http()
      .post('/api/auth/login')
      .send({ email: user.email, password: TEST_PASSWORD })
      .expect(401);
    const login = await t
      .http()
      .post('/api/auth/login')
      .send({ email: user.email, password: 'sementara-12345' })
      .expect(200);
    expect(login.body.user.mustChangePassword).toBe(true);
    const [row] = await auditRows(user.id, 'password_reset');
    expect(row).toMatchObject({ actor_user_id: adminA.id, institution_id: a });
    expect(JSON.stringify(row)).not.toContain('sementara-12345');

    const auth = { Authorization: `Bearer ${login.body.token}` };
    await t
      .http()
      .post('/api/auth/password')
      .set(auth)
      .send({ currentPassword: 'sementara-12345', newPassword: 'pilihan-sendiri-789' })
      .expect(204);
    const me = await t.http().get('/api/auth/me').set(auth).expect(200);
    expect(me.body.user.mustChangePassword).toBe(false);

    const own = await t
      .http()
      .post(`/api/users/${adminA.id}/reset-password`)
      .set(adminA.auth)
      .send({ newPassword: 'sementara-12345' })
      .expect(400);
    expect(own.body.field).toBe('id');
  });
});
