import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Role } from '../../src/auth/roles';
import { FrozenClock } from '../../src/common/clock';
import type { SocialNetwork } from '../../src/content/rendering/template';
import {
  type DeleteResult,
  type PlatformAdapter,
  PlatformError,
} from '../../src/platforms/platform-adapter';
import { PlatformRegistry } from '../../src/platforms/platform-registry';
import { DispatcherService } from '../../src/publishing/dispatcher/dispatcher.service';
import { createTestApp, TestApp } from '../support/app';
import { makeInstitution, makeSignedInUser } from '../support/factories';
import { duePost, NOW, world, World } from './dispatcher-fixtures';
import { uploadPhoto } from './posts-fixtures';

let t: TestApp;
let registry: PlatformRegistry;

beforeAll(async () => {
  t = await createTestApp({ clock: new FrozenClock(NOW) });
  registry = t.app.get(PlatformRegistry);
});
afterEach(() => {
  jest.restoreAllMocks();
});
afterAll(async () => t.close());

/** Sandbox adapters answering deletePost as scripted per network; records the calls. */
function scriptDeletes(answers: Partial<Record<SocialNetwork, DeleteResult>>) {
  const original = registry.adapterFor.bind(registry);
  const calls: { network: SocialNetwork; platformPostId: string }[] = [];
  jest.spyOn(registry, 'adapterFor').mockImplementation((network: SocialNetwork, kind) => {
    const real = original(network, kind);
    const scripted: PlatformAdapter = Object.create(real);
    scripted.deletePost = async (account, platformPostId) => {
      calls.push({ network, platformPostId });
      return answers[network] ?? real.deletePost(account, platformPostId);
    };
    return scripted;
  });
  return calls;
}

/** A post published on all three sandbox networks with a consented photo, then the consent withdrawn. */
async function publishedThenWithdrawn(w: World) {
  const consent = await t
    .http()
    .post('/api/consents')
    .set(w.auth)
    .send({
      subjectName: 'Siti Aminah Uji',
      subjectIsMinor: false,
      purpose: 'Foto promosi kemeja batik di media sosial',
      channels: ['instagram', 'facebook', 'x'],
      validFrom: '2026-03-01',
    })
    .expect(201);
  const photo = await uploadPhoto(t, w.auth, { consentRecordId: consent.body.id });
  const { postId, targets } = await duePost(t, w);
  await t.dataSource.query(
    `INSERT INTO post_media (post_id, institution_id, position, media_asset_id) VALUES ($1, $2, 0, $3)`,
    [postId, w.institutionId, photo],
  );
  await t.app.get(DispatcherService).runOnce();
  const published = await t.dataSource.query(
    `SELECT id, network, permalink FROM post_targets WHERE post_id = $1 AND status = 'published'`,
    [postId],
  );
  expect(published).toHaveLength(3);
  const withdrawal = await t
    .http()
    .post(`/api/consents/${consent.body.id}/withdraw`)
    .set(w.auth)
    .send({ reason: 'Subjek menarik persetujuan' })
    .expect(200);
  const permalinks = Object.fromEntries(
    published.map((p: { network: string; permalink: string }) => [p.network, p.permalink]),
  );
  return { postId, targets, taskId: withdrawal.body.takedownTask.id as string, permalinks };
}

const takenDown = (postId: string) =>
  t.dataSource.query(
    `SELECT t.network, t.taken_down_at IS NOT NULL AS down,
            EXISTS (SELECT 1 FROM sandbox_posts s WHERE s.post_target_id = t.id) AS in_feed
     FROM post_targets t WHERE t.post_id = $1 ORDER BY t.network`,
    [postId],
  );

describe('takedown through the adapters', () => {
  it('deletes what the platforms allow and leaves a manual item with the permalink', async () => {
    const w = await world(t);
    const { postId, taskId, permalinks } = await publishedThenWithdrawn(w);
    const calls = scriptDeletes({ facebook: 'already_gone', x: 'unsupported' });

    const res = await t
      .http()
      .post(`/api/takedown-tasks/${taskId}/remove-posts`)
      .set(w.auth)
      .expect(200);
    expect(calls.map((c) => c.network).sort()).toEqual(['facebook', 'instagram', 'x']);
    expect(res.body.items).toHaveLength(3);
    expect(res.body.items[0]).toMatchObject({
      network: 'x',
      status: 'manual',
      permalink: permalinks.x,
      postId,
    });
    expect(res.body.items[0].detail).toMatch(/does not allow deleting/);
    const byNetwork = Object.fromEntries(
      res.body.items.map((i: { network: string; status: string }) => [i.network, i.status]),
    );
    expect(byNetwork).toEqual({ instagram: 'removed', facebook: 'removed', x: 'manual' });
    expect(await takenDown(postId)).toEqual([
      { network: 'facebook', down: true, in_feed: false },
      { network: 'instagram', down: true, in_feed: false },
      { network: 'x', down: false, in_feed: true },
    ]);

    const task = await t.http().get(`/api/takedown-tasks/${taskId}`).set(w.auth).expect(200);
    expect(task.body.status).toBe('in_progress');
    const notices = (await t.http().get('/api/notifications').set(w.auth).expect(200)).body.items;
    const takedowns = notices.filter((n: { kind: string }) => n.kind === 'takedown');
    expect(takedowns).toHaveLength(3);
    const manual = takedowns.find((n: { title: { en: string } }) =>
      n.title.en.startsWith('Remove by hand from X'),
    );
    expect(manual.body.en).toContain(permalinks.x);
    expect(manual.link).toBe(`/#/konten/${postId}`);
    const audit = await t.dataSource.query(
      `SELECT action, after->>'status' AS status FROM audit_log
       WHERE entity_type = 'post_target' AND after->>'takedownTaskId' = $1 ORDER BY id`,
      [taskId],
    );
    expect(
      audit.map((a: { action: string; status: string }) => `${a.action}:${a.status}`).sort(),
    ).toEqual(['delete:removed', 'delete:removed', 'update:manual']);

    // Repeating tries only what is still up.
    calls.length = 0;
    await t.http().post(`/api/takedown-tasks/${taskId}/remove-posts`).set(w.auth).expect(200);
    expect(calls.map((c) => c.network)).toEqual(['x']);

    // A person removes it by hand and says so.
    const removalId = res.body.items[0].id as string;
    const done = await t
      .http()
      .post(`/api/takedown-tasks/${taskId}/removals/${removalId}/done`)
      .set(w.auth)
      .expect(200);
    expect(done.body.items.find((i: { id: string }) => i.id === removalId)).toMatchObject({
      status: 'manual_done',
      resolvedBy: w.userId,
    });
    expect((await takenDown(postId)).every((r: { down: boolean }) => r.down)).toBe(true);
    await t
      .http()
      .post(`/api/takedown-tasks/${taskId}/removals/${removalId}/done`)
      .set(w.auth)
      .expect(409);
    calls.length = 0;
    await t.http().post(`/api/takedown-tasks/${taskId}/remove-posts`).set(w.auth).expect(200);
    expect(calls).toEqual([]);
  });

  it('turns a platform error into a manual item with its reason', async () => {
    const w = await world(t);
    const { taskId } = await publishedThenWithdrawn(w);
    const original = registry.adapterFor.bind(registry);
    jest.spyOn(registry, 'adapterFor').mockImplementation((network, kind) => {
      const real = original(network, kind);
      const scripted: PlatformAdapter = Object.create(real);
      scripted.deletePost = async () => {
        throw new PlatformError('retry_later', {
          network,
          platformCode: 'test:retry_later',
          reason: { id: 'Batas panggilan tercapai', en: 'Rate limit reached' },
        });
      };
      return scripted;
    });
    const res = await t
      .http()
      .post(`/api/takedown-tasks/${taskId}/remove-posts`)
      .set(w.auth)
      .expect(200);
    expect(res.body.items.map((i: { status: string }) => i.status)).toEqual([
      'manual',
      'manual',
      'manual',
    ]);
    expect(res.body.items[0].detail).toBe('Batas panggilan tercapai / Rate limit reached');
  });

  it('keeps other institutions out and refuses closed tasks', async () => {
    const w = await world(t);
    const { taskId } = await publishedThenWithdrawn(w);
    const other = await makeInstitution(t.dataSource);
    const outsider = await makeSignedInUser(t.dataSource, {
      role: Role.Admin,
      institutionId: other.id,
    });
    await t
      .http()
      .post(`/api/takedown-tasks/${taskId}/remove-posts`)
      .set(outsider.auth)
      .expect(404);
    await t.http().get(`/api/takedown-tasks/${taskId}/removals`).set(outsider.auth).expect(404);
    const manager = await makeSignedInUser(t.dataSource, {
      role: Role.Manager,
      institutionId: w.institutionId,
    });
    await t.http().post(`/api/takedown-tasks/${taskId}/remove-posts`).set(manager.auth).expect(403);
    await t.http().get(`/api/takedown-tasks/${taskId}/removals`).set(manager.auth).expect(200);

    for (const status of ['in_progress', 'cancelled']) {
      await t
        .http()
        .patch(`/api/takedown-tasks/${taskId}`)
        .set(w.auth)
        .send({ status })
        .expect(200);
    }
    const res = await t
      .http()
      .post(`/api/takedown-tasks/${taskId}/remove-posts`)
      .set(w.auth)
      .expect(409);
    expect(res.body.message).toMatch(/ditutup|closed/);
  });
});
