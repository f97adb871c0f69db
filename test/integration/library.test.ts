import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '../../src/auth/roles';
import { tryRenderCaptionTemplate } from '../../src/content/captions/caption-template';
import { checkDignity } from '../../src/content/dignity';
import { LibraryDefaultsService } from '../../src/content/library/library-defaults.service';
import {
  DEFAULT_CAPTION_TEMPLATES,
  DEFAULT_HASHTAG_GROUPS,
} from '../../src/content/library/library-defaults';
import { createTestApp, TestApp } from '../support/app';
import { makeInstitution, makeSignedInUser } from '../support/factories';

interface AuditRow {
  action: string;
  actor_email: string | null;
  institution_id: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

describe('caption templates and hashtag groups API', () => {
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
  afterAll(async () => t.close());

  const auditOf = (type: string, id: string): Promise<AuditRow[]> =>
    t.dataSource.query(
      `SELECT action, actor_email, institution_id, before, after FROM audit_log
        WHERE entity_type = $1 AND entity_id = $2 ORDER BY id`,
      [type, id],
    );

  describe('caption templates', () => {
    it('creates, reads, lists, updates and deletes a template, auditing each change', async () => {
      const created = await t
        .http()
        .post('/api/caption-templates')
        .set(staff)
        .send({
          name: '  Promo Lebaran ',
          body: 'Promo Lebaran: {{product.name}} hanya {{ product.price }}!\n{{hashtags}}',
          network: 'instagram',
        })
        .expect(201);
      expect(created.body).toMatchObject({
        name: 'Promo Lebaran',
        network: 'instagram',
        institutionId,
        variables: ['product.name', 'product.price', 'hashtags'],
      });
      const id: string = created.body.id;

      await t.http().get(`/api/caption-templates/${id}`).set(manager).expect(200);
      const list = await t
        .http()
        .get('/api/caption-templates?q=lebaran&network=instagram')
        .set(staff)
        .expect(200);
      expect(list.body.items.map((i: { id: string }) => i.id)).toEqual([id]);
      const forX = await t
        .http()
        .get('/api/caption-templates?q=lebaran&network=x')
        .set(staff)
        .expect(200);
      expect(forX.body.total).toBe(0);

      const updated = await t
        .http()
        .patch(`/api/caption-templates/${id}`)
        .set(staff)
        .send({ network: null, body: '{{product.name}} — {{institution.name}}' })
        .expect(200);
      expect(updated.body).toMatchObject({
        network: null,
        variables: ['product.name', 'institution.name'],
      });

      await t.http().delete(`/api/caption-templates/${id}`).set(staff).expect(204);
      await t.http().get(`/api/caption-templates/${id}`).set(staff).expect(404);

      const audit = await auditOf('caption_template', id);
      expect(audit.map((row) => row.action)).toEqual(['create', 'update', 'delete']);
      expect(audit[0]).toMatchObject({ before: null, institution_id: institutionId });
      expect(audit[1].before).toMatchObject({ network: 'instagram' });
      expect(audit[1].after).toMatchObject({ network: null });
      expect(audit[2]).toMatchObject({ after: null, before: { name: 'Promo Lebaran' } });
    });

    it('refuses an unknown variable on field body, naming it and its position', async () => {
      const res = await t
        .http()
        .post('/api/caption-templates')
        .set(staff)
        .send({ name: 'Salah ketik', body: 'Baru!\nBeli {{produk.nama}} sekarang' })
        .expect(400);
      expect(res.body.field).toBe('body');
      expect(res.body.message).toContain('{{produk.nama}}');
      expect(res.body.message).toContain('baris 2, kolom 6');
      expect(res.body.details.errors[0]).toMatchObject({
        code: 'unknown_variable',
        variable: 'produk.nama',
        line: 2,
        column: 6,
      });

      const english = await t
        .http()
        .post('/api/caption-templates')
        .set(staff)
        .set('Accept-Language', 'en')
        .send({ name: 'Unclosed', body: 'Buy {{product.name now' })
        .expect(400);
      expect(english.body).toMatchObject({ field: 'body' });
      expect(english.body.message).toContain('line 1, column 5');
    });

    it('refuses a bad body on update too, leaving the template as it was', async () => {
      const created = await t
        .http()
        .post('/api/caption-templates')
        .set(staff)
        .send({ name: 'Tetap', body: '{{product.name}}' })
        .expect(201);
      const res = await t
        .http()
        .patch(`/api/caption-templates/${created.body.id}`)
        .set(staff)
        .send({ body: '{{constructor}}' })
        .expect(400);
      expect(res.body.field).toBe('body');
      const after = await t
        .http()
        .get(`/api/caption-templates/${created.body.id}`)
        .set(staff)
        .expect(200);
      expect(after.body.body).toBe('{{product.name}}');
      expect(await auditOf('caption_template', created.body.id)).toHaveLength(1);
    });

    it('validates the other fields, naming them', async () => {
      const cases: [Record<string, unknown>, string][] = [
        [{ body: '{{product.name}}' }, 'name'],
        [{ name: 'x', body: '' }, 'body'],
        [{ name: 'x', body: 'a'.repeat(10_001) }, 'body'],
        [{ name: 'x', body: 'ok', network: 'tiktok' }, 'network'],
        [{ name: 'a'.repeat(101), body: 'ok' }, 'name'],
      ];
      for (const [body, field] of cases) {
        const res = await t.http().post('/api/caption-templates').set(staff).send(body);
        expect({ status: res.status, field: res.body.field }).toEqual({ status: 400, field });
      }
    });

    it('keeps names unique per institution ignoring case (409 on name)', async () => {
      await t
        .http()
        .post('/api/caption-templates')
        .set(staff)
        .send({ name: 'Katalog Mingguan', body: 'Katalog minggu ini' })
        .expect(201);
      const dup = await t
        .http()
        .post('/api/caption-templates')
        .set(staff)
        .send({ name: 'KATALOG mingguan', body: 'Lagi' })
        .expect(409);
      expect(dup.body.field).toBe('name');
      // Another institution may use the same name.
      await t
        .http()
        .post('/api/caption-templates')
        .set(otherStaff)
        .send({ name: 'Katalog Mingguan', body: 'Katalog minggu ini' })
        .expect(201);
    });

    it("hides another institution's templates (404, never 403) and refuses readers' writes", async () => {
      const created = await t
        .http()
        .post('/api/caption-templates')
        .set(staff)
        .send({ name: 'Rahasia', body: '{{product.name}}' })
        .expect(201);
      const id: string = created.body.id;
      await t.http().get(`/api/caption-templates/${id}`).set(otherStaff).expect(404);
      await t
        .http()
        .patch(`/api/caption-templates/${id}`)
        .set(otherStaff)
        .send({ name: 'X' })
        .expect(404);
      await t.http().delete(`/api/caption-templates/${id}`).set(otherStaff).expect(404);
      const list = await t
        .http()
        .get('/api/caption-templates?q=Rahasia')
        .set(otherStaff)
        .expect(200);
      expect(list.body.total).toBe(0);
      await t
        .http()
        .post('/api/caption-templates')
        .set(manager)
        .send({ name: 'Manajer', body: 'x' })
        .expect(403);
    });
  });

  describe('hashtag groups', () => {
    it('normalises tags, and audits create, update and delete', async () => {
      const created = await t
        .http()
        .post('/api/hashtag-groups')
        .set(staff)
        .send({
          name: 'Batik',
          tags: ['#BatikLintas5', ' batiklintas5', '＃KaryaWargaBinaan', 'Batik_Tulis'],
        })
        .expect(201);
      expect(created.body).toMatchObject({
        name: 'Batik',
        tags: ['BatikLintas5', 'KaryaWargaBinaan', 'Batik_Tulis'],
        institutionId,
      });
      const id: string = created.body.id;

      const updated = await t
        .http()
        .patch(`/api/hashtag-groups/${id}`)
        .set(staff)
        .send({ tags: ['BatikIndonesia'] })
        .expect(200);
      expect(updated.body.tags).toEqual(['BatikIndonesia']);
      await t.http().get(`/api/hashtag-groups/${id}`).set(manager).expect(200);
      await t.http().delete(`/api/hashtag-groups/${id}`).set(staff).expect(204);

      const audit = await auditOf('hashtag_group', id);
      expect(audit.map((row) => row.action)).toEqual(['create', 'update', 'delete']);
      expect(audit[1].before).toMatchObject({
        tags: ['BatikLintas5', 'KaryaWargaBinaan', 'Batik_Tulis'],
      });
      expect(audit[1].after).toMatchObject({ tags: ['BatikIndonesia'] });
    });

    it('refuses bad tags on field tags, naming the tag and its place', async () => {
      const bad = await t
        .http()
        .post('/api/hashtag-groups')
        .set(staff)
        .send({ name: 'Salah', tags: ['Batik', 'kerajinan-tangan'] })
        .expect(400);
      expect(bad.body.field).toBe('tags');
      expect(bad.body.message).toContain('#kerajinan-tangan');
      expect(bad.body.message).toContain('tagar ke-2');
      expect(bad.body.details.errors[0]).toMatchObject({ index: 1 });

      const empty = await t
        .http()
        .post('/api/hashtag-groups')
        .set(staff)
        .send({ name: 'Kosong', tags: [] })
        .expect(400);
      expect(empty.body.field).toBe('tags');

      const tooMany = Array.from({ length: 31 }, (_, i) => `Tag${i}x`);
      const over = await t
        .http()
        .post('/api/hashtag-groups')
        .set(staff)
        .send({ name: 'Banyak', tags: tooMany })
        .expect(400);
      expect(over.body).toMatchObject({ field: 'tags' });

      const notStrings = await t
        .http()
        .post('/api/hashtag-groups')
        .set(staff)
        .send({ name: 'Angka', tags: [12] })
        .expect(400);
      expect(notStrings.body.field).toMatch(/^tags/);
      const listed = await t.http().get('/api/hashtag-groups?q=Salah').set(staff).expect(200);
      expect(listed.body.total).toBe(0);
    });

    it('keeps names unique per institution and hides other institutions', async () => {
      const created = await t
        .http()
        .post('/api/hashtag-groups')
        .set(staff)
        .send({ name: 'Kopi', tags: ['KopiNusantara'] })
        .expect(201);
      const dup = await t
        .http()
        .post('/api/hashtag-groups')
        .set(staff)
        .send({ name: 'kopi', tags: ['Kopi'] })
        .expect(409);
      expect(dup.body.field).toBe('name');
      await t.http().get(`/api/hashtag-groups/${created.body.id}`).set(otherStaff).expect(404);
      await t
        .http()
        .patch(`/api/hashtag-groups/${created.body.id}`)
        .set(otherStaff)
        .send({ name: 'Milik saya' })
        .expect(404);
    });
  });

  describe('defaults', () => {
    it('ship templates that parse, fill in, pass the dignity check and never say "napi"', () => {
      expect(DEFAULT_CAPTION_TEMPLATES.length).toBeGreaterThanOrEqual(4);
      for (const template of DEFAULT_CAPTION_TEMPLATES) {
        const result = tryRenderCaptionTemplate(template.body, {
          product: {
            name: 'Kaos Sablon',
            priceRupiah: 85_000,
            sku: 'KS-1',
            link: 'https://s.id/k',
          },
          workshop: { name: 'Sablon' },
          institution: { name: 'Lapas Kelas I Cipinang', slug: 'lapas-cipinang' },
          hashtags: DEFAULT_HASHTAG_GROUPS[0].tags,
        });
        if (!result.ok) throw new Error(`${template.name}: ${result.errors[0].message.en}`);
        expect(result.text).toContain('warga binaan');
        expect(result.text.toLowerCase()).not.toContain('napi');
        const context = { protectedNames: [], extraWords: [], allowedPhones: [] };
        expect({ name: template.name, findings: checkDignity(result.text, context) }).toEqual({
          name: template.name,
          findings: [],
        });
      }
      for (const group of DEFAULT_HASHTAG_GROUPS) {
        expect(group.tags.join(' ').toLowerCase()).not.toContain('napi');
      }
    });

    it('seeds an institution once: a second run adds nothing and audits nothing', async () => {
      const fresh = (await makeInstitution(t.dataSource)).id;
      const defaults = t.app.get(LibraryDefaultsService);
      await t.dataSource.transaction((m) => defaults.seedDefaults(fresh, m));
      await t.dataSource.transaction((m) => defaults.seedDefaults(fresh, m));

      const reader = (
        await makeSignedInUser(t.dataSource, { role: Role.Staff, institutionId: fresh })
      ).auth;
      const templates = await t.http().get('/api/caption-templates').set(reader).expect(200);
      expect(templates.body.total).toBe(DEFAULT_CAPTION_TEMPLATES.length);
      const groups = await t.http().get('/api/hashtag-groups').set(reader).expect(200);
      expect(groups.body.items.map((g: { name: string }) => g.name).sort()).toEqual(
        DEFAULT_HASHTAG_GROUPS.map((g) => g.name).sort(),
      );
      const audited: { count: string }[] = await t.dataSource.query(
        `SELECT count(*) AS count FROM audit_log
          WHERE institution_id = $1 AND entity_type IN ('caption_template', 'hashtag_group')`,
        [fresh],
      );
      expect(Number(audited[0].count)).toBe(
        DEFAULT_CAPTION_TEMPLATES.length + DEFAULT_HASHTAG_GROUPS.length,
      );
    });
  });
});
