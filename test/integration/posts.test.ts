import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '../../src/auth/roles';
import { FrozenClock } from '../../src/common/clock';
import { createTestApp, TestApp } from '../support/app';
import { makeInstitution, makeSignedInUser, makeSocialAccount } from '../support/factories';
import {
  auditActions,
  buildPostWorld,
  builtInTemplateId,
  headers,
  LATER,
  makeCaptionTemplate,
  NOW,
  PostWorld,
  uploadPhoto,
} from './posts-fixtures';

const CAPTION =
  '{{product.name}} dari {{workshop.name}}, {{product.price}}. Beli: {{product.link}} {{hashtags}}';

describe('posts: composing, reading and previewing', () => {
  let t: TestApp;
  let w: PostWorld;
  let templateId: string;
  let captionTemplateId: string;
  let hashtagGroupId: string;

  beforeAll(async () => {
    t = await createTestApp({ clock: new FrozenClock(NOW) });
    w = await buildPostWorld(t);
    templateId = await builtInTemplateId(t, 'new-product');
    captionTemplateId = await makeCaptionTemplate(t, headers(w.staff), CAPTION);
    const group = await t
      .http()
      .post('/api/hashtag-groups')
      .set(headers(w.staff))
      .send({ name: 'Karya', tags: ['KaryaWargaBinaan', '#BatikLapas'] })
      .expect(201);
    hashtagGroupId = group.body.id as string;
  });
  afterAll(async () => t?.close());

  const countPosts = async (): Promise<number> => {
    const rows: { n: number }[] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM posts WHERE institution_id = $1`,
      [w.institutionId],
    );
    return rows[0].n;
  };

  it('creates a draft from a template, a product, a cleared photo and sandbox accounts', async () => {
    const photo = await uploadPhoto(t, headers(w.staff));
    const res = await t
      .http()
      .post('/api/posts')
      .set(headers(w.staff))
      .send({
        title: 'Kemeja baru',
        productId: w.productId,
        mediaAssetIds: [photo],
        imageTemplateId: templateId,
        captionTemplateId,
        hashtagGroupId,
        variables: { tagline: 'Dijahit rapi, siap dipakai', cta: 'Pesan sekarang' },
        socialAccountIds: [w.accounts.instagram, w.accounts.x],
        plannedAt: LATER,
      })
      .expect(201);
    const post = res.body;
    expect(post).toMatchObject({
      status: 'draft',
      productId: w.productId,
      productName: w.productName,
      networks: ['instagram', 'x'],
      draftedBy: w.staff.id,
      lastEditedBy: w.staff.id,
      plannedAt: '2026-03-16T03:00:00.000Z',
      version: 1,
      photos: [{ position: 0, mediaAssetId: photo }],
      allowedEvents: ['submit', 'edit', 'cancel'],
    });
    const expected = `${w.productName} dari ${w.workshopName}, Rp 150.000. Beli: https://www.tokopedia.com/lapas/kemeja #KaryaWargaBinaan #BatikLapas`;
    expect(post.variants.map((v: { network: string }) => v.network)).toEqual(['instagram', 'x']);
    for (const variant of post.variants) {
      expect(variant.caption).toBe(expected);
      expect(variant.images).toHaveLength(1);
      expect(variant.images[0]).toMatchObject({ width: 1080, height: 1350 });
      expect(variant.images[0].altText).toContain(w.productName);
    }
    expect(post.targets).toHaveLength(2);
    expect(post.targets.every((target: { status: string }) => target.status === 'pending')).toBe(
      true,
    );
    const image = await t.http().get(new URL(post.variants[0].images[0].url).pathname).expect(200);
    expect(image.headers['content-type']).toBe('image/jpeg');
    expect(await auditActions(t, post.id)).toEqual(['create']);

    const manager = await makeSignedInUser(t.dataSource, {
      role: Role.Manager,
      institutionId: w.institutionId,
    });
    const read = await t.http().get(`/api/posts/${post.id}`).set(manager.auth).expect(200);
    expect(read.body.allowedEvents).toEqual([]);

    const deletion = await t.http().delete(`/api/media/${photo}`).set(headers(w.staff)).expect(409);
    expect(deletion.body.field).toBe('id');
  });

  it('refuses an uncleared photo with 422 naming it, and stores nothing', async () => {
    const cleared = await uploadPhoto(t, headers(w.staff));
    const uncleared = await uploadPhoto(t, headers(w.staff), 'none');
    const before = await countPosts();
    const res = await t
      .http()
      .post('/api/posts')
      .set(headers(w.staff))
      .send({
        productId: w.productId,
        mediaAssetIds: [cleared, uncleared],
        captions: { instagram: 'Kemeja batik baru' },
        socialAccountIds: [w.accounts.instagram],
      })
      .expect(422);
    expect(res.body.field).toBe('mediaAssetIds[1]');
    expect(res.body.details).toMatchObject({ mediaAssetId: uncleared, reason: 'uncleared' });
    expect(res.body.message).toMatch(/berizin/);
    expect(await countPosts()).toBe(before);
  });

  it('answers 4xx, not 500, to a 1 MB caption and stores nothing', async () => {
    const before = await countPosts();
    const res = await t
      .http()
      .post('/api/posts')
      .set(headers(w.staff))
      .send({ captions: { x: 'a'.repeat(1_000_000) }, socialAccountIds: [w.accounts.x] });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.body.field).toBe('captions.x');
    expect(await countPosts()).toBe(before);
  });

  it('accepts an emoji-only caption as valid text', async () => {
    const res = await t
      .http()
      .post('/api/posts')
      .set(headers(w.staff))
      .send({ captions: { x: '🎉🧵👕' }, socialAccountIds: [w.accounts.x] })
      .expect(201);
    expect(res.body.productId).toBeNull();
    const preview = await t
      .http()
      .get(`/api/posts/${res.body.id}/preview`)
      .set(headers(w.staff))
      .expect(200);
    expect(preview.body.variants[0]).toMatchObject({
      network: 'x',
      caption: '🎉🧵👕',
      counters: { characters: 3, weightedLength: 6 },
      problems: [],
      canSubmit: true,
    });
  });

  it('names the field for bad input: past time, foreign or unknown ids, bad template', async () => {
    const other = await makeInstitution(t.dataSource);
    const foreignAccount = await makeSocialAccount(t.dataSource, other.id, { network: 'x' });
    const base = { captions: { x: 'Halo' }, socialAccountIds: [w.accounts.x] };
    const cases: [Record<string, unknown>, number, string][] = [
      [{ plannedAt: '2026-03-01T10:00:00+07:00' }, 400, 'plannedAt'],
      [{ plannedAt: '2026-03-20 10:00' }, 400, 'plannedAt'],
      [{ socialAccountIds: [] }, 400, 'socialAccountIds'],
      [{ socialAccountIds: [foreignAccount.id] }, 404, 'socialAccountIds'],
      [{ productId: '00000000-0000-4000-8000-000000000000' }, 404, 'productId'],
      [{ mediaAssetIds: ['00000000-0000-4000-8000-000000000000'] }, 404, 'mediaAssetIds[0]'],
      [{ captionTemplateId: 'nope' }, 400, 'captionTemplateId'],
      [{ variables: { tagline: 'x'.repeat(121) } }, 400, 'variables.tagline'],
    ];
    for (const [overrides, status, field] of cases) {
      const res = await t
        .http()
        .post('/api/posts')
        .set(headers(w.staff))
        .send({ ...base, ...overrides });
      expect({ field: res.body.field, status: res.status }).toEqual({ field, status });
    }
    // {{product.link}} without a product cannot be filled: the template's problem is named.
    const res = await t
      .http()
      .post('/api/posts')
      .set(headers(w.staff))
      .send({ captionTemplateId, socialAccountIds: [w.accounts.x] })
      .expect(400);
    expect(res.body.field).toBe('captionTemplateId');
    expect(res.body.message).toMatch(/product/);
  });

  it("answers 404 for another institution's post", async () => {
    const created = await t
      .http()
      .post('/api/posts')
      .set(headers(w.staff))
      .send({ captions: { x: 'Pengumuman pameran' }, socialAccountIds: [w.accounts.x] })
      .expect(201);
    const other = await makeInstitution(t.dataSource);
    const outsider = (
      await makeSignedInUser(t.dataSource, { role: Role.Approver, institutionId: other.id })
    ).auth;
    const id = created.body.id as string;
    await t.http().get(`/api/posts/${id}`).set(outsider).expect(404);
    await t.http().get(`/api/posts/${id}/preview`).set(outsider).expect(404);
    await t.http().patch(`/api/posts/${id}`).set(outsider).send({ version: 1 }).expect(404);
    await t.http().post(`/api/posts/${id}/submit`).set(outsider).expect(404);
    await t.http().post(`/api/posts/${id}/approve`).set(outsider).send({}).expect(404);
    await t
      .http()
      .post(`/api/posts/${id}/comments`)
      .set(outsider)
      .send({ body: 'Hai' })
      .expect(404);
    const list = await t.http().get('/api/posts').set(outsider).expect(200);
    expect(list.body.items.map((p: { id: string }) => p.id)).not.toContain(id);
  });

  it('previews unsaved content with counters, limits and findings with spans', async () => {
    const photo = await uploadPhoto(t, headers(w.staff), 'none');
    const before = await countPosts();
    const caption = 'Kemeja karya warga binaan yang divonis 5 tahun. Pesan sekarang!';
    const res = await t
      .http()
      .post('/api/posts/preview')
      .set(headers(w.staff))
      .send({
        productId: w.productId,
        mediaAssetIds: [photo],
        imageTemplateId: templateId,
        variables: { tagline: 'Dijahit di Blok A kamar 12' },
        captions: { instagram: caption, x: `${caption} ${'🧵'.repeat(140)}` },
        socialAccountIds: [w.accounts.instagram, w.accounts.x],
      })
      .expect(200);
    expect(await countPosts()).toBe(before);
    const [instagram, x] = res.body.variants;
    expect(instagram).toMatchObject({
      network: 'instagram',
      caption,
      counters: { characters: caption.length, hashtags: 0, mentions: 0 },
      limits: { maxCharacters: 2200, maxHashtags: 30, maxMentions: 20 },
      findings: [
        {
          source: 'caption:instagram',
          category: 'case_wording',
          start: 31,
          end: 46,
          match: 'divonis 5 tahun',
          resolved: false,
        },
      ],
      photos: [{ mediaAssetId: photo, usable: false, reason: 'uncleared' }],
      canSubmit: false,
    });
    expect(instagram.images).toHaveLength(1);
    expect(x.counters.weightedLength).toBe(caption.length + 1 + 280);
    expect(x.problems.map((p: { rule: string }) => p.rule)).toEqual(
      expect.arrayContaining(['max_weighted_length', 'case_wording', 'uncleared']),
    );
    expect(res.body.imageTextFindings).toEqual([
      expect.objectContaining({
        source: 'image:tagline',
        field: 'variables.tagline',
        category: 'location',
        match: 'Blok A kamar 12',
      }),
    ]);
    expect(res.body.canSubmit).toBe(false);
  });

  it('lists posts with filters and pagination', async () => {
    const make = (body: Record<string, unknown>) =>
      t.http().post('/api/posts').set(headers(w.staff)).send(body).expect(201);
    const planned = await make({
      captions: { facebook: 'Pameran produk' },
      socialAccountIds: [w.accounts.facebook],
      plannedAt: '2026-04-02T09:00:00+07:00',
    });
    const list = await t
      .http()
      .get('/api/posts')
      .query({ network: 'facebook', from: '2026-04-01T00:00:00+07:00', to: '2026-04-03T00:00:00Z' })
      .set(headers(w.staff))
      .expect(200);
    expect(list.body).toMatchObject({ total: 1, page: 1, pageSize: 20 });
    expect(list.body.items[0]).toMatchObject({ id: planned.body.id, networks: ['facebook'] });
    const drafts = await t
      .http()
      .get('/api/posts')
      .query({ status: 'draft', productId: w.productId, pageSize: 1 })
      .set(headers(w.staff))
      .expect(200);
    expect(drafts.body.items).toHaveLength(1);
    expect(drafts.body.items[0].productId).toBe(w.productId);
    await t.http().get('/api/posts').query({ status: 'nope' }).set(headers(w.staff)).expect(400);
  });
});
