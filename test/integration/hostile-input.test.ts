import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '../../src/auth/roles';
import { createTestApp, TestApp } from '../support/app';
import { makeInstitution, makeSignedInUser, makeWorkshop } from '../support/factories';

/** Input PostgreSQL cannot store as text: refused with the field's name, nothing written. */
describe('NUL characters in input', () => {
  let t: TestApp;
  let auth: { Authorization: string };
  let institutionId: string;
  let workshopId: string;

  beforeAll(async () => {
    t = await createTestApp();
    institutionId = (await makeInstitution(t.dataSource)).id;
    auth = (await makeSignedInUser(t.dataSource, { role: Role.Staff, institutionId })).auth;
    workshopId = (await makeWorkshop(t.dataSource, institutionId, { name: 'Konveksi' })).id;
  });

  afterAll(async () => {
    await t.close();
  });

  const workshopNames = async (): Promise<string[]> =>
    (
      await t.dataSource.query(`SELECT name FROM workshops WHERE institution_id = $1`, [
        institutionId,
      ])
    ).map((row: { name: string }) => row.name);

  it('refuses a NUL in a search query and names the parameter', async () => {
    const res = await t.http().get('/api/products?q=ka%00os').set(auth).expect(400);
    expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', field: 'q' });
  });

  it('refuses a NUL in a body field, names it, and stores nothing', async () => {
    const res = await t
      .http()
      .post('/api/workshops')
      .set(auth)
      .send({ name: 'Sablon\u0000Kaos' })
      .expect(400);
    expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', field: 'name' });
    expect(res.body.message).toContain('name');
    expect(await workshopNames()).toEqual(['Konveksi']);
  });

  it('refuses a NUL in a path parameter', async () => {
    const res = await t.http().get('/api/workshops/ab%00cd').set(auth).expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
  });

  it('still accepts the same input without the NUL', async () => {
    await t.http().get('/api/products?q=kaos').set(auth).expect(200);
    await t.http().get(`/api/workshops/${workshopId}`).set(auth).expect(200);
  });
});
