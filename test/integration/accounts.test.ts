import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '../../src/auth/roles';
import { AppError } from '../../src/common/app-error';
import { SocialAccountService } from '../../src/publishing/accounts/social-account.service';
import { createTestApp, TestApp } from '../support/app';
import { makeInstitution, makeSignedInUser } from '../support/factories';

type Auth = { Authorization: string };

const RESPONSE_KEYS = [
  'createdAt',
  'displayName',
  'handle',
  'id',
  'institutionId',
  'kind',
  'network',
  'status',
  'updatedAt',
];

describe('social accounts API', () => {
  let t: TestApp;
  let institution: { id: string; name: string };
  let admin: Auth;
  let staff: Auth;
  let otherAdmin: Auth;
  let otherInstitutionId: string;
  let service: SocialAccountService;

  beforeAll(async () => {
    t = await createTestApp();
    institution = await makeInstitution(t.dataSource, { name: 'Lapas Kelas IIA Uji Akun' });
    admin = (
      await makeSignedInUser(t.dataSource, { role: Role.Admin, institutionId: institution.id })
    ).auth;
    staff = (
      await makeSignedInUser(t.dataSource, { role: Role.Staff, institutionId: institution.id })
    ).auth;
    otherInstitutionId = (await makeInstitution(t.dataSource)).id;
    otherAdmin = (
      await makeSignedInUser(t.dataSource, { role: Role.Admin, institutionId: otherInstitutionId })
    ).auth;
    service = t.app.get(SocialAccountService);
  });
  afterAll(async () => t.close());

  const createSandbox = async (auth: Auth, body: Record<string, unknown>) =>
    t.http().post('/api/social-accounts').set(auth).send(body);

  const auditOf = (id: string): Promise<{ action: string; before: unknown; after: unknown }[]> =>
    t.dataSource.query(
      `SELECT action, before, after FROM audit_log WHERE entity_type = 'social_account' AND entity_id = $1 ORDER BY id`,
      [id],
    );

  it('creates a sandbox account, lists it, renames and disables it, auditing each change', async () => {
    const created = await createSandbox(admin, {
      network: 'instagram',
      displayName: ' Latihan Staf ',
      handle: '@latihan_lapas',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      institutionId: institution.id,
      network: 'instagram',
      kind: 'sandbox',
      displayName: 'Latihan Staf',
      handle: 'latihan_lapas',
      status: 'connected',
    });
    expect(Object.keys(created.body).sort()).toEqual(RESPONSE_KEYS);
    const id: string = created.body.id;

    const list = await t
      .http()
      .get('/api/social-accounts?network=instagram&kind=sandbox')
      .set(staff)
      .expect(200);
    expect(list.body.items.map((a: { id: string }) => a.id)).toContain(id);
    for (const item of list.body.items) expect(Object.keys(item).sort()).toEqual(RESPONSE_KEYS);
    const xOnly = await t.http().get('/api/social-accounts?network=x').set(staff).expect(200);
    expect(xOnly.body.items.map((a: { id: string }) => a.id)).not.toContain(id);

    const renamed = await t
      .http()
      .patch(`/api/social-accounts/${id}`)
      .set(admin)
      .send({ displayName: 'Latihan Staf Baru', status: 'disabled' })
      .expect(200);
    expect(renamed.body).toMatchObject({ displayName: 'Latihan Staf Baru', status: 'disabled' });
    await t
      .http()
      .patch(`/api/social-accounts/${id}`)
      .set(admin)
      .send({ status: 'connected' })
      .expect(200);

    const audit = await auditOf(id);
    expect(audit.map((row) => row.action)).toEqual(['create', 'update', 'update']);
    expect(audit[1]).toMatchObject({
      before: { status: 'connected', displayName: 'Latihan Staf' },
      after: { status: 'disabled', displayName: 'Latihan Staf Baru' },
    });
  });

  it('creates only sandbox accounts, and validates each field by name', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ network: 'instagram', displayName: 'Akun asli', kind: 'live' }, 'kind'],
      [{ network: 'tiktok', displayName: 'Tik' }, 'network'],
      [{ network: 'x' }, 'displayName'],
      [{ network: 'x', displayName: 'X', handle: 'bukan handle!' }, 'handle'],
      [{ network: 'x', displayName: 'X', accessToken: 'rahasia' }, 'accessToken'],
    ];
    for (const [body, field] of cases) {
      const res = await createSandbox(admin, body);
      expect({ status: res.status, field: res.body.field }).toEqual({ status: 400, field });
    }
    const live = await createSandbox(admin, { network: 'x', displayName: 'X', kind: 'live' });
    expect(live.body.message).toMatch(/sandbox/);
    const bad = await t
      .http()
      .patch(`/api/social-accounts/${randomUUID()}`)
      .set(admin)
      .send({ status: 'needs_reauth' });
    expect({ status: bad.status, field: bad.body.field }).toEqual({ status: 400, field: 'status' });
  });

  it('is managed by administrators only; staff may read', async () => {
    const res = await createSandbox(staff, { network: 'facebook', displayName: 'Staf' });
    expect(res.status).toBe(403);
    const created = await createSandbox(admin, {
      network: 'facebook',
      displayName: 'Halaman Latihan',
    });
    await t.http().get(`/api/social-accounts/${created.body.id}`).set(staff).expect(200);
    await t
      .http()
      .patch(`/api/social-accounts/${created.body.id}`)
      .set(staff)
      .send({ displayName: 'Staf' })
      .expect(403);
  });

  it("hides another institution's accounts (404)", async () => {
    const created = await createSandbox(admin, { network: 'x', displayName: 'Latihan X' });
    const id: string = created.body.id;
    await t.http().get(`/api/social-accounts/${id}`).set(otherAdmin).expect(404);
    await t
      .http()
      .patch(`/api/social-accounts/${id}`)
      .set(otherAdmin)
      .send({ status: 'disabled' })
      .expect(404);
    const list = await t.http().get('/api/social-accounts').set(otherAdmin).expect(200);
    expect(list.body.items.map((a: { id: string }) => a.id)).not.toContain(id);
    expect(await auditOf(id)).toHaveLength(1);
  });

  it('refuses to re-enable an account that needs a new sign-in', async () => {
    const created = await createSandbox(admin, {
      network: 'instagram',
      displayName: 'Perlu login',
    });
    await t.dataSource.query(`UPDATE social_accounts SET status = 'needs_reauth' WHERE id = $1`, [
      created.body.id,
    ]);
    const res = await t
      .http()
      .patch(`/api/social-accounts/${created.body.id}`)
      .set(admin)
      .send({ status: 'connected' })
      .expect(422);
    expect(res.body.field).toBe('status');
    await t
      .http()
      .patch(`/api/social-accounts/${created.body.id}`)
      .set(admin)
      .send({ status: 'disabled' })
      .expect(200);
  });

  it('creates one labelled sandbox account per network, once', async () => {
    const fresh = await makeInstitution(t.dataSource, { name: 'Rutan Kelas IIB Uji Sandbox' });
    const first = await t.dataSource.transaction((m) => service.createSandboxAccounts(fresh.id, m));
    const again = await t.dataSource.transaction((m) => service.createSandboxAccounts(fresh.id, m));
    expect(again).toEqual([]);
    expect(first.map((a) => [a.network, a.kind, a.status, a.displayName]).sort()).toEqual([
      ['facebook', 'sandbox', 'connected', 'Sandbox Facebook — Rutan Kelas IIB Uji Sandbox'],
      ['instagram', 'sandbox', 'connected', 'Sandbox Instagram — Rutan Kelas IIB Uji Sandbox'],
      ['x', 'sandbox', 'connected', 'Sandbox X — Rutan Kelas IIB Uji Sandbox'],
    ]);
    const rows: { count: string }[] = await t.dataSource.query(
      `SELECT count(*) AS count FROM social_accounts WHERE institution_id = $1`,
      [fresh.id],
    );
    expect(Number(rows[0].count)).toBe(3);
    const audited: { count: string }[] = await t.dataSource.query(
      `SELECT count(*) AS count FROM audit_log WHERE institution_id = $1 AND entity_type = 'social_account'`,
      [fresh.id],
    );
    expect(Number(audited[0].count)).toBe(3);
  });

  describe('requireUsable (for post targets)', () => {
    const refusal = async (ids: string[]) => {
      try {
        await service.requireUsable(institution.id, ids);
      } catch (error) {
        if (error instanceof AppError) return { status: error.status, field: error.field };
        throw error;
      }
      throw new Error('expected a refusal');
    };

    it('returns the accounts in the order asked', async () => {
      const a = (await createSandbox(admin, { network: 'x', displayName: 'A' })).body.id;
      const b = (await createSandbox(admin, { network: 'facebook', displayName: 'B' })).body.id;
      const accounts = await service.requireUsable(institution.id, [b, a]);
      expect(accounts.map((account) => account.id)).toEqual([b, a]);
      expect(accounts.map((account) => account.network)).toEqual(['facebook', 'x']);
    });

    it('refuses foreign, unknown, malformed, duplicate and disabled accounts', async () => {
      const own = (await createSandbox(admin, { network: 'x', displayName: 'Milik sendiri' })).body
        .id;
      const foreign = (await createSandbox(otherAdmin, { network: 'x', displayName: 'Lain' })).body
        .id;
      const off = (await createSandbox(admin, { network: 'instagram', displayName: 'Mati' })).body
        .id;
      await t.http().patch(`/api/social-accounts/${off}`).set(admin).send({ status: 'disabled' });

      expect(await refusal([own, foreign])).toEqual({ status: 404, field: 'socialAccountIds' });
      expect(await refusal([randomUUID()])).toEqual({ status: 404, field: 'socialAccountIds' });
      expect(await refusal(['bukan-uuid'])).toEqual({ status: 404, field: 'socialAccountIds' });
      expect(await refusal([own, own])).toEqual({ status: 400, field: 'socialAccountIds' });
      expect(await refusal([own, off])).toEqual({ status: 422, field: 'socialAccountIds' });
    });
  });
});
