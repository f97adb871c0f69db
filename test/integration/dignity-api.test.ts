import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '../../src/auth/roles';
import { DignityService } from '../../src/content/library/dignity.service';
import { createTestApp, TestApp } from '../support/app';
import { makeInstitution, makeSignedInUser } from '../support/factories';

type Auth = { Authorization: string };

interface Finding {
  category: string;
  start: number;
  end: number;
  match: string;
  reason: { id: string; en: string };
}

const HOTLINE = '0812 3456 7890';

describe('dignity lists and the dignity check endpoint', () => {
  let t: TestApp;
  let institutionId: string;
  let otherInstitutionId: string;
  let staff: Auth;
  let admin: Auth;
  let manager: Auth;
  let otherStaff: Auth;

  beforeAll(async () => {
    t = await createTestApp();
    // Names without hyphens: see the note on escapeRegExp in the final report.
    institutionId = (await makeInstitution(t.dataSource, { name: 'Lapas Kelas IIA Uji' })).id;
    await t.dataSource.query(`UPDATE institutions SET hotline = $2 WHERE id = $1`, [
      institutionId,
      HOTLINE,
    ]);
    staff = (await makeSignedInUser(t.dataSource, { role: Role.Staff, institutionId })).auth;
    admin = (await makeSignedInUser(t.dataSource, { role: Role.Admin, institutionId })).auth;
    manager = (await makeSignedInUser(t.dataSource, { role: Role.Manager, institutionId })).auth;
    otherInstitutionId = (await makeInstitution(t.dataSource, { name: 'Rutan Kelas IIB Uji' })).id;
    otherStaff = (
      await makeSignedInUser(t.dataSource, { role: Role.Staff, institutionId: otherInstitutionId })
    ).auth;
  });
  afterAll(async () => t.close());

  const check = async (auth: Auth, text: string): Promise<{ ok: boolean; findings: Finding[] }> => {
    const res = await t.http().post('/api/dignity/check').set(auth).send({ text }).expect(200);
    return res.body;
  };
  const auditOf = (type: string, id: string): Promise<Record<string, unknown>[]> =>
    t.dataSource.query(
      `SELECT action, before, after FROM audit_log WHERE entity_type = $1 AND entity_id = $2 ORDER BY id`,
      [type, id],
    );

  describe('protected names', () => {
    it('are kept by consent keepers, audited without the name, hidden from other institutions', async () => {
      const created = await t
        .http()
        .post('/api/protected-names')
        .set(staff)
        .send({ name: '  Wahyu Kurniawan ', note: 'Tidak memberi persetujuan foto' })
        .expect(201);
      expect(created.body).toMatchObject({ name: 'Wahyu Kurniawan', institutionId });
      const id: string = created.body.id;

      await t.http().get(`/api/protected-names/${id}`).set(manager).expect(200);
      await t
        .http()
        .patch(`/api/protected-names/${id}`)
        .set(staff)
        .send({ name: 'Wahyu Kurniawan Putra' })
        .expect(200);
      await t.http().get(`/api/protected-names/${id}`).set(otherStaff).expect(404);
      await t
        .http()
        .patch(`/api/protected-names/${id}`)
        .set(otherStaff)
        .send({ note: 'x' })
        .expect(404);
      await t.http().delete(`/api/protected-names/${id}`).set(otherStaff).expect(404);
      await t
        .http()
        .post('/api/protected-names')
        .set(manager)
        .send({ name: 'Bukan Wewenang' })
        .expect(403);

      const dup = await t
        .http()
        .post('/api/protected-names')
        .set(staff)
        .send({ name: 'WAHYU kurniawan putra' })
        .expect(409);
      expect(dup.body.field).toBe('name');
      expect(JSON.stringify(dup.body)).not.toMatch(/wahyu/i);

      await t.http().delete(`/api/protected-names/${id}`).set(staff).expect(204);
      const audit = await auditOf('protected_name', id);
      expect(audit.map((row) => row.action)).toEqual(['create', 'update', 'delete']);
      expect(JSON.stringify(audit)).not.toMatch(/wahyu|persetujuan foto/i);
    });

    it('refuse names without letters or too short, naming the field', async () => {
      for (const name of ['12', 'A', '  ', '--']) {
        const res = await t.http().post('/api/protected-names').set(staff).send({ name });
        expect({ name, status: res.status, field: res.body.field }).toEqual({
          name,
          status: 400,
          field: 'name',
        });
      }
    });
  });

  describe('institution word list', () => {
    it('is changed by administrators only, audited, and isolated', async () => {
      await t.http().post('/api/dignity-words').set(staff).send({ word: 'sipir' }).expect(403);
      const created = await t
        .http()
        .post('/api/dignity-words')
        .set(admin)
        .send({ word: ' Jeruji Besi ' })
        .expect(201);
      expect(created.body).toMatchObject({ word: 'Jeruji Besi', institutionId });
      const id: string = created.body.id;
      await t.http().get(`/api/dignity-words/${id}`).set(staff).expect(200);
      await t.http().get(`/api/dignity-words/${id}`).set(otherStaff).expect(404);
      const dup = await t
        .http()
        .post('/api/dignity-words')
        .set(admin)
        .send({ word: 'jeruji besi' })
        .expect(409);
      expect(dup.body.field).toBe('word');
      const bad = await t.http().post('/api/dignity-words').set(admin).send({ word: '!!' });
      expect({ status: bad.status, field: bad.body.field }).toEqual({ status: 400, field: 'word' });

      await t
        .http()
        .patch(`/api/dignity-words/${id}`)
        .set(admin)
        .send({ word: 'jeruji' })
        .expect(200);
      await t.http().delete(`/api/dignity-words/${id}`).set(admin).expect(204);
      const audit = await auditOf('dignity_word', id);
      expect(audit.map((row) => row.action)).toEqual(['create', 'update', 'delete']);
      expect(audit[1]).toMatchObject({
        before: { word: 'Jeruji Besi' },
        after: { word: 'jeruji' },
      });
    });
  });

  describe('POST /api/dignity/check', () => {
    it('flags a name from the consent register, even after the consent is withdrawn', async () => {
      const consent = await t
        .http()
        .post('/api/consents')
        .set(staff)
        .send({
          subjectName: 'Siti Aminah',
          subjectIsMinor: false,
          purpose: 'Foto promosi produk batik di media sosial',
          channels: ['instagram'],
          validFrom: '2025-01-01',
        })
        .expect(201);
      const text = 'Batik tulis karya Bu Siti Aminah, Rp 350.000';
      const before = await check(staff, text);
      expect(before.ok).toBe(false);
      expect(before.findings).toEqual([
        expect.objectContaining({ category: 'protected_name', match: 'Bu Siti Aminah' }),
      ]);
      const [finding] = before.findings;
      expect(text.slice(finding.start, finding.end)).toBe(finding.match);
      expect(finding.reason.id).toBeTruthy();
      expect(finding.reason.en).toBeTruthy();

      await t
        .http()
        .post(`/api/consents/${consent.body.id}/withdraw`)
        .set(staff)
        .send({ reason: 'Subjek menarik persetujuan' })
        .expect(200);
      const after = await check(staff, text);
      expect(after.findings.map((f) => f.category)).toEqual(['protected_name']);
    });

    it('flags a protected name as soon as it is added, and a custom word', async () => {
      const text = 'Dompet kulit buatan Joko Susilo, dikerjakan di balik jeruji besi.';
      expect((await check(staff, text)).findings).toEqual([]);

      await t
        .http()
        .post('/api/protected-names')
        .set(staff)
        .send({ name: 'Joko Susilo' })
        .expect(201);
      await t
        .http()
        .post('/api/dignity-words')
        .set(admin)
        .send({ word: 'jeruji besi' })
        .expect(201);

      const result = await check(manager, text);
      expect(result.ok).toBe(false);
      expect(result.findings.map((f) => [f.category, f.match])).toEqual([
        ['protected_name', 'Joko Susilo'],
        ['custom_word', 'jeruji besi'],
      ]);
    });

    it('does not flag the institution hotline, but does flag another phone number', async () => {
      const hotline = await check(staff, `Pesan lewat WhatsApp resmi ${HOTLINE} ya!`);
      expect(hotline).toEqual({ ok: true, findings: [] });
      const personal = await check(staff, 'Pesan lewat WhatsApp 0813-9876-5432 ya!');
      expect(personal.findings.map((f) => [f.category, f.match])).toEqual([
        ['phone', '0813-9876-5432'],
      ]);
    });

    it('answers only with spans of the text: never the protected lists', async () => {
      await t
        .http()
        .post('/api/protected-names')
        .set(staff)
        .send({ name: 'Bambang Pamungkas' })
        .expect(201);
      const res = await t
        .http()
        .post('/api/dignity/check')
        .set(staff)
        .send({ text: 'Kemeja batik karya Bu Siti, Rp 150.000' })
        .expect(200);
      const body = JSON.stringify(res.body);
      expect(body).not.toMatch(/bambang|joko|aminah|jeruji/i);
      expect(res.body.findings.map((f: Finding) => f.match)).toEqual(['Bu Siti']);
    });

    it("uses only the caller's institution", async () => {
      const result = await check(otherStaff, 'Dompet kulit buatan Joko Susilo, Bu Siti Aminah');
      expect(result).toEqual({ ok: true, findings: [] });
    });

    it('lets national roles check for a chosen institution only', async () => {
      const national = (await makeSignedInUser(t.dataSource, { role: Role.NationalManager })).auth;
      const none = await t
        .http()
        .post('/api/dignity/check')
        .set(national)
        .send({ text: 'Joko Susilo' })
        .expect(400);
      expect(none.body.field).toBe('X-Institution-Id');
      const chosen = await t
        .http()
        .post('/api/dignity/check')
        .set(national)
        .set('X-Institution-Id', institutionId)
        .send({ text: 'Joko Susilo' })
        .expect(200);
      expect(chosen.body.findings).toHaveLength(1);
    });

    it('refuses a missing or oversized text, naming the field', async () => {
      const missing = await t.http().post('/api/dignity/check').set(staff).send({}).expect(400);
      expect(missing.body.field).toBe('text');
      const huge = await t
        .http()
        .post('/api/dignity/check')
        .set(staff)
        .send({ text: 'a'.repeat(100_001) })
        .expect(400);
      expect(huge.body.field).toBe('text');
      const largest = await check(staff, `${'Kaos sablon. '.repeat(7_692)}`.slice(0, 100_000));
      expect(largest.ok).toBe(true);
    });

    it('gives services one context for many texts', async () => {
      const check = await t.app.get(DignityService).checker(institutionId);
      expect(check('Joko Susilo').map((f) => f.category)).toEqual(['protected_name']);
      expect(check('Kaos polos Rp 50.000')).toEqual([]);
    });
  });
});
