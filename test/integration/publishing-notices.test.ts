import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Role } from '../../src/auth/roles';
import { FrozenClock } from '../../src/common/clock';
import type { SocialNetwork } from '../../src/content/rendering/template';
import {
  PlatformAdapter,
  PlatformError,
  PlatformErrorKind,
} from '../../src/platforms/platform-adapter';
import { PlatformRegistry } from '../../src/platforms/platform-registry';
import { DispatcherService } from '../../src/publishing/dispatcher/dispatcher.service';
import { createTestApp, TestApp } from '../support/app';
import { makeInstitution, makeSignedInUser } from '../support/factories';
import { DUE, duePost, NOW, world, World } from './dispatcher-fixtures';

let t: TestApp;
let clock: FrozenClock;
let dispatcher: DispatcherService;
let registry: PlatformRegistry;

beforeAll(async () => {
  clock = new FrozenClock(NOW);
  t = await createTestApp({ clock });
  dispatcher = t.app.get(DispatcherService);
  registry = t.app.get(PlatformRegistry);
});
afterEach(() => {
  jest.restoreAllMocks();
  clock.set(NOW);
});
afterAll(async () => t.close());

/** The next publish on any sandbox adapter throws `kind`; later ones publish for real. */
function failNextPublish(kind: PlatformErrorKind, retryAt?: Date) {
  const original = registry.adapterFor.bind(registry);
  let failed = false;
  jest.spyOn(registry, 'adapterFor').mockImplementation((network: SocialNetwork, account) => {
    const real = original(network, account);
    const scripted: PlatformAdapter = Object.create(real);
    scripted.publish = async (acc, content) => {
      if (failed) return real.publish(acc, content);
      failed = true;
      throw new PlatformError(kind, {
        network,
        platformCode: `test:${kind}`,
        reason: { id: `Gambar ditolak (${kind})`, en: `Image refused (${kind})` },
        retryAt,
      });
    };
    return scripted;
  });
}

const notifications = async (w: World) =>
  (await t.http().get('/api/notifications?pageSize=100').set(w.auth).expect(200)).body.items as {
    kind: string;
    postId: string;
    postTargetId: string;
    link: string;
    title: { id: string; en: string };
    body: { id: string; en: string };
  }[];
const auditOf = (targetId: string) =>
  t.dataSource.query(
    `SELECT action, actor_email, actor_user_id, after FROM audit_log
     WHERE entity_type = 'post_target' AND entity_id = $1 ORDER BY id`,
    [targetId],
  );
const retry = (w: World, postId: string, targetId: string) =>
  t.http().post(`/api/posts/${postId}/targets/${targetId}/retry`).set(w.auth);
const targetRow = async (id: string) =>
  (
    await t.dataSource.query(
      `SELECT status, next_attempt_at, attempt_count, planned_at FROM post_targets WHERE id = $1`,
      [id],
    )
  )[0];
const postStatus = async (postId: string) =>
  (await t.dataSource.query(`SELECT status FROM posts WHERE id = $1`, [postId]))[0].status;

describe('dispatcher notifications and audit', () => {
  it('notifies a failure with its reason, audits it, and the retry button publishes it', async () => {
    const w = await world(t);
    const { postId, targets } = await duePost(t, w, ['instagram']);
    failNextPublish('rejected');
    await dispatcher.runOnce();
    expect((await targetRow(targets[0])).status).toBe('failed');
    expect(await postStatus(postId)).toBe('failed');

    const [notice] = await notifications(w);
    expect(notice).toMatchObject({
      kind: 'publish_failed',
      postId,
      postTargetId: targets[0],
      link: `/#/konten/${postId}`,
      title: { id: 'Gagal terbit di Instagram: Kemeja batik' },
      body: { id: 'Gambar ditolak (rejected)', en: 'Image refused (rejected)' },
    });
    expect(await auditOf(targets[0])).toEqual([
      expect.objectContaining({
        action: 'update',
        actor_email: 'system:dispatcher',
        actor_user_id: null,
        after: expect.objectContaining({ status: 'failed', code: 'test:rejected' }),
      }),
    ]);

    clock.advance(60 * 60_000);
    const res = await retry(w, postId, targets[0]).expect(200);
    expect(res.body).toMatchObject({
      postId,
      targetId: targets[0],
      status: 'pending',
      postStatus: 'scheduled',
      nextAttemptAt: clock.now().toISOString(),
    });
    const requeued = await targetRow(targets[0]);
    expect(requeued).toMatchObject({ status: 'pending', attempt_count: 0 });
    expect(new Date(requeued.next_attempt_at)).toEqual(clock.now());

    await dispatcher.runOnce();
    expect((await targetRow(targets[0])).status).toBe('published');
    expect(await postStatus(postId)).toBe('published');
    const trail = await auditOf(targets[0]);
    expect(trail.map((a: { action: string }) => a.action)).toEqual(['update', 'update', 'publish']);
    expect(trail[1]).toMatchObject({
      actor_user_id: w.userId,
      after: { event: 'retry', status: 'pending' },
    });
    // Published at once after the retry: not late against the retry's time.
    expect((await notifications(w)).map((n) => n.kind)).toEqual(['publish_failed']);
  });

  it('audits a retry wait', async () => {
    const w = await world(t);
    const { targets } = await duePost(t, w, ['x']);
    const reset = new Date(NOW.getTime() + 15 * 60_000);
    failNextPublish('retry_later', reset);
    await dispatcher.runOnce();
    const [entry] = await auditOf(targets[0]);
    expect(entry).toMatchObject({
      actor_email: 'system:dispatcher',
      after: { status: 'retry_waiting', nextAttemptAt: reset.toISOString() },
    });
    expect(await notifications(w)).toEqual([]);
    // Leave nothing due for other tests' dispatcher runs.
    clock.set(reset);
    await dispatcher.runOnce();
    expect((await targetRow(targets[0])).status).toBe('published');
  });

  it('notifies once that the account needs reconnecting; the retry button refuses until then', async () => {
    const w = await world(t);
    const { postId, targets } = await duePost(t, w, ['facebook']);
    failNextPublish('reauthenticate');
    await dispatcher.runOnce();
    const kinds = (await notifications(w)).map((n) => n.kind).sort();
    expect(kinds).toEqual(['needs_reauth', 'publish_failed']);
    const reauth = (await notifications(w)).find((n) => n.kind === 'needs_reauth')!;
    expect(reauth.title.en).toMatch(/^The Facebook account ".+" needs to be reconnected$/);
    const accountAudit = await t.dataSource.query(
      `SELECT after FROM audit_log WHERE entity_type = 'social_account' AND institution_id = $1`,
      [w.institutionId],
    );
    expect(accountAudit).toEqual([{ after: expect.objectContaining({ status: 'needs_reauth' }) }]);

    const res = await retry(w, postId, targets[0]).expect(409);
    expect(res.body.field).toBe('socialAccountId');
    expect(res.body.message).toMatch(/disambungkan ulang|reconnected/);
    expect((await targetRow(targets[0])).status).toBe('failed');
  });

  it('notifies a post published more than 15 minutes late, and not one on time', async () => {
    const w = await world(t);
    const onTime = await duePost(t, w, ['instagram']);
    await dispatcher.runOnce();
    expect((await targetRow(onTime.targets[0])).status).toBe('published');
    expect(await notifications(w)).toEqual([]);

    const late = await duePost(t, w, ['x']);
    clock.set(new Date(DUE.getTime() + 20 * 60_000));
    await dispatcher.runOnce();
    const [notice] = await notifications(w);
    expect(notice).toMatchObject({
      kind: 'published_late',
      postId: late.postId,
      postTargetId: late.targets[0],
      title: { en: 'Published 20 minutes late on X: Kemeja batik' },
    });
  });
});

describe('retry button', () => {
  it('refuses while publishing is paused, naming why', async () => {
    const w = await world(t);
    const { postId, targets } = await duePost(t, w, ['instagram']);
    failNextPublish('rejected');
    await dispatcher.runOnce();
    const admin = await makeSignedInUser(t.dataSource, {
      role: Role.Admin,
      institutionId: w.institutionId,
    });
    await t
      .http()
      .post('/api/publishing/pause')
      .set(admin.auth)
      .send({ reason: 'Berita duka' })
      .expect(201);
    const res = await retry(w, postId, targets[0]).expect(409);
    expect(res.body.field).toBe('publishing');
    expect(res.body.message).toMatch(/dijeda|paused/);
    expect((await targetRow(targets[0])).status).toBe('failed');
  });

  it('refuses targets that did not fail, and hides other institutions', async () => {
    const w = await world(t);
    const { postId, targets } = await duePost(t, w, ['instagram', 'x']);
    await retry(w, postId, targets[0]).expect(409);

    const other = await makeInstitution(t.dataSource);
    const outsider = await makeSignedInUser(t.dataSource, {
      role: Role.Admin,
      institutionId: other.id,
    });
    await t
      .http()
      .post(`/api/posts/${postId}/targets/${targets[0]}/retry`)
      .set(outsider.auth)
      .expect(404);
    const stranger = await duePost(t, await world(t), ['x']);
    await retry(w, stranger.postId, targets[0]).expect(404);
    await retry(w, postId, stranger.targets[0]).expect(404);
    const manager = await makeSignedInUser(t.dataSource, {
      role: Role.Manager,
      institutionId: w.institutionId,
    });
    await t
      .http()
      .post(`/api/posts/${postId}/targets/${targets[0]}/retry`)
      .set(manager.auth)
      .expect(403);
    // Leave nothing due for other tests' dispatcher runs.
    await dispatcher.runOnce();
    expect((await targetRow(targets[0])).status).toBe('published');
    expect((await targetRow(stranger.targets[0])).status).toBe('published');
  });
});
