import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { Role } from '../../src/auth/roles';
import { FrozenClock } from '../../src/common/clock';
import { createTestApp, TestApp } from '../support/app';
import { makeInstitution, makeSignedInUser, makeUser, TEST_PASSWORD } from '../support/factories';

interface AuditRow {
  action: string;
  actor_user_id: string | null;
  actor_email: string | null;
  institution_id: string | null;
  entity_id: string | null;
  after: Record<string, unknown> | null;
}

/** A distinct client address per test, so the per-IP limit of one test never trips another. */
const clientIp = (): string => `198.51.100.${Math.floor(Math.random() * 250) + 1}`;

describe('auth: login, session, logout, password', () => {
  const clock = new FrozenClock(new Date());
  let t: TestApp;
  let institutionId: string;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    institutionId = (await makeInstitution(t.dataSource)).id;
  });
  afterAll(async () => t.close());

  const login = (email: string, password: string, ip = clientIp()) =>
    t.http().post('/api/auth/login').set('X-Forwarded-For', ip).send({ email, password });

  const auditRows = (entityId: string, action: string): Promise<AuditRow[]> =>
    t.dataSource.query(
      `SELECT action, actor_user_id, actor_email, institution_id, entity_id, after
         FROM audit_log WHERE entity_id = $1 AND action = $2 ORDER BY id`,
      [entityId, action],
    );

  it('logs in with a cookie and a bearer token that both open /api/auth/me', async () => {
    const user = await makeUser(t.dataSource, { role: Role.Approver, institutionId });
    const res = await login(user.email.toUpperCase(), TEST_PASSWORD).expect(200);

    expect(res.body.token).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(new Date(res.body.expiresAt).getTime()).toBe(clock.now().getTime() + 12 * 3600_000);
    expect(res.body.user).toMatchObject({ id: user.id, email: user.email, role: 'approver' });
    expect(JSON.stringify(res.body)).not.toMatch(/argon2|passwordHash/);

    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toContain(`karya_session=${res.body.token}`);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Secure/);

    const viaBearer = await t
      .http()
      .get('/api/auth/me')
      .set('Authorization', `Bearer ${res.body.token}`)
      .expect(200);
    expect(viaBearer.body.user.id).toBe(user.id);
    expect(viaBearer.body.institution).toMatchObject({
      id: institutionId,
      timeZone: 'Asia/Jakarta',
    });
    expect(viaBearer.body.permissions).toEqual(expect.arrayContaining(['read', 'content.approve']));
    expect(viaBearer.body.permissions).not.toContain('users.manage');

    const viaCookie = await t
      .http()
      .get('/api/auth/me')
      .set('Cookie', `karya_session=${res.body.token}`)
      .expect(200);
    expect(viaCookie.body.user.lastLoginAt).toBe(clock.now().toISOString());

    const [row] = await auditRows(user.id, 'login');
    expect(row).toMatchObject({ actor_user_id: user.id, institution_id: institutionId });
  });

  it('describes a national user with no institution and the national permissions', async () => {
    const national = await makeSignedInUser(t.dataSource, { role: Role.NationalAdmin });
    const res = await t.http().get('/api/auth/me').set(national.auth).expect(200);
    expect(res.body.institution).toBeNull();
    expect(res.body.permissions).toContain('institution.create');
  });

  it('answers a wrong password and an unknown email alike, and audits both without the password', async () => {
    const user = await makeUser(t.dataSource, { institutionId });
    const wrong = await login(user.email, 'salah-sekali-123').expect(401);
    const unknown = await login(`nobody-${randomUUID()}@uji.karya.id`, 'salah-sekali-123').expect(
      401,
    );
    expect(wrong.body.code).toBe('UNAUTHENTICATED');
    expect(wrong.body.message).toBe(unknown.body.message);
    expect(wrong.body.field).toBeUndefined();
    expect(wrong.headers['set-cookie']).toBeUndefined();

    const [row] = await auditRows(user.id, 'login_failed');
    expect(row).toMatchObject({ actor_user_id: null, actor_email: user.email });
    expect(row.after).toMatchObject({ email: user.email, reason: 'wrong_password' });
    expect(JSON.stringify(row)).not.toContain('salah-sekali-123');
  });

  it('refuses the sixth failed attempt with 429 and Retry-After, even with the right password', async () => {
    const user = await makeUser(t.dataSource, { institutionId });
    for (let i = 0; i < 5; i++)
      await login(user.email, `tebakan-${i}-xxxx`, clientIp()).expect(401);

    const blocked = await login(user.email, TEST_PASSWORD).expect(429);
    expect(blocked.body.code).toBe('TOO_MANY_REQUESTS');
    expect(Number(blocked.headers['retry-after'])).toBe(900);
    expect(await auditRows(user.id, 'login_failed')).toHaveLength(5);

    clock.advance(15 * 60_000);
    await login(user.email, TEST_PASSWORD).expect(200);
  });

  it('limits one client address that tries many accounts', async () => {
    const ip = clientIp();
    for (let i = 0; i < 20; i++) {
      await login(`spray-${i}-${randomUUID()}@uji.karya.id`, 'salah-sekali-123', ip).expect(401);
    }
    const res = await login(`spray-${randomUUID()}@uji.karya.id`, 'salah-sekali-123', ip);
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBeDefined();
  });

  it('refuses an inactive user with the same message and ends their sessions on deactivation', async () => {
    const admin = await makeSignedInUser(t.dataSource, { role: Role.Admin, institutionId });
    const staff = await makeUser(t.dataSource, { institutionId });
    const session = await login(staff.email, TEST_PASSWORD).expect(200);
    const bearer = { Authorization: `Bearer ${session.body.token}` };
    await t.http().get('/api/auth/me').set(bearer).expect(200);

    await t
      .http()
      .patch(`/api/users/${staff.id}`)
      .set(admin.auth)
      .send({ isActive: false })
      .expect(200);
    await t.http().get('/api/auth/me').set(bearer).expect(401);
    const refused = await login(staff.email, TEST_PASSWORD).expect(401);
    expect(refused.body.message).toBe('Email atau kata sandi salah');
    const [row] = await auditRows(staff.id, 'login_failed');
    expect(row.after).toMatchObject({ reason: 'inactive' });
    const live: { count: string }[] = await t.dataSource.query(
      `SELECT count(*) FROM auth_sessions WHERE user_id = $1 AND revoked_at IS NULL`,
      [staff.id],
    );
    expect(Number(live[0].count)).toBe(0);
  });

  it('logs out: the token stops working and the cookie is cleared', async () => {
    const user = await makeUser(t.dataSource, { institutionId });
    const session = await login(user.email, TEST_PASSWORD).expect(200);
    const res = await t
      .http()
      .post('/api/auth/logout')
      .set('Cookie', `karya_session=${session.body.token}`)
      .expect(204);
    expect(String(res.headers['set-cookie'])).toMatch(/karya_session=;.*Expires=Thu, 01 Jan 1970/);
    await t
      .http()
      .get('/api/auth/me')
      .set('Authorization', `Bearer ${session.body.token}`)
      .expect(401);
    expect(await auditRows(user.id, 'logout')).toHaveLength(1);
  });

  it('changes the password: other sessions end, this one stays, the old password stops working', async () => {
    const user = await makeUser(t.dataSource, { institutionId });
    const here = await login(user.email, TEST_PASSWORD).expect(200);
    const elsewhere = await login(user.email, TEST_PASSWORD).expect(200);
    const auth = { Authorization: `Bearer ${here.body.token}` };

    const wrong = await t
      .http()
      .post('/api/auth/password')
      .set(auth)
      .send({ currentPassword: 'bukan-ini-123', newPassword: 'kata-sandi-baru-456' })
      .expect(400);
    expect(wrong.body.field).toBe('currentPassword');
    const short = await t
      .http()
      .post('/api/auth/password')
      .set(auth)
      .send({ currentPassword: TEST_PASSWORD, newPassword: 'pendek' })
      .expect(400);
    expect(short.body.field).toBe('newPassword');

    await t
      .http()
      .post('/api/auth/password')
      .set(auth)
      .send({ currentPassword: TEST_PASSWORD, newPassword: 'kata-sandi-baru-456' })
      .expect(204);
    await t.http().get('/api/auth/me').set(auth).expect(200);
    await t
      .http()
      .get('/api/auth/me')
      .set('Authorization', `Bearer ${elsewhere.body.token}`)
      .expect(401);
    await login(user.email, TEST_PASSWORD).expect(401);
    await login(user.email, 'kata-sandi-baru-456').expect(200);

    const [row] = await auditRows(user.id, 'password_change');
    expect(row.actor_user_id).toBe(user.id);
    expect(JSON.stringify(row)).not.toContain('kata-sandi-baru-456');
  });

  it('names the field for bad login bodies', async () => {
    const missing = await t.http().post('/api/auth/login').send({ email: 'a@b.id' }).expect(400);
    expect(missing.body.field).toBe('password');
    const extra = await t
      .http()
      .post('/api/auth/login')
      .send({ email: 'a@b.id', password: 'x', role: 'admin' })
      .expect(400);
    expect(extra.body.field).toBe('role');
    const wrongType = await t
      .http()
      .post('/api/auth/login')
      .send({ email: 42, password: 'x' })
      .expect(400);
    expect(wrongType.body.field).toBe('email');
  });

  it('needs a live session for /api/auth/me and /api/auth/password', async () => {
    await t.http().get('/api/auth/me').expect(401);
    await t
      .http()
      .get('/api/auth/me')
      .set('Authorization', `Bearer ${'x'.repeat(43)}`)
      .expect(401);
    await t
      .http()
      .post('/api/auth/password')
      .send({ currentPassword: 'x', newPassword: 'kata-sandi-baru-456' })
      .expect(401);
  });
});

describe('auth behind HTTPS', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { PUBLIC_BASE_URL: 'https://karya.example.id' } });
  });
  afterAll(async () => t.close());

  it('marks the session cookie Secure', async () => {
    const { id } = await makeInstitution(t.dataSource);
    const user = await makeUser(t.dataSource, { institutionId: id });
    const res = await t
      .http()
      .post('/api/auth/login')
      .send({ email: user.email, password: TEST_PASSWORD })
      .expect(200);
    expect(String(res.headers['set-cookie'])).toMatch(/Secure/);
  });
});
