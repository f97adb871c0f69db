import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '../../src/auth/roles';
import { FrozenClock } from '../../src/common/clock';
import { createTestApp, TestApp } from '../support/app';
import { makeSignedInUser } from '../support/factories';
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

type Body = Record<string, unknown>;

describe('posts: submit checks, four-eyes review, overrides and the life cycle', () => {
  let t: TestApp;
  let w: PostWorld;
  let templateId: string;

  beforeAll(async () => {
    t = await createTestApp({ clock: new FrozenClock(NOW) });
    w = await buildPostWorld(t);
    templateId = await builtInTemplateId(t, 'new-product');
  });
  afterAll(async () => t?.close());

  const post = (auth: Auth, path: string, body: Body = {}) =>
    t.http().post(path).set(auth).send(body);

  /** A valid product post on Instagram and X, drafted by `by` (staff unless told). */
  const draft = async (overrides: Body = {}, by: Auth = headers(w.staff)) => {
    const photo = await uploadPhoto(t, by);
    const res = await post(by, '/api/posts', {
      productId: w.productId,
      mediaAssetIds: [photo],
      imageTemplateId: templateId,
      variables: { tagline: 'Dijahit rapi, siap dipakai' },
      captions: { instagram: 'Kemeja batik baru #KaryaWargaBinaan', x: 'Kemeja batik baru' },
      socialAccountIds: [w.accounts.instagram, w.accounts.x],
      ...overrides,
    }).expect(201);
    return res.body as { id: string; version: number };
  };

  const approved = async () => {
    const { id } = await draft();
    await post(headers(w.staff), `/api/posts/${id}/submit`).expect(200);
    return (await post(headers(w.approver), `/api/posts/${id}/approve`).expect(200)).body;
  };

  it('refuses to submit a caption over the X limit, naming the variant and how far over', async () => {
    const { id } = await draft({ captions: { instagram: 'Kemeja batik', x: 'a'.repeat(300) } });
    const res = await post(headers(w.staff), `/api/posts/${id}/submit`).expect(422);
    expect(res.body.field).toBe('captions.x');
    expect(res.body.details.problems).toEqual([
      expect.objectContaining({
        kind: 'caption',
        source: 'caption:x',
        network: 'x',
        rule: 'max_weighted_length',
        over: 20,
      }),
    ]);
    expect(res.body.message).toMatch(/lebih 20/);
    const get = await t.http().get(`/api/posts/${id}`).set(headers(w.staff)).expect(200);
    expect(get.body.status).toBe('draft');
  });

  it('blocks submitting a dignity finding until an approver overrides it with a reason', async () => {
    const { id } = await draft({
      captions: { instagram: 'Kemeja batik dari Blok A kamar 12', x: 'Kemeja batik' },
    });
    const refused = await post(headers(w.staff), `/api/posts/${id}/submit`).expect(422);
    expect(refused.body.details.problems).toEqual([
      expect.objectContaining({
        kind: 'dignity',
        source: 'caption:instagram',
        rule: 'location',
        span: { start: 18, end: 33, match: 'Blok A kamar 12' },
        reason: expect.objectContaining({ id: expect.any(String), en: expect.any(String) }),
      }),
    ]);
    const override = {
      source: 'caption:instagram',
      category: 'location',
      match: 'blok a KAMAR 12',
      reason: 'Nama ruang pamer galeri, bukan sel',
    };
    await post(headers(w.staff), `/api/posts/${id}/overrides`, override).expect(403);
    const short = await post(headers(w.approver), `/api/posts/${id}/overrides`, {
      ...override,
      reason: 'galeri',
    }).expect(400);
    expect(short.body.field).toBe('reason');
    const unknown = await post(headers(w.approver), `/api/posts/${id}/overrides`, {
      ...override,
      category: 'phone',
    }).expect(400);
    expect(unknown.body.field).toBe('match');

    const granted = await post(headers(w.approver), `/api/posts/${id}/overrides`, override).expect(
      200,
    );
    expect(granted.body.overrides).toEqual([
      expect.objectContaining({ match: 'Blok A kamar 12', overriddenBy: w.approver.id }),
    ]);
    expect(granted.body.comments.map((c: { kind: string }) => c.kind)).toEqual(['override']);
    await post(headers(w.approver), `/api/posts/${id}/overrides`, override).expect(409);

    const submitted = await post(headers(w.staff), `/api/posts/${id}/submit`).expect(200);
    expect(submitted.body.status).toBe('in_review');
    expect(await auditActions(t, id)).toEqual(['create', 'override', 'update:submit']);
  });

  it('does not let a drafter override findings in their own post', async () => {
    const { id } = await draft(
      { captions: { instagram: 'Pesan lewat 0812-3456-7890', x: 'Kemeja batik' } },
      headers(w.approver),
    );
    const res = await post(headers(w.approver), `/api/posts/${id}/overrides`, {
      source: 'caption:instagram',
      category: 'phone',
      match: '0812-3456-7890',
      reason: 'Nomor toko resmi koperasi lapas',
    }).expect(403);
    expect(res.body.message).toMatch(/petugas lain/);
  });

  it('lets another approver, never the drafter, approve', async () => {
    const { id } = await draft({}, headers(w.approver));
    await post(headers(w.approver), `/api/posts/${id}/submit`).expect(200);
    const own = await post(headers(w.approver), `/api/posts/${id}/approve`).expect(403);
    expect(own.body.message).toBe(
      'Anda menyusun postingan ini; persetujuan harus diberikan petugas lain',
    );
    const english = await t
      .http()
      .post(`/api/posts/${id}/approve`)
      .set({ ...headers(w.approver), 'Accept-Language': 'en' })
      .send({})
      .expect(403);
    expect(english.body.message).toBe('You drafted this post; another officer must approve it');
    await post(headers(w.staff), `/api/posts/${id}/approve`).expect(403);

    const ok = await post(headers(w.otherApprover), `/api/posts/${id}/approve`, {
      comment: 'Siap terbit',
    }).expect(200);
    expect(ok.body).toMatchObject({ status: 'approved', approvedBy: w.otherApprover.id });
    expect(ok.body.comments).toEqual([
      expect.objectContaining({ kind: 'approved', body: 'Siap terbit' }),
    ]);
    expect(await auditActions(t, id)).toEqual(['create', 'update:submit', 'approve:approve']);
  });

  it('sends an approved post back to review when edited, and refuses a stale version', async () => {
    const before = await approved();
    const edited = await t
      .http()
      .patch(`/api/posts/${before.id}`)
      .set(headers(w.staff))
      .send({ version: before.version, captions: { x: 'Kemeja batik, stok terbatas' } })
      .expect(200);
    expect(edited.body).toMatchObject({
      status: 'in_review',
      lastEditedBy: w.staff.id,
      approvedBy: null,
      version: before.version + 1,
    });
    expect(edited.body.statusReason).toMatch(/review again/);
    const x = edited.body.variants.find((v: { network: string }) => v.network === 'x');
    expect(x.caption).toBe('Kemeja batik, stok terbatas');
    // Photos and template unchanged: the same rendered image is kept.
    expect(x.images[0].id).toBe(before.variants[0].images[0].id);

    const stale = await t
      .http()
      .patch(`/api/posts/${before.id}`)
      .set(headers(w.staff))
      .send({ version: before.version, title: 'Terlambat' })
      .expect(409);
    expect(stale.body.field).toBe('version');

    // The approver who edits becomes last editor and can no longer approve it.
    const byApprover = await t
      .http()
      .patch(`/api/posts/${before.id}`)
      .set(headers(w.otherApprover))
      .send({ version: edited.body.version, title: 'Kemeja batik' })
      .expect(200);
    const refused = await post(headers(w.otherApprover), `/api/posts/${before.id}/approve`).expect(
      403,
    );
    expect(refused.body.message).toMatch(/terakhir mengubah/);
    expect(byApprover.body.allowedEvents).not.toContain('approve');
  });

  it('edits that break the checks send an approved post to draft', async () => {
    const before = await approved();
    const res = await t
      .http()
      .patch(`/api/posts/${before.id}`)
      .set(headers(w.staff))
      .send({
        version: before.version,
        captions: { instagram: 'Hubungi 0812-3456-7890' },
        variables: { tagline: 'Motif parang, kain katun' },
      })
      .expect(200);
    expect(res.body).toMatchObject({
      status: 'draft',
      variables: { tagline: 'Motif parang, kain katun' },
    });
    // A new tagline is a new image.
    expect(res.body.variants[0].images[0].id).not.toBe(before.variants[0].images[0].id);
  });

  it('asks for changes only with a comment', async () => {
    const { id } = await draft();
    await post(headers(w.staff), `/api/posts/${id}/submit`).expect(200);
    const blank = await post(headers(w.approver), `/api/posts/${id}/request-changes`, {
      comment: '   ',
    }).expect(400);
    expect(blank.body.field).toBe('comment');
    const res = await post(headers(w.approver), `/api/posts/${id}/request-changes`, {
      comment: 'Foto kurang terang',
    }).expect(200);
    expect(res.body).toMatchObject({
      status: 'changes_requested',
      statusReason: 'Foto kurang terang',
    });
    expect(res.body.comments.map((c: { kind: string }) => c.kind)).toEqual(['changes_requested']);
    await post(headers(w.staff), `/api/posts/${id}/comments`, { body: 'Sudah saya ganti' }).expect(
      201,
    );
    await post(headers(w.staff), `/api/posts/${id}/submit`).expect(200);
  });

  it('schedules an approved post in the future and sets its targets due', async () => {
    const { id } = await approved();
    const past = await post(headers(w.staff), `/api/posts/${id}/schedule`, {
      plannedAt: '2026-03-09T10:00:00+07:00',
    }).expect(400);
    expect(past.body.field).toBe('plannedAt');
    const res = await post(headers(w.staff), `/api/posts/${id}/schedule`, {
      plannedAt: LATER,
    }).expect(200);
    expect(res.body).toMatchObject({ status: 'scheduled', plannedAt: '2026-03-16T03:00:00.000Z' });
    const targets: { status: string; next_attempt_at: Date }[] = await t.dataSource.query(
      `SELECT status, next_attempt_at FROM post_targets WHERE post_id = $1`,
      [id],
    );
    expect(targets).toHaveLength(2);
    for (const target of targets) {
      expect(target.status).toBe('pending');
      expect(new Date(target.next_attempt_at).toISOString()).toBe('2026-03-16T03:00:00.000Z');
    }
    await post(headers(w.staff), `/api/posts/${id}/submit`).expect(409);
  });

  it('cancels and reopens a post, which then needs review again', async () => {
    const { id } = await approved();
    const cancelled = await post(headers(w.staff), `/api/posts/${id}/cancel`, {
      reason: 'Pameran ditunda',
    }).expect(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', statusReason: 'Pameran ditunda' });
    expect(cancelled.body.targets.every((x: { status: string }) => x.status === 'cancelled')).toBe(
      true,
    );
    await t
      .http()
      .patch(`/api/posts/${id}`)
      .set(headers(w.staff))
      .send({ version: cancelled.body.version, title: 'x' })
      .expect(409);
    const reopened = await post(headers(w.staff), `/api/posts/${id}/reopen`).expect(200);
    expect(reopened.body).toMatchObject({ status: 'draft', approvedBy: null });
    expect(reopened.body.targets.every((x: { status: string }) => x.status === 'pending')).toBe(
      true,
    );
    const manager = await makeSignedInUser(t.dataSource, {
      role: Role.Manager,
      institutionId: w.institutionId,
    });
    await post(manager.auth, `/api/posts/${id}/submit`).expect(403);
  });
});
