import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FrozenClock } from '../../src/common/clock';
import { createTestApp, TestApp } from '../support/app';
import { holdLock, lockWaiters } from '../support/lock-waits';
import {
  Auth,
  auditActions,
  buildPostWorld,
  builtInTemplateId,
  headers,
  LATER,
  NOW,
  PostWorld,
  uploadPhoto,
} from './posts-fixtures';

describe('posts: pulled back when the product is archived or a consent withdrawn', () => {
  let t: TestApp;
  let w: PostWorld;
  let templateId: string;
  let carouselId: string;

  beforeAll(async () => {
    t = await createTestApp({ clock: new FrozenClock(NOW) });
    w = await buildPostWorld(t);
    templateId = await builtInTemplateId(t, 'new-product');
    carouselId = await builtInTemplateId(t, 'carousel');
  });
  afterAll(async () => t?.close());

  const staff = (): Auth => headers(w.staff);

  /**
   * A post with `photos` (a single-photo template for one, the carousel for more), submitted,
   * approved by an approver and scheduled.
   */
  const scheduledPost = async (...photos: string[]): Promise<string> => {
    const res = await t
      .http()
      .post('/api/posts')
      .set(staff())
      .send({
        productId: w.productId,
        mediaAssetIds: photos,
        imageTemplateId: photos.length > 1 ? carouselId : templateId,
        captions: { instagram: 'Kemeja batik baru', facebook: 'Kemeja batik baru' },
        socialAccountIds: [w.accounts.instagram, w.accounts.facebook],
      })
      .expect(201);
    const id = res.body.id as string;
    await t.http().post(`/api/posts/${id}/submit`).set(staff()).expect(200);
    await t.http().post(`/api/posts/${id}/approve`).set(headers(w.approver)).send({}).expect(200);
    await t
      .http()
      .post(`/api/posts/${id}/schedule`)
      .set(staff())
      .send({ plannedAt: LATER })
      .expect(200);
    return id;
  };

  const targetsDue = async (postId: string): Promise<number> => {
    const rows: { n: number }[] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM post_targets WHERE post_id = $1 AND next_attempt_at IS NOT NULL`,
      [postId],
    );
    return rows[0].n;
  };

  /** The id of a new consent for `subjectName`, valid this year on Instagram and Facebook. */
  const consentOf = async (subjectName: string): Promise<string> => {
    const res = await t
      .http()
      .post('/api/consents')
      .set(staff())
      .send({
        subjectName,
        subjectIsMinor: false,
        purpose: 'Foto promosi kemeja batik di media sosial',
        channels: ['instagram', 'facebook'],
        validFrom: '2026-03-01',
        validUntil: '2026-12-31',
      })
      .expect(201);
    return res.body.id as string;
  };

  const withdraw = (consentId: string) =>
    t
      .http()
      .post(`/api/consents/${consentId}/withdraw`)
      .set(staff())
      .send({ reason: 'Subjek menarik persetujuan' });

  it('moves the consent photo posts back to draft and lists them on the takedown task', async () => {
    const consentId = await consentOf('Rudi Hartono Uji');
    const photo = await uploadPhoto(t, staff(), { consentRecordId: consentId });
    const first = await scheduledPost(photo);
    const second = await scheduledPost(photo);
    const unrelated = await scheduledPost(await uploadPhoto(t, staff()));
    expect(await targetsDue(first)).toBe(2);

    const withdrawal = await withdraw(consentId).expect(200);
    const taskId = withdrawal.body.takedownTask.id as string;

    for (const id of [first, second]) {
      const post = await t.http().get(`/api/posts/${id}`).set(staff()).expect(200);
      expect(post.body.status).toBe('draft');
      expect(post.body.statusReason).toMatch(/Persetujuan untuk foto .* ditarik/);
      expect(post.body.statusReason).toMatch(/consent for a photo in this post was withdrawn/);
      expect(post.body.comments.at(-1)).toMatchObject({ kind: 'pulled_back' });
      expect(post.body.approvedBy).toBeNull();
      expect(await targetsDue(id)).toBe(0);
      expect((await auditActions(t, id)).at(-1)).toBe('update:pull_back');
    }
    const untouched = await t.http().get(`/api/posts/${unrelated}`).set(staff()).expect(200);
    expect(untouched.body.status).toBe('scheduled');

    const items: { media_asset_id: string; post_id: string | null }[] = await t.dataSource.query(
      `SELECT media_asset_id, post_id FROM takedown_task_items WHERE task_id = $1 ORDER BY post_id`,
      [taskId],
    );
    expect(items).toEqual(
      [first, second].sort().map((postId) => ({ media_asset_id: photo, post_id: postId })),
    );

    // Submitting again is refused while the photo stays in the post.
    const refused = await t.http().post(`/api/posts/${first}/submit`).set(staff()).expect(422);
    expect(refused.body.details.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'clearance',
          rule: 'consent_withdrawn',
          field: 'mediaAssetIds[0]',
        }),
      ]),
    );
  });

  // PostgreSQL only: the interleavings need transactions on connections of their own.
  const onPostgres = process.env.TEST_DATABASE_URL ? it : it.skip;

  onPostgres('withdraws two consents of photos in one post at the same moment', async () => {
    const [first, second] = await Promise.all([consentOf('Sari Uji'), consentOf('Joko Uji')]);
    const post = await scheduledPost(
      await uploadPhoto(t, staff(), { consentRecordId: first }),
      await uploadPhoto(t, staff(), { consentRecordId: second }),
    );

    // A lock that admits rows referencing the post but no update lock on it: both withdrawals
    // come to the post's update lock holding whatever they took before it.
    const held = await holdLock(`SELECT 1 FROM posts WHERE id = $1 FOR NO KEY UPDATE`, [post]);
    const withdrawals = [withdraw(first), withdraw(second)].map((req) => req.then((res) => res));
    await lockWaiters(t.dataSource, held, 2);
    await held.release();
    expect((await Promise.all(withdrawals)).map((res) => res.status)).toEqual([200, 200]);

    const items: { n: number }[] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM takedown_task_items WHERE post_id = $1`,
      [post],
    );
    expect(items[0].n).toBe(2);
    const pulled = await t.http().get(`/api/posts/${post}`).set(staff()).expect(200);
    expect(pulled.body.status).toBe('draft');
  });

  onPostgres('withdraws a consent while a post with its photo is being edited', async () => {
    const consentId = await consentOf('Wati Uji');
    const post = await scheduledPost(await uploadPhoto(t, staff(), { consentRecordId: consentId }));
    const { version } = (await t.http().get(`/api/posts/${post}`).set(staff()).expect(200)).body;

    // The edit stops at rewriting the post's photos, holding the post; the withdrawal then
    // locks the photo and comes to the post to pull it back.
    const photos = await holdLock(`SELECT 1 FROM post_media WHERE post_id = $1 FOR UPDATE`, [post]);
    const edited = t
      .http()
      .patch(`/api/posts/${post}`)
      .set(staff())
      .send({ version, captions: { instagram: 'Kemeja batik baru, motif parang' } })
      .then((res) => res);
    await lockWaiters(t.dataSource, photos, 1);
    const withdrawn = withdraw(consentId).then((res) => res);
    await lockWaiters(t.dataSource, photos, 2);
    await photos.release();

    expect([(await edited).status, (await withdrawn).status]).toEqual([200, 200]);
    const pulled = await t.http().get(`/api/posts/${post}`).set(staff()).expect(200);
    expect(pulled.body.status).toBe('draft');
  });

  it("moves an archived product's unpublished posts back to draft with the reason", async () => {
    const id = await scheduledPost(await uploadPhoto(t, staff()));
    const cancelled = await scheduledPost(await uploadPhoto(t, staff()));
    await t.http().post(`/api/posts/${cancelled}/cancel`).set(staff()).send({}).expect(200);

    await t.http().post(`/api/products/${w.productId}/archive`).set(staff()).expect(200);

    const post = await t.http().get(`/api/posts/${id}`).set(staff()).expect(200);
    expect(post.body).toMatchObject({ status: 'draft' });
    expect(post.body.statusReason).toBe(
      `Produk "${w.productName}" diarsipkan / Product "${w.productName}" was archived`,
    );
    expect(post.body.comments.at(-1)).toMatchObject({
      kind: 'pulled_back',
      authorId: w.staff.id,
    });
    expect(await targetsDue(id)).toBe(0);
    const still = await t.http().get(`/api/posts/${cancelled}`).set(staff()).expect(200);
    expect(still.body.status).toBe('cancelled');

    const refused = await t.http().post(`/api/posts/${id}/submit`).set(staff()).expect(422);
    expect(refused.body.field).toBe('productId');
    const newPost = await t
      .http()
      .post('/api/posts')
      .set(staff())
      .send({ productId: w.productId, captions: { x: 'Halo' }, socialAccountIds: [w.accounts.x] })
      .expect(422);
    expect(newPost.body.field).toBe('productId');
  });
});
