/**
 * The X adapter drives the real twitter-api-v2 against the X fake (v2 media upload, posts with
 * weighted length and duplicate refusal, rate-limit headers, OAuth 2.0 refresh).
 */
import { createServer } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { FrozenClock } from '../../src/common/clock';
import {
  PlatformAccount,
  PlatformError,
  PlatformErrorKind,
  PublishContent,
  XOAuth2Credentials,
} from '../../src/platforms/platform-adapter';
import { XAdapter } from '../../src/platforms/x/x.adapter';
import { FailureMatch, FailureMode, ImageHost } from '../support/fakes/fake-http';
import { jpeg } from '../support/fakes/fake-images';
import { XApiFake } from '../support/fakes/x-api.fake';

process.env.NO_PROXY = '127.0.0.1,localhost';

const HOUR = 3_600_000;
const USER = '2244994945';
const clock = new FrozenClock(new Date('2026-07-01T03:00:00Z'));
const fake = new XApiFake({ now: () => clock.now() });
const images = new ImageHost();
let adapter: XAdapter;
let photo: Buffer;
let photoUrl: string;

function account(): PlatformAccount {
  const tokens = fake.grant(USER, 'karya-client');
  return {
    externalId: USER,
    credentials: {
      type: 'x_oauth2',
      ...tokens,
      expiresAt: new Date(clock.now().getTime() + 2 * HOUR).toISOString(),
    },
  };
}

function content(
  caption = 'Tas & dompet anyaman WBP — lihat https://karya.id/p/123',
): PublishContent {
  return {
    caption,
    marker: 'target-x',
    images: [{ url: photoUrl, altText: 'Tas anyaman hijau', bytes: photo }],
  };
}

async function failure(promise: Promise<unknown>): Promise<PlatformError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PlatformError);
  return error as PlatformError;
}

beforeAll(async () => {
  await Promise.all([fake.start(), images.start()]);
  fake.addClient('karya-client', 'karya-secret');
  fake.addUser(USER, 'lapascipinang', 640);
  photo = await jpeg(1200, 675);
  photoUrl = images.add('x.jpg', photo);
  adapter = new XAdapter(
    { baseUrl: fake.url, timeoutMs: 1_000, clientId: 'karya-client', clientSecret: 'karya-secret' },
    clock,
  );
});

afterAll(async () => {
  await Promise.all([fake.stop(), images.stop()]);
});

beforeEach(() => fake.reset());

describe('publishing', () => {
  it('uploads the image in v2 steps, sets its alt text, then posts with the media id', async () => {
    const acct = account();
    const published = await adapter.publish(acct, content());

    const steps = fake.requests.map((r) => `${r.method} ${r.path}`);
    const [upload] = fake.uploads.values();
    expect(steps).toEqual([
      'POST /2/media/upload/initialize',
      `POST /2/media/upload/${upload.id}/append`,
      `POST /2/media/upload/${upload.id}/finalize`,
      'POST /2/media/metadata',
      'POST /2/tweets',
    ]);
    expect(fake.requests[0].body).toEqual({
      media_type: 'image/jpeg',
      total_bytes: photo.length,
      media_category: 'tweet_image',
    });
    expect(fake.requests[1].files.media.equals(photo)).toBe(true);
    expect(fake.requests[3].body).toEqual({
      id: upload.id,
      metadata: { alt_text: { text: 'Tas anyaman hijau' } },
    });
    expect(fake.requests[4].body).toEqual({
      text: content().caption,
      media: { media_ids: [upload.id] },
    });
    const bearer = `Bearer ${(acct.credentials as XOAuth2Credentials).accessToken}`;
    expect(fake.requests.every((r) => r.headers.authorization === bearer)).toBe(true);
    const [tweet] = fake.tweetsOf(USER);
    expect(tweet.original).toBe(content().caption);
    expect(published).toEqual({
      platformPostId: tweet.id,
      permalink: `https://x.com/i/web/status/${tweet.id}`,
    });
  });

  it('downloads the image from its public URL when no bytes are given', async () => {
    await adapter.publish(account(), { ...content(), images: [{ url: photoUrl, altText: '' }] });
    expect(images.hits).toContain('/media/x.jpg');
    expect(fake.find('POST', '/2/media/metadata')).toHaveLength(0);
    expect(fake.tweetsOf(USER)[0].mediaIds).toHaveLength(1);
  });

  it('refuses a caption over 280 weighted characters before calling X', async () => {
    const error = await failure(adapter.publish(account(), content('界'.repeat(141))));
    expect(error).toMatchObject({
      kind: 'rejected',
      platformCode: 'karya:caption.max_weighted_length',
    });
    expect(fake.requests).toHaveLength(0);
  });
});

describe('errors land in the taxonomy', () => {
  const postCall: FailureMatch = { method: 'POST', path: /^\/2\/tweets$/ };
  const cases: Array<[string, FailureMode, FailureMatch, PlatformErrorKind]> = [
    ['5xx on the post', 'server_error', postCall, 'unknown_outcome'],
    ['timeout on the post', 'timeout', postCall, 'unknown_outcome'],
    ['connection dropped on the post', 'drop', postCall, 'unknown_outcome'],
    ['posted, then a 500', 'error_after_side_effect', postCall, 'unknown_outcome'],
    ['posted, then the connection dropped', 'drop_after_side_effect', postCall, 'unknown_outcome'],
    ['5xx initializing the upload', 'server_error', { path: 'initialize' }, 'retry_later'],
    ['timeout appending', 'timeout', { path: 'append' }, 'retry_later'],
    ['429 on the post', 'rate_limited', postCall, 'retry_later'],
    ['expired access token (401)', 'expired_token', {}, 'reauthenticate'],
    [
      'missing scope (403)',
      {
        reply: {
          status: 403,
          body: {
            title: 'Forbidden',
            detail: 'You are not permitted to perform this action.',
            type: 'about:blank',
            status: 403,
          },
        },
      },
      postCall,
      'reauthenticate',
    ],
    [
      'invalid request (400)',
      {
        reply: {
          status: 400,
          body: {
            errors: [{ message: 'Invalid media' }],
            title: 'Invalid Request',
            type: 'https://api.twitter.com/2/problems/invalid-request',
          },
        },
      },
      postCall,
      'rejected',
    ],
  ];

  const named = cases.map(
    ([name, mode, match, kind]) => [`${name} → ${kind}`, mode, match, kind] as const,
  );
  it.each(named)('%s', async (_name, mode, match, kind) => {
    fake.failNext(1, mode, match);
    const error = await failure(adapter.publish(account(), content()));
    expect(error.kind).toBe(kind);
    expect(error.network).toBe('x');
    if (mode === 'timeout') expect(error.platformCode).toBe('network:timeout');
  });

  it('retries a 429 at the x-rate-limit-reset time', async () => {
    fake.failNext(1, 'rate_limited', postCall);
    const error = await failure(adapter.publish(account(), content()));
    expect(error.retryAt).toEqual(new Date(clock.now().getTime() + 60_000));
  });

  it('stops at the posting limit with the window reset as the retry time', async () => {
    const limited = new XApiFake({ now: () => clock.now(), postLimit: 1 });
    await limited.start();
    try {
      limited.addUser(USER, 'lapascipinang');
      const x = new XAdapter({ baseUrl: limited.url, timeoutMs: 1_000 }, clock);
      const tokens = limited.grant(USER, 'karya-client');
      const acct: PlatformAccount = {
        externalId: USER,
        credentials: {
          type: 'x_oauth2',
          ...tokens,
          expiresAt: new Date(clock.now().getTime() + HOUR).toISOString(),
        },
      };
      await x.publish(acct, content('Pertama'));
      expect(limited.find('POST', '/2/tweets')[0]).toBeDefined();
      const error = await failure(x.publish(acct, content('Kedua')));
      expect(error).toMatchObject({ kind: 'retry_later', platformCode: 'x:429' });
      expect(error.retryAt).toEqual(new Date(clock.now().getTime() + 15 * 60_000));
    } finally {
      await limited.stop();
    }
  });

  it('reads a duplicate refusal as "maybe already posted"', async () => {
    const acct = account();
    await adapter.publish(acct, content());
    const error = await failure(adapter.publish(acct, content()));
    expect(error).toMatchObject({
      kind: 'unknown_outcome',
      duplicate: true,
      platformCode: 'x:403:duplicate',
    });
  });

  it('retries when the connection is refused: nothing was sent', async () => {
    const closed = await unusedPort();
    const x = new XAdapter({ baseUrl: `http://127.0.0.1:${closed}`, timeoutMs: 1_000 }, clock);
    const error = await failure(x.publish(account(), content()));
    expect(error).toMatchObject({ kind: 'retry_later', platformCode: 'network:refused' });
  });
});

describe('reconcile', () => {
  it('finds a post made although the connection dropped, despite t.co links and escaping', async () => {
    const acct = account();
    const since = clock.now();
    fake.failNext(1, 'drop_after_side_effect', { method: 'POST', path: /^\/2\/tweets$/ });
    expect((await failure(adapter.publish(acct, content()))).kind).toBe('unknown_outcome');
    const [tweet] = fake.tweetsOf(USER);
    expect(tweet.text).not.toBe(content().caption);

    const result = await adapter.reconcile(acct, {
      marker: 'target-x',
      caption: content().caption,
      since,
    });
    expect(result).toEqual({
      status: 'found',
      platformPostId: tweet.id,
      permalink: `https://x.com/i/web/status/${tweet.id}`,
    });
    const [timeline] = fake.find('GET', `/2/users/${USER}/tweets`);
    expect(timeline.query['tweet.fields']).toBe('created_at');
    expect(Date.parse(timeline.query.start_time)).toBeLessThanOrEqual(since.getTime());
  });

  it('says not found after a refusal of an older identical post', async () => {
    const acct = account();
    fake.seedTweet(USER, content().caption, new Date(clock.now().getTime() - 48 * HOUR));
    const since = clock.now();
    const error = await failure(adapter.publish(acct, content()));
    expect(error.duplicate).toBe(true);
    expect(
      await adapter.reconcile(acct, { marker: 'target-x', caption: content().caption, since }),
    ).toEqual({
      status: 'not_found',
    });
  });
});

describe('tokens', () => {
  it('refreshes an expiring OAuth 2.0 token once, storing the rotated refresh token', async () => {
    const acct = account();
    const old = acct.credentials as XOAuth2Credentials;
    const expiring: PlatformAccount = {
      ...acct,
      credentials: {
        ...old,
        expiresAt: new Date(clock.now().getTime() + 5 * 60_000).toISOString(),
      },
    };
    const result = await adapter.refreshCredentials(expiring);
    if (result.status !== 'refreshed') throw new Error('expected a refresh');
    const next = result.credentials as XOAuth2Credentials;

    const [request] = fake.find('POST', '/2/oauth2/token');
    expect(request.headers['content-type']).toMatch(/^application\/json/);
    expect(request.body).toMatchObject({
      grant_type: 'refresh_token',
      refresh_token: old.refreshToken,
    });
    expect(request.headers.authorization).toBe(
      `Basic ${Buffer.from('karya-client:karya-secret').toString('base64')}`,
    );
    expect(next.refreshToken).not.toBe(old.refreshToken);
    expect(next.accessToken).not.toBe(old.accessToken);
    expect(next.expiresAt).toBe(new Date(clock.now().getTime() + 7200 * 1000).toISOString());
    expect(next.scope).toContain('offline.access');
    expect(fake.refreshes).toHaveLength(1);

    await adapter.publish({ ...acct, credentials: next }, content('Setelah token baru'));
    const spent = await failure(adapter.refreshCredentials(expiring));
    expect(spent).toMatchObject({ kind: 'reauthenticate', platformCode: 'x:oauth2:400' });
  });

  it('does not refresh a token with time left, unless forced', async () => {
    const acct = account();
    expect(await adapter.refreshCredentials(acct)).toEqual({ status: 'not_needed' });
    expect(fake.requests).toHaveLength(0);
    expect((await adapter.refreshCredentials(acct, { force: true })).status).toBe('refreshed');
  });

  it('asks to reconnect when OAuth 1.0a keys are not configured', async () => {
    const acct: PlatformAccount = {
      externalId: USER,
      credentials: { type: 'x_oauth1', accessToken: 'a', accessSecret: 'b' },
    };
    expect(await adapter.refreshCredentials(acct)).toEqual({ status: 'not_needed' });
    expect((await failure(adapter.publish(acct, content()))).kind).toBe('reauthenticate');
  });
});

describe('metrics, followers, deletion', () => {
  it('reads public and non-public metrics of a recent post', async () => {
    const acct = account();
    const { platformPostId } = await adapter.publish(acct, content());
    const tweet = fake.tweets.get(platformPostId);
    if (!tweet) throw new Error('tweet missing');
    Object.assign(tweet.publicMetrics, { like_count: 7, retweet_count: 2, impression_count: 90 });
    Object.assign(tweet.nonPublicMetrics, {
      impression_count: 95,
      url_link_clicks: 4,
      user_profile_clicks: 1,
    });

    expect((await adapter.fetchMetrics(acct, platformPostId)).metrics).toEqual({
      impression_count: 95,
      like_count: 7,
      retweet_count: 2,
      reply_count: 0,
      quote_count: 0,
      bookmark_count: 0,
      url_link_clicks: 4,
      user_profile_clicks: 1,
    });
    const [lookup] = fake.find('GET', `/2/tweets/${platformPostId}`);
    expect(lookup.query['tweet.fields']).toBe('public_metrics,non_public_metrics');
  });

  it('leaves non-public metrics unknown after 30 days', async () => {
    const acct = account();
    const old = fake.seedTweet(USER, 'Lama', new Date(clock.now().getTime() - 40 * 24 * HOUR));
    old.publicMetrics.impression_count = 300;
    const { metrics } = await adapter.fetchMetrics(acct, old.id);
    expect(metrics).toMatchObject({
      impression_count: 300,
      url_link_clicks: null,
      user_profile_clicks: null,
    });
  });

  it('reads followers and deletes a post', async () => {
    const acct = account();
    expect(await adapter.fetchFollowers(acct)).toBe(640);
    const { platformPostId } = await adapter.publish(acct, content());
    expect(await adapter.deletePost(acct, platformPostId)).toBe('deleted');
    expect(await adapter.deletePost(acct, platformPostId)).toBe('already_gone');
  });
});

async function unusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
