import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { Role } from '../../src/auth/roles';
import { FrozenClock } from '../../src/common/clock';
import { NotificationsService } from '../../src/notifications/notifications.service';
import { TokenCrypto } from '../../src/platforms/token-crypto';
import { WebhookDeliveryService } from '../../src/notifications/webhook-delivery.service';
import { MAX_DELIVERY_ATTEMPTS, verifyWebhook } from '../../src/notifications/webhook-rules';
import { createTestApp, TestApp } from '../support/app';
import { makeInstitution, makeSignedInUser } from '../support/factories';
import { WebhookReceiverFake } from '../support/fakes/webhook-receiver.fake';
import { NOW } from './dispatcher-fixtures';
import { draftPost } from './notification-fixtures';

type Auth = { Authorization: string };

// TOKEN_ENCRYPTION_KEY="current,old": a key rotation in progress.
const CURRENT_KEY = randomBytes(32);
const OLD_KEY = randomBytes(32);

describe('signed webhooks', () => {
  let t: TestApp;
  let clock: FrozenClock;
  let receiver: WebhookReceiverFake;
  let institutionId: string;
  let admin: Auth;
  let staff: Auth;
  let postId: string;
  let secret: string;

  const deliveries = () => t.app.get(WebhookDeliveryService);
  // Each notification a second later, so the newest-first delivery list has one order.
  const notifyFailed = () => {
    clock.advance(1000);
    return t.dataSource.transaction((manager) =>
      t.app.get(NotificationsService).notify(manager, {
        institutionId,
        kind: 'publish_failed',
        postId,
        title: { id: 'Publikasi gagal', en: 'Publishing failed' },
        body: { id: 'Gambar ditolak', en: 'The image was refused' },
        data: { reason: 'aspect ratio' },
      }),
    );
  };
  const verified = (secretUsed: string, index = -1) => {
    const call = receiver.received.at(index)!;
    return verifyWebhook(
      secretUsed,
      {
        signature: call.headers['x-karya-signature'] as string,
        timestamp: call.headers['x-karya-timestamp'] as string,
      },
      call.rawBody,
      clock.now(),
    );
  };

  beforeAll(async () => {
    clock = new FrozenClock(NOW);
    t = await createTestApp({
      clock,
      env: { TOKEN_ENCRYPTION_KEY: `${CURRENT_KEY.toString('hex')},${OLD_KEY.toString('hex')}` },
    });
    receiver = await new WebhookReceiverFake().start();
    institutionId = (await makeInstitution(t.dataSource)).id;
    const adminUser = await makeSignedInUser(t.dataSource, { role: Role.Admin, institutionId });
    admin = adminUser.auth;
    staff = (await makeSignedInUser(t.dataSource, { role: Role.Staff, institutionId })).auth;
    postId = await draftPost(t, institutionId, adminUser.id);
  });
  afterAll(async () => {
    await receiver.stop();
    await t.close();
  });
  beforeEach(() => receiver.reset());

  it('creates the webhook with a secret shown once and stored encrypted', async () => {
    await t.http().get('/api/webhook').set(admin).expect(404);
    const res = await t.http().put('/api/webhook').set(admin).send({ url: receiver.url });
    expect(res.status).toBe(200);
    expect(res.body.url).toBe(receiver.url);
    expect(res.body.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    secret = res.body.secret;

    const got = await t.http().get('/api/webhook').set(admin).expect(200);
    expect(got.body.secret).toBeUndefined();
    // Changing the URL keeps the secret and does not show it again.
    const again = await t.http().put('/api/webhook').set(admin).send({ url: receiver.url });
    expect(again.body.secret).toBeUndefined();
    const [row] = await t.dataSource.query(
      `SELECT secret_ciphertext FROM webhook_endpoints WHERE institution_id = $1`,
      [institutionId],
    );
    expect(row.secret_ciphertext).not.toContain(secret.slice(6));
    const audit = await t.dataSource.query(
      `SELECT action, after FROM audit_log
       WHERE entity_type = 'webhook_endpoint' AND institution_id = $1 ORDER BY id`,
      [institutionId],
    );
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['create', 'update']);
    expect(JSON.stringify(audit)).not.toContain(secret);
  });

  it('refuses plain http to other hosts, and non-admins', async () => {
    const res = await t
      .http()
      .put('/api/webhook')
      .set(admin)
      .send({ url: 'http://contoh.go.id/hook' })
      .expect(400);
    expect(res.body.field).toBe('url');
    await t.http().put('/api/webhook').set(admin).send({ url: 'bukan url' }).expect(400);
    await t.http().put('/api/webhook').set(staff).send({ url: receiver.url }).expect(403);
    await t.http().get('/api/webhook/deliveries').set(staff).expect(403);
  });

  it('delivers a notification signed over timestamp.body, linking to the post', async () => {
    const notificationId = await notifyFailed();
    expect(receiver.received).toHaveLength(0); // nothing is sent inside the transaction
    expect(await deliveries().deliverDue()).toBe(1);
    expect(receiver.received).toHaveLength(1);
    const call = receiver.received[0];
    expect(call.headers['content-type']).toBe('application/json');
    expect(call.headers['x-karya-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(call.headers['x-karya-timestamp']).toBe(String(clock.now().getTime() / 1000));
    expect(call.headers['x-karya-event']).toBe('publish_failed');
    expect(call.body).toMatchObject({
      id: call.headers['x-karya-delivery'],
      event: 'publish_failed',
      institutionId,
      notificationId,
      postId,
      link: `http://127.0.0.1:3999/#/konten/${postId}`,
      title: { id: 'Publikasi gagal', en: 'Publishing failed' },
      data: { reason: 'aspect ratio' },
    });
    expect(verified(secret)).toBe(true);
    expect(verified('whsec_wrong')).toBe(false);

    const res = await t.http().get('/api/webhook/deliveries').set(admin).expect(200);
    expect(res.body.items[0]).toMatchObject({
      id: call.headers['x-karya-delivery'],
      status: 'delivered',
      attempts: 1,
      lastStatusCode: 200,
    });
    expect(await deliveries().deliverDue()).toBe(0); // delivered once only
  });

  it('retries a failing receiver with backoff, then gives up after the last attempt', async () => {
    receiver.answerNext(500);
    await notifyFailed();
    await deliveries().deliverDue();
    let [row] = (await t.http().get('/api/webhook/deliveries').set(admin)).body.items;
    expect(row).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: 500 });
    const wait = new Date(row.nextAttemptAt).getTime() - clock.now().getTime();
    expect(wait).toBeGreaterThanOrEqual(24_000);
    expect(wait).toBeLessThanOrEqual(36_000);
    expect(await deliveries().deliverDue()).toBe(0); // not due yet

    clock.advance(wait);
    await deliveries().deliverDue();
    [row] = (await t.http().get('/api/webhook/deliveries').set(admin)).body.items;
    expect(row).toMatchObject({ status: 'delivered', attempts: 2, lastStatusCode: 200 });
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received[0].body.id).toBe(receiver.received[1].body.id);
    expect(verified(secret)).toBe(true);

    receiver.answerNext(...Array<number>(MAX_DELIVERY_ATTEMPTS).fill(503));
    await notifyFailed();
    for (let i = 0; i < MAX_DELIVERY_ATTEMPTS; i += 1) {
      expect(await deliveries().deliverDue()).toBe(1);
      clock.advance(24 * 60 * 60_000);
    }
    [row] = (await t.http().get('/api/webhook/deliveries').set(admin)).body.items;
    expect(row).toMatchObject({ status: 'failed', attempts: MAX_DELIVERY_ATTEMPTS });
    expect(await deliveries().deliverDue()).toBe(0);
  });

  it('sends a test event, and signs with the new secret after rotation', async () => {
    let res = await t.http().post('/api/webhook/test').set(admin).expect(200);
    expect(res.body).toMatchObject({ event: 'test', status: 'delivered', lastStatusCode: 200 });
    expect(verified(secret)).toBe(true);

    res = await t.http().post('/api/webhook/rotate-secret').set(admin).expect(200);
    const rotated = res.body.secret as string;
    expect(rotated).toMatch(/^whsec_/);
    expect(rotated).not.toBe(secret);
    receiver.answerNext(418);
    res = await t.http().post('/api/webhook/test').set(admin).expect(200);
    expect(res.body).toMatchObject({
      status: 'pending',
      lastStatusCode: 418,
      lastError: 'HTTP 418',
    });
    expect(verified(rotated)).toBe(true);
    expect(verified(secret)).toBe(false);
    secret = rotated;
  });

  it('records an unreachable receiver as a pending retry', async () => {
    const down = await new WebhookReceiverFake().start();
    await down.stop();
    await t.http().put('/api/webhook').set(admin).send({ url: down.url }).expect(200);
    const res = await t.http().post('/api/webhook/test').set(admin).expect(200);
    expect(res.body).toMatchObject({ status: 'pending', lastStatusCode: null, attempts: 1 });
    expect(res.body.lastError).toMatch(/fetch failed|ECONNREFUSED/);
    await t.http().put('/api/webhook').set(admin).send({ url: receiver.url }).expect(200);
  });

  it('re-seals a secret under the current key, and gives up on one no key opens', async () => {
    const sealWith = (key: Buffer) =>
      t.dataSource.query(
        `UPDATE webhook_endpoints SET secret_ciphertext = $2 WHERE institution_id = $1`,
        [institutionId, new TokenCrypto([key]).encrypt(secret, `webhook:${institutionId}`)],
      );
    await sealWith(OLD_KEY);
    let res = await t.http().post('/api/webhook/test').set(admin).expect(200);
    expect(res.body.status).toBe('delivered');
    expect(verified(secret)).toBe(true);
    const [row] = await t.dataSource.query(
      `SELECT secret_ciphertext FROM webhook_endpoints WHERE institution_id = $1`,
      [institutionId],
    );
    expect(
      new TokenCrypto([CURRENT_KEY]).decrypt(row.secret_ciphertext, `webhook:${institutionId}`),
    ).toBe(secret);

    await sealWith(randomBytes(32));
    res = await t.http().post('/api/webhook/test').set(admin).expect(200);
    expect(res.body).toMatchObject({ status: 'failed', attempts: 1 });
    expect(res.body.lastError).toMatch(/rotate it/);
    expect(receiver.received).toHaveLength(1);
    await t.http().post('/api/webhook/rotate-secret').set(admin).expect(200);
  });

  it('removes the webhook: pending deliveries fail, notifications queue nothing', async () => {
    receiver.answerNext(500);
    await notifyFailed();
    await deliveries().deliverDue();
    await t.http().delete('/api/webhook').set(admin).expect(204);
    await t.http().get('/api/webhook').set(admin).expect(404);
    await t.http().post('/api/webhook/test').set(admin).expect(404);
    await notifyFailed();
    const rows = await t.dataSource.query(
      `SELECT status FROM webhook_deliveries WHERE institution_id = $1 AND status = 'pending'`,
      [institutionId],
    );
    expect(rows).toEqual([]);
  });

  it('keeps each institution to its own webhook', async () => {
    const other = await makeInstitution(t.dataSource);
    const otherAdmin = (
      await makeSignedInUser(t.dataSource, { role: Role.Admin, institutionId: other.id })
    ).auth;
    await t.http().put('/api/webhook').set(admin).send({ url: receiver.url }).expect(200);
    await t.http().get('/api/webhook').set(otherAdmin).expect(404);
    const res = await t.http().get('/api/webhook/deliveries').set(otherAdmin).expect(200);
    expect(res.body.items).toEqual([]);
  });
});
