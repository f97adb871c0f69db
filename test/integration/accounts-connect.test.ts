/**
 * Connecting live accounts over HTTP against the platform fakes: Facebook Login (user token →
 * long-lived token → Pages with their Instagram accounts), X OAuth 2.0 with PKCE and X OAuth 1.0a
 * user keys; reconnecting, disconnecting, which sign-ins are configured, and the answers when the
 * platform apps are not configured. Tokens never appear in a response or in the audit log.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '../../src/auth/roles';
import { FrozenClock } from '../../src/common/clock';
import type { PlatformAccount } from '../../src/platforms/platform-adapter';
import { AccountCredentialsService } from '../../src/publishing/accounts/account-credentials.service';
import { DispatcherService } from '../../src/publishing/dispatcher/dispatcher.service';
import type { TestApp } from '../support/app';
import { makeSocialAccount } from '../support/factories';
import { ImageHost } from '../support/fakes/fake-http';
import { GraphApiFake } from '../support/fakes/graph-api.fake';
import { XApiFake } from '../support/fakes/x-api.fake';
import {
  dueLivePost,
  liveTestApp,
  liveWorld,
  META_APP,
  NOW,
  X_CLIENT,
  type LiveWorld,
} from './accounts-fixtures';

process.env.NO_PROXY = '127.0.0.1,localhost';

const CONSUMER = { key: 'karya-consumer-key', secret: 'karya-consumer-secret' };
const REDIRECT = 'https://karya.example.id/app/akun/x/callback';
const clock = new FrozenClock(NOW);
const graph = new GraphApiFake({ now: () => clock.now() });
const x = new XApiFake({ now: () => clock.now() });
const images = new ImageHost();
let t: TestApp;
let bare: TestApp;
let w: LiveWorld;
let seq = 0;

beforeAll(async () => {
  const [graphUrl, xUrl, imagesUrl] = await Promise.all([graph.start(), x.start(), images.start()]);
  graph.oauth.addApp(META_APP.id, META_APP.secret);
  x.addClient(X_CLIENT.id, X_CLIENT.secret);
  t = await liveTestApp(
    clock,
    { graph: graphUrl, x: xUrl, imagesUrl },
    { X_CONSUMER_KEY: CONSUMER.key, X_CONSUMER_SECRET: CONSUMER.secret },
  );
  // The same platforms, but none of the platform apps configured.
  bare = await liveTestApp(
    clock,
    { graph: graphUrl, x: xUrl, imagesUrl },
    { META_APP_ID: '', META_APP_SECRET: '', X_CLIENT_ID: '', X_CLIENT_SECRET: '' },
  );
  w = await liveWorld(t);
}, 60_000);

afterAll(async () => {
  await t?.close();
  await bare?.close();
  await Promise.all([graph.stop(), x.stop(), images.stop()]);
});

const n = () => ++seq;

/** A person managing one Page linked to an Instagram business account, known to the fake. */
function pagePerson() {
  const i = n();
  const page = {
    id: `10485760${i}`,
    name: `Lapas Kelas ${i}`,
    accessToken: `EAApage-${i}`,
    instagram: { id: `178414${i}`, username: `lapas_${i}` },
  };
  const bare = { id: `20485760${i}`, name: `Bapas ${i}`, accessToken: `EAApage-b${i}` };
  graph.addPage(page.id, page.accessToken);
  graph.addInstagramAccount(page.instagram.id, page.accessToken);
  graph.addPage(bare.id, bare.accessToken);
  const userToken = graph.oauth.userToken(`person-${i}`, [page, bare]);
  return { page, bare, userToken };
}

async function storedAccount(id: string): Promise<PlatformAccount> {
  return t.app.get(AccountCredentialsService).platformAccountFor(id);
}

const accountRow = async (id: string) =>
  (
    await t.dataSource.query(
      `SELECT network, kind, status, external_id, handle, display_name FROM social_accounts
       WHERE id = $1`,
      [id],
    )
  )[0];

const auditOf = (id: string) =>
  t.dataSource.query(
    `SELECT action, before, after FROM audit_log WHERE entity_id = $1 ORDER BY occurred_at, id`,
    [id],
  );

/** POST /api/social-accounts/<route>, as the world's admin unless `as` says otherwise. */
const post = (route: string, body: object, status: number, as: Pick<LiveWorld, 'auth'> = w) =>
  t.http().post(`/api/social-accounts/${route}`).set(as.auth).send(body).expect(status);

/** Publishes a due post to the account once; the target's status afterwards. */
async function publishOnce(account: Parameters<typeof dueLivePost>[3], caption: string) {
  const { targetId } = await dueLivePost(t, w, images, account, caption);
  await t.app.get(DispatcherService).runOnce();
  const [target] = await t.dataSource.query(`SELECT status FROM post_targets WHERE id = $1`, [
    targetId,
  ]);
  return target.status as string;
}

describe('connect options', () => {
  const options = (app: TestApp, as: Pick<LiveWorld, 'auth'>, status = 200) =>
    app.http().get('/api/social-accounts/connect-options').set(as.auth).expect(status);

  it('tells which sign-ins the server is configured for, without the settings', async () => {
    const all = await options(t, w);
    expect(all.body).toEqual({ graph: true, xOAuth2: true, xUserKeys: true });
    const none = await options(bare, await liveWorld(bare));
    expect(none.body).toEqual({ graph: false, xOAuth2: false, xUserKeys: false });
  });

  it('is for those who may connect accounts', async () => {
    await options(t, await liveWorld(t, Role.Staff), 403);
  });
});

describe('Facebook Login', () => {
  it('lists the Pages for a user token, then connects a Page and its Instagram account', async () => {
    const { page, bare: plainPage, userToken } = pagePerson();
    const start = await post('graph/connections', { userAccessToken: userToken }, 201);
    expect(start.body.pages).toEqual([
      { id: page.id, name: page.name, instagramAccount: page.instagram },
      { id: plainPage.id, name: plainPage.name, instagramAccount: null },
    ]);
    expect(JSON.stringify(start.body)).not.toContain('EAA');
    const exchange = graph.find('GET', /\/oauth\/access_token$/).at(-1)!;
    expect(exchange.query).toMatchObject({
      grant_type: 'fb_exchange_token',
      client_id: META_APP.id,
      fb_exchange_token: userToken,
    });
    // The Pages were listed with the long-lived token, not the short-lived one.
    expect(graph.find('GET', /\/me\/accounts$/).at(-1)!.query.access_token).toMatch(/^EAAlong-/);

    const connected = await post(
      'graph/accounts',
      {
        connectionId: start.body.connectionId,
        pageId: page.id,
        networks: ['facebook', 'instagram'],
      },
      201,
    );
    expect(JSON.stringify(connected.body)).not.toContain('EAA');
    const [facebook, instagram] = connected.body;
    expect(facebook).toMatchObject({ network: 'facebook', kind: 'live', status: 'connected' });
    expect(instagram).toMatchObject({
      network: 'instagram',
      kind: 'live',
      status: 'connected',
      handle: page.instagram.username,
    });
    expect(await accountRow(facebook.id)).toMatchObject({
      external_id: page.id,
      display_name: page.name,
    });
    expect(await accountRow(instagram.id)).toMatchObject({ external_id: page.instagram.id });
    for (const account of [facebook, instagram]) {
      expect((await storedAccount(account.id)).credentials).toEqual({
        type: 'graph',
        accessToken: page.accessToken,
      });
      const audit = await auditOf(account.id);
      expect(audit.map((a: { action: string }) => a.action)).toEqual(['create']);
      expect(JSON.stringify(audit)).not.toContain('EAA');
    }

    // The connected Page publishes with its stored token.
    expect(await publishOnce(facebook, 'Batik tulis karya WBP')).toBe('published');
    expect([...graph.photos.values()].filter((photo) => photo.owner === page.id)).toHaveLength(1);
  });

  it('reconnects an account that needs re-authentication, replacing its token', async () => {
    const { page, userToken } = pagePerson();
    const first = await connectPage(userToken, page.id, ['facebook']);
    await t.dataSource.query(`UPDATE social_accounts SET status = 'needs_reauth' WHERE id = $1`, [
      first.id,
    ]);
    const renewed = `EAApage-renewed-${n()}`;
    graph.addPage(page.id, renewed);
    const again = graph.oauth.userToken(`person-again-${n()}`, [{ ...page, accessToken: renewed }]);
    const second = await connectPage(again, page.id, ['facebook']);

    expect(second.id).toBe(first.id);
    expect(second.status).toBe('connected');
    expect((await storedAccount(first.id)).credentials).toEqual({
      type: 'graph',
      accessToken: renewed,
    });
    const audit = await auditOf(first.id);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['create', 'update']);
    expect(audit[1].before.status).toBe('needs_reauth');
    expect(audit[1].after).toMatchObject({ status: 'connected', credentials: 'stored' });
  });

  it('refuses an invalid user token, naming the field', async () => {
    const res = await post('graph/connections', { userAccessToken: 'EAAnot-a-token' }, 422);
    expect(res.body.field).toBe('userAccessToken');
  });

  it("refuses an Instagram account the Page does not have, and another person's connection", async () => {
    const { bare: plainPage, userToken } = pagePerson();
    const start = await post('graph/connections', { userAccessToken: userToken }, 201);
    const noInstagram = await post(
      'graph/accounts',
      { connectionId: start.body.connectionId, pageId: plainPage.id, networks: ['instagram'] },
      422,
    );
    expect(noInstagram.body.field).toBe('networks');

    const colleague = await liveWorld(t);
    const foreign = await post(
      'graph/accounts',
      { connectionId: start.body.connectionId, pageId: plainPage.id, networks: ['facebook'] },
      404,
      colleague,
    );
    expect(foreign.body.field).toBe('connectionId');
  });
});

async function connectPage(userToken: string, pageId: string, networks: string[]) {
  const start = await post('graph/connections', { userAccessToken: userToken }, 201);
  const res = await post(
    'graph/accounts',
    { connectionId: start.body.connectionId, pageId, networks },
    201,
  );
  return res.body[0] as { id: string; status: string };
}

describe('X sign-in', () => {
  it('connects an account with OAuth 2.0 and PKCE, the state working once', async () => {
    const userId = `7700${n()}`;
    x.addUser(userId, `lapas_x_${seq}`);
    const start = await post('x/authorize', { redirectUri: REDIRECT }, 201);
    const url = new URL(start.body.authorizeUrl);
    expect(url.origin).toBe('https://x.com');
    expect(url.searchParams.get('scope')!.split(' ')).toContain('offline.access');
    expect(url.searchParams.get('client_id')).toBe(X_CLIENT.id);
    expect(JSON.stringify(start.body)).not.toMatch(/verifier/i);

    const { code, state } = x.oauth.consent(start.body.authorizeUrl, userId);
    expect(state).toBe(start.body.state);
    const res = await post('x/callback', { state, code }, 201);
    expect(res.body).toMatchObject({
      network: 'x',
      kind: 'live',
      status: 'connected',
      handle: `lapas_x_${seq}`,
    });
    expect(JSON.stringify(res.body)).not.toMatch(/xat-|xrt-/);
    const stored = await storedAccount(res.body.id);
    expect(stored.externalId).toBe(userId);
    expect(stored.credentials).toMatchObject({
      type: 'x_oauth2',
      accessToken: expect.stringMatching(/^xat-/),
      refreshToken: expect.stringMatching(/^xrt-/),
      expiresAt: new Date(NOW.getTime() + 7200_000).toISOString(),
    });

    const replay = await post('x/callback', { state, code }, 404);
    expect(replay.body.field).toBe('state');
  });

  it('refuses a code X does not accept, naming the field', async () => {
    const start = await post('x/authorize', { redirectUri: REDIRECT }, 201);
    const res = await post('x/callback', { state: start.body.state, code: 'xcode-forged' }, 422);
    expect(res.body.field).toBe('code');
  });

  it('connects an account with OAuth 1.0a user keys checked against X', async () => {
    const userId = `8800${n()}`;
    x.addUser(userId, `bapas_${seq}`);
    x.oauth.addUserKeys(userId, CONSUMER.key, `${userId}-token`);
    const res = await post(
      'x/user-keys',
      { accessToken: `${userId}-token`, accessSecret: 'rahasia' },
      201,
    );
    expect(res.body).toMatchObject({ network: 'x', status: 'connected', handle: `bapas_${seq}` });
    expect(JSON.stringify(res.body)).not.toContain('rahasia');
    expect((await storedAccount(res.body.id)).credentials).toEqual({
      type: 'x_oauth1',
      accessToken: `${userId}-token`,
      accessSecret: 'rahasia',
    });

    // Publishing signs with the app's consumer keys and the account's user keys.
    expect(await publishOnce(res.body, 'Tas rajut, warna bata')).toBe('published');
    expect(x.tweetsOf(userId)).toHaveLength(1);
    expect(String(x.find('POST', '/2/tweets').at(-1)!.headers.authorization)).toContain(
      `oauth_consumer_key="${CONSUMER.key}"`,
    );

    const refused = await post(
      'x/user-keys',
      { accessToken: 'unknown-token', accessSecret: 'rahasia' },
      422,
    );
    expect(refused.body.field).toBe('accessToken');
  });
});

describe('disconnecting', () => {
  it('deletes the credentials; publishing then fails until the account is reconnected', async () => {
    const { page, userToken } = pagePerson();
    const account = await connectPage(userToken, page.id, ['facebook']);
    const res = await t
      .http()
      .delete(`/api/social-accounts/${account.id}/credentials`)
      .set(w.auth)
      .expect(200);
    expect(res.body.status).toBe('needs_reauth');
    const rows = await t.dataSource.query(
      `SELECT 1 FROM social_account_credentials WHERE social_account_id = $1`,
      [account.id],
    );
    expect(rows).toHaveLength(0);
    const audit = await auditOf(account.id);
    expect(audit.at(-1).after).toMatchObject({ status: 'needs_reauth', credentials: 'deleted' });
  });

  it('refuses a sandbox account and hides other institutions', async () => {
    const sandbox = await makeSocialAccount(t.dataSource, w.institutionId, { network: 'x' });
    await t.http().delete(`/api/social-accounts/${sandbox.id}/credentials`).set(w.auth).expect(422);
    const other = await liveWorld(t, Role.Admin);
    const foreign = await makeSocialAccount(t.dataSource, other.institutionId, { kind: 'live' });
    await t.http().delete(`/api/social-accounts/${foreign.id}/credentials`).set(w.auth).expect(404);
  });
});

describe('without the platform apps configured', () => {
  it('names the missing variable', async () => {
    const b = await liveWorld(bare);
    const graphStart = await bare
      .http()
      .post('/api/social-accounts/graph/connections')
      .set(b.auth)
      .send({ userAccessToken: 'EAAshort-anything' })
      .expect(409);
    expect(graphStart.body.field).toBe('META_APP_ID');
    const xStart = await bare
      .http()
      .post('/api/social-accounts/x/authorize')
      .set(b.auth)
      .send({ redirectUri: REDIRECT })
      .expect(409);
    expect(xStart.body.field).toBe('X_CLIENT_ID');
    const keys = await bare
      .http()
      .post('/api/social-accounts/x/user-keys')
      .set(b.auth)
      .send({ accessToken: 'a', accessSecret: 'b' })
      .expect(409);
    expect(keys.body.field).toBe('X_CONSUMER_KEY');
  });
});
