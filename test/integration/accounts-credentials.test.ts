/**
 * Live accounts' credentials: encrypted at rest under the current key (rotation rewrites older
 * ones), refreshed before expiry one process at a time (X rotates refresh tokens), and used by
 * the dispatcher — with one forced refresh when X refuses a token.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { FrozenClock } from '../../src/common/clock';
import type { XOAuth2Credentials } from '../../src/platforms/platform-adapter';
import { PlatformRegistry } from '../../src/platforms/platform-registry';
import { keyId, TokenCrypto } from '../../src/platforms/token-crypto';
import { AccountCredentialsRepository } from '../../src/publishing/accounts/account-credentials.repository';
import {
  AccountCredentialsService,
  CredentialsMissingError,
} from '../../src/publishing/accounts/account-credentials.service';
import { DispatcherService } from '../../src/publishing/dispatcher/dispatcher.service';
import type { TestApp } from '../support/app';
import { makeLiveSocialAccount, makeSocialAccount } from '../support/factories';
import { ImageHost } from '../support/fakes/fake-http';
import { XApiFake } from '../support/fakes/x-api.fake';
import {
  dueLivePost,
  encryptionKey,
  liveTestApp,
  liveWorld,
  NOW,
  X_CLIENT,
  type LiveWorld,
} from './accounts-fixtures';

process.env.NO_PROXY = '127.0.0.1,localhost';

const clock = new FrozenClock(NOW);
const fake = new XApiFake({ now: () => clock.now() });
const images = new ImageHost();
const KEY = encryptionKey();
// Two processes on one database (the second stands for another worker).
let a: TestApp;
let b: TestApp;
let w: LiveWorld;
let userSeq = 0;

beforeAll(async () => {
  const [xUrl, imagesUrl] = await Promise.all([fake.start(), images.start()]);
  fake.addClient(X_CLIENT.id, X_CLIENT.secret);
  const env = { TOKEN_ENCRYPTION_KEY: KEY };
  a = await liveTestApp(clock, { x: xUrl, imagesUrl }, env);
  b = await liveTestApp(clock, { x: xUrl, imagesUrl }, env);
  w = await liveWorld(a);
}, 60_000);

afterAll(async () => {
  await a?.close();
  await b?.close();
  await Promise.all([fake.stop(), images.stop()]);
});

beforeEach(() => fake.reset());

/** A live X account whose access token expires in `expiresInSeconds`. */
async function xAccount(expiresInSeconds: number) {
  const userId = `90000${++userSeq}`;
  fake.addUser(userId, `lapas_${userSeq}`);
  const tokens = fake.grant(userId, X_CLIENT.id, expiresInSeconds);
  const credentials: XOAuth2Credentials = {
    type: 'x_oauth2',
    ...tokens,
    expiresAt: new Date(clock.now().getTime() + expiresInSeconds * 1000).toISOString(),
  };
  const account = await makeLiveSocialAccount(a, { id: w.institutionId }, 'x', credentials, {
    externalId: userId,
  });
  return { ...account, credentials };
}

const storedRow = async (id: string) =>
  (
    await a.dataSource.query(
      `SELECT key_id, ciphertext, expires_at, refresh_lease_until FROM social_account_credentials
       WHERE social_account_id = $1`,
      [id],
    )
  )[0];

const accountStatus = async (id: string) =>
  (await a.dataSource.query(`SELECT status FROM social_accounts WHERE id = $1`, [id]))[0].status;

async function acceptedByX(accessToken: string): Promise<boolean> {
  const res = await fetch(`${fake.url}/2/users/me`, {
    headers: { authorization: `Bearer ${accessToken}` },
  });
  return res.status === 200;
}

describe('credentials at rest', () => {
  it('stores them encrypted under the current key and reads them back', async () => {
    const account = await xAccount(7200);
    const row = await storedRow(account.id);
    expect(row.ciphertext).not.toContain(account.credentials.accessToken);
    expect(row.ciphertext).not.toContain(account.credentials.refreshToken);
    expect(row.key_id).toBe(keyId(Buffer.from(KEY, 'hex')));
    expect(new Date(row.expires_at).toISOString()).toBe(account.credentials.expiresAt);

    const read = await a.app.get(AccountCredentialsService).platformAccountFor(account.id);
    expect(read).toEqual({ externalId: account.externalId, credentials: account.credentials });
    expect(fake.refreshes).toHaveLength(0);
  });

  it('cannot be moved to another account row', async () => {
    const first = await xAccount(7200);
    const second = await xAccount(7200);
    const stolen = (await storedRow(first.id)).ciphertext;
    await a.dataSource.query(
      `UPDATE social_account_credentials SET ciphertext = $2 WHERE social_account_id = $1`,
      [second.id, stolen],
    );
    await expect(
      a.app.get(AccountCredentialsService).platformAccountFor(second.id),
    ).rejects.toThrow('failed authentication');
  });

  it('are missing for a live account that was never connected', async () => {
    const account = await makeSocialAccount(a.dataSource, w.institutionId, {
      network: 'x',
      kind: 'live',
    });
    await expect(
      a.app.get(AccountCredentialsService).platformAccountFor(account.id),
    ).rejects.toBeInstanceOf(CredentialsMissingError);
  });

  it('are rewritten under the new key after a rotation, so the old key can be dropped', async () => {
    const account = await xAccount(7200);
    const newKey = Buffer.from(encryptionKey(), 'hex');
    const rotated = new AccountCredentialsService(
      new AccountCredentialsRepository(a.dataSource),
      new TokenCrypto([newKey, Buffer.from(KEY, 'hex')]),
      a.app.get(PlatformRegistry),
      clock,
    );
    const read = await rotated.platformAccountFor(account.id);
    expect(read.credentials).toEqual(account.credentials);

    const row = await storedRow(account.id);
    expect(row.key_id).toBe(keyId(newKey));
    expect(new TokenCrypto([newKey]).decrypt(row.ciphertext, account.id)).toEqual(
      account.credentials,
    );
  });
});

describe('refreshing X tokens', () => {
  it('keeps a token that is valid for more than five minutes', async () => {
    const account = await xAccount(6 * 60);
    const read = await a.app.get(AccountCredentialsService).platformAccountFor(account.id);
    expect(read.credentials).toEqual(account.credentials);
    expect(fake.refreshes).toHaveLength(0);
  });

  it('refreshes once when several callers in two processes need it at the same time', async () => {
    const account = await xAccount(4 * 60);
    const reads = await Promise.all([
      a.app.get(AccountCredentialsService).platformAccountFor(account.id),
      b.app.get(AccountCredentialsService).platformAccountFor(account.id),
      a.app.get(AccountCredentialsService).platformAccountFor(account.id),
      b.app.get(AccountCredentialsService).platformAccountFor(account.id),
    ]);
    expect(fake.refreshes).toHaveLength(1);
    const fresh = reads[0].credentials as XOAuth2Credentials;
    expect(fresh.accessToken).not.toBe(account.credentials.accessToken);
    expect(fresh.refreshToken).not.toBe(account.credentials.refreshToken);
    for (const read of reads) expect(read.credentials).toEqual(fresh);
    expect(await acceptedByX(fresh.accessToken)).toBe(true);

    const row = await storedRow(account.id);
    expect(row.refresh_lease_until).toBeNull();
    expect(new Date(row.expires_at).getTime()).toBe(Date.parse(fresh.expiresAt));
    // Stored at once: the next reader gets the new tokens without another refresh.
    const again = await b.app.get(AccountCredentialsService).platformAccountFor(account.id);
    expect(again.credentials).toEqual(fresh);
    expect(fake.refreshes).toHaveLength(1);
  });

  it('waits for a lease another process holds and then reads what it stored', async () => {
    const account = await xAccount(4 * 60);
    const holder = 'another-worker';
    await a.dataSource.query(
      `UPDATE social_account_credentials
       SET refresh_lease_until = now() + interval '30 seconds', refresh_lease_owner = $2
       WHERE social_account_id = $1`,
      [account.id, holder],
    );
    const waiting = b.app.get(AccountCredentialsService).platformAccountFor(account.id);
    // The holder refreshes and stores (as the service would), while the other waits.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const next: XOAuth2Credentials = {
      type: 'x_oauth2',
      ...fake.grant(account.externalId, X_CLIENT.id),
      expiresAt: new Date(clock.now().getTime() + 7200_000).toISOString(),
    };
    await a.app.get(AccountCredentialsService).store(a.dataSource.manager, account.id, next);
    expect((await waiting).credentials).toEqual(next);
    expect(fake.refreshes).toHaveLength(0);
  });
});

describe('publishing with live credentials', () => {
  const targetRow = async (id: string) =>
    (
      await a.dataSource.query(
        `SELECT status, last_error_code, platform_post_id FROM post_targets WHERE id = $1`,
        [id],
      )
    )[0];

  it('two workers needing the same refresh: one refresh, both publish', async () => {
    const account = await xAccount(2 * 60);
    const first = await dueLivePost(a, w, images, account, 'Kemeja batik tulis, motif parang');
    const second = await dueLivePost(a, w, images, account, 'Tas anyaman pandan, hijau tua');
    await Promise.all([
      a.app.get(DispatcherService).runOnce(),
      b.app.get(DispatcherService).runOnce(),
    ]);

    expect(fake.refreshes).toHaveLength(1);
    for (const target of [first, second]) {
      const row = await targetRow(target.targetId);
      expect(row.status).toBe('published');
      expect(fake.tweets.get(row.platform_post_id)?.authorId).toBe(account.externalId);
    }
    expect(fake.tweetsOf(account.externalId)).toHaveLength(2);
  });

  it('refreshes once and publishes again when X refuses the access token', async () => {
    const account = await xAccount(7200);
    fake.expireAccessToken(account.credentials.accessToken);
    const { targetId } = await dueLivePost(a, w, images, account, 'Sandal kulit, jahitan tangan');
    await a.app.get(DispatcherService).runOnce();

    expect(fake.refreshes).toHaveLength(1);
    expect((await targetRow(targetId)).status).toBe('published');
    expect(fake.tweetsOf(account.externalId)).toHaveLength(1);
    expect(await accountStatus(account.id)).toBe('connected');
  });

  it('two workers refused with the same token: one forced refresh, both publish', async () => {
    const account = await xAccount(7200);
    fake.expireAccessToken(account.credentials.accessToken);
    const first = await dueLivePost(a, w, images, account, 'Vas tanah liat, glasir biru');
    const second = await dueLivePost(a, w, images, account, 'Piring kayu jati, ukir tangan');
    await Promise.all([
      a.app.get(DispatcherService).runOnce(),
      b.app.get(DispatcherService).runOnce(),
    ]);

    expect(fake.refreshes).toHaveLength(1);
    for (const target of [first, second]) {
      expect((await targetRow(target.targetId)).status).toBe('published');
    }
    expect(fake.tweetsOf(account.externalId)).toHaveLength(2);
  });

  it('marks the account for re-authentication when the refresh token is spent', async () => {
    const account = await xAccount(60);
    // Someone else used the refresh token: X has rotated it away.
    await fetch(`${fake.url}/2/oauth2/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Basic ${Buffer.from(`${X_CLIENT.id}:${X_CLIENT.secret}`).toString('base64')}`,
      },
      body: JSON.stringify({
        grant_type: 'refresh_token',
        refresh_token: account.credentials.refreshToken,
      }),
    });
    fake.expireAccessToken(account.credentials.accessToken);
    const { targetId } = await dueLivePost(a, w, images, account, 'Keranjang rotan, ukuran besar');
    await a.app.get(DispatcherService).runOnce();

    const row = await targetRow(targetId);
    expect(row).toMatchObject({ status: 'failed', last_error_code: 'x:oauth2:400' });
    expect(await accountStatus(account.id)).toBe('needs_reauth');
    expect(fake.tweetsOf(account.externalId)).toHaveLength(0);
  });

  it('fails a target whose live account has no credentials', async () => {
    const account = await makeSocialAccount(a.dataSource, w.institutionId, {
      network: 'x',
      kind: 'live',
    });
    const { targetId } = await dueLivePost(a, w, images, account, 'Dompet kulit, cokelat');
    await a.app.get(DispatcherService).runOnce();
    expect(await targetRow(targetId)).toMatchObject({
      status: 'failed',
      last_error_code: 'no_credentials',
    });
  });
});
