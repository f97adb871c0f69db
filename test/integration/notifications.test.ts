import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '../../src/auth/roles';
import { FrozenClock } from '../../src/common/clock';
import type { NotificationEvent } from '../../src/notifications/notification-event';
import { NotificationsService } from '../../src/notifications/notifications.service';
import { createTestApp, TestApp } from '../support/app';
import { makeInstitution, makeSignedInUser } from '../support/factories';
import { NOW, world } from './dispatcher-fixtures';
import { draftPost } from './notification-fixtures';

type Auth = { Authorization: string };

describe('notifications API', () => {
  let t: TestApp;
  let clock: FrozenClock;
  let institutionId: string;
  let postId: string;
  let staff: Auth;
  let colleague: Auth;
  let outsider: Auth;

  const notify = (event: Partial<NotificationEvent> = {}) =>
    t.dataSource.transaction((manager) =>
      t.app.get(NotificationsService).notify(manager, {
        institutionId,
        kind: 'publish_failed',
        postId,
        title: { id: 'Publikasi gagal', en: 'Publishing failed' },
        body: { id: 'Gambar ditolak', en: 'The image was refused' },
        ...event,
      }),
    );

  beforeAll(async () => {
    clock = new FrozenClock(NOW);
    t = await createTestApp({ clock });
    const w = await world(t);
    institutionId = w.institutionId;
    staff = w.auth;
    postId = await draftPost(t, institutionId, w.userId);
    colleague = (await makeSignedInUser(t.dataSource, { role: Role.Manager, institutionId })).auth;
    const other = await makeInstitution(t.dataSource);
    outsider = (await makeSignedInUser(t.dataSource, { role: Role.Admin, institutionId: other.id }))
      .auth;
  });
  afterAll(async () => t.close());

  it('lists unread first, counts per user and marks read per user', async () => {
    const first = await notify();
    clock.advance(60_000);
    const second = await notify({
      kind: 'published_late',
      title: { id: 'Terlambat', en: 'Late' },
      body: { id: 'Terbit 20 menit terlambat', en: 'Published 20 minutes late' },
    });
    clock.advance(60_000);

    let res = await t.http().get('/api/notifications').set(staff).expect(200);
    expect(res.body.total).toBe(2);
    expect(res.body.items.map((n: { id: string }) => n.id)).toEqual([second, first]);
    expect(res.body.items[1]).toMatchObject({
      kind: 'publish_failed',
      postId,
      link: `/#/konten/${postId}`,
      title: { id: 'Publikasi gagal', en: 'Publishing failed' },
      readAt: null,
    });
    await t.http().get('/api/notifications/unread-count').set(staff).expect(200, { unread: 2 });

    // Reading the newer one puts the older, unread one first.
    res = await t.http().post(`/api/notifications/${second}/read`).set(staff).expect(200);
    expect(res.body.readAt).toBe(clock.now().toISOString());
    res = await t.http().get('/api/notifications').set(staff).expect(200);
    expect(res.body.items.map((n: { id: string }) => n.id)).toEqual([first, second]);
    res = await t.http().get('/api/notifications?unread=true').set(staff).expect(200);
    expect(res.body.items.map((n: { id: string }) => n.id)).toEqual([first]);
    await t.http().get('/api/notifications/unread-count').set(staff).expect(200, { unread: 1 });

    // Read state is the reader's own.
    await t.http().get('/api/notifications/unread-count').set(colleague).expect(200, { unread: 2 });
    await t.http().post('/api/notifications/read-all').set(colleague).expect(200, { marked: 2 });
    await t.http().post('/api/notifications/read-all').set(colleague).expect(200, { marked: 0 });
    await t.http().get('/api/notifications/unread-count').set(colleague).expect(200, { unread: 0 });
    await t.http().get('/api/notifications/unread-count').set(staff).expect(200, { unread: 1 });
  });

  it('paginates', async () => {
    const res = await t.http().get('/api/notifications?page=2&pageSize=1').set(staff).expect(200);
    expect(res.body).toMatchObject({ total: 2, page: 2, pageSize: 1 });
    expect(res.body.items).toHaveLength(1);
    await t.http().get('/api/notifications?pageSize=0').set(staff).expect(400);
  });

  it("keeps other institutions' notifications out of sight", async () => {
    const id = await notify();
    const res = await t.http().get('/api/notifications').set(outsider).expect(200);
    expect(res.body.items.map((n: { id: string }) => n.id)).not.toContain(id);
    await t.http().get('/api/notifications/unread-count').set(outsider).expect(200, { unread: 0 });
    await t.http().post(`/api/notifications/${id}/read`).set(outsider).expect(404);
    await t.http().post('/api/notifications/read-all').set(outsider).expect(200, { marked: 0 });
  });

  it("rolls back with the caller's transaction", async () => {
    const before = await t.http().get('/api/notifications').set(staff).expect(200);
    await expect(
      t.dataSource.transaction(async (manager) => {
        await t.app.get(NotificationsService).notify(manager, {
          institutionId,
          kind: 'takedown',
          title: { id: 'x', en: 'x' },
          body: { id: 'x', en: 'x' },
        });
        throw new Error('caller failed');
      }),
    ).rejects.toThrow('caller failed');
    const after = await t.http().get('/api/notifications').set(staff).expect(200);
    expect(after.body.total).toBe(before.body.total);
  });

  it('refuses anonymous callers and malformed ids', async () => {
    await t.http().get('/api/notifications').expect(401);
    await t.http().post('/api/notifications/nope/read').set(staff).expect(400);
  });
});
