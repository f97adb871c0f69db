/**
 * The Facebook Page adapter drives the real facebook-nodejs-business-sdk against the Graph fake.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { FrozenClock } from '../../src/common/clock';
import { FacebookAdapter } from '../../src/platforms/facebook/facebook.adapter';
import {
  PlatformAccount,
  PlatformError,
  PlatformErrorKind,
  PublishContent,
} from '../../src/platforms/platform-adapter';
import { FailureMatch, FailureMode, ImageHost } from '../support/fakes/fake-http';
import { jpeg, png } from '../support/fakes/fake-images';
import { GraphApiFake } from '../support/fakes/graph-api.fake';
import { businessUseCaseHeader, graphError } from '../support/fakes/graph-rules';

process.env.NO_PROXY = '127.0.0.1,localhost';

const clock = new FrozenClock(new Date('2026-07-01T03:00:00Z'));
const fake = new GraphApiFake({ now: () => clock.now() });
const images = new ImageHost();
const account: PlatformAccount = {
  externalId: '104000000000001',
  credentials: { type: 'graph', accessToken: 'page-token-fb' },
};
const smallPage: PlatformAccount = {
  externalId: '104000000000002',
  credentials: { type: 'graph', accessToken: 'page-token-small' },
};
let adapter: FacebookAdapter;
let urls: string[];

function content(
  caption = 'Sepatu kulit buatan Lapas Sukamiskin — pesan lewat tautan di bio',
  count = 1,
): PublishContent {
  return {
    caption,
    marker: 'target-fb',
    images: urls.slice(0, count).map((url, i) => ({ url, altText: `Foto ${i + 1}` })),
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
  fake.addPage(account.externalId, 'page-token-fb', 850);
  fake.addPage(smallPage.externalId, 'page-token-small', 40);
  urls = [
    images.add('fb1.jpg', await jpeg(1200, 900)),
    images.add('fb2.png', await png(800, 800), 'image/png'),
    images.add('fb3.jpg', await jpeg(600, 600)),
  ];
  adapter = new FacebookAdapter({ baseUrl: fake.url, timeoutMs: 1_000 }, clock);
});

afterAll(async () => {
  await Promise.all([fake.stop(), images.stop()]);
});

beforeEach(() => fake.reset());

describe('publishing', () => {
  it('posts one photo by URL with its caption and keeps the post id', async () => {
    const published = await adapter.publish(account, content());

    const [create] = fake.find('POST', `/${account.externalId}/photos`);
    expect(create.path).toMatch(/^\/v\d+\.\d+\//);
    expect(create.query.access_token).toBe('page-token-fb');
    expect(create.body).toEqual({
      url: urls[0],
      caption: content().caption,
      alt_text_custom: 'Foto 1',
      published: true,
    });
    const [post] = fake.postsOf(account.externalId);
    expect(post.message).toBe(content().caption);
    expect(published).toEqual({ platformPostId: post.id, permalink: post.permalink });
    expect(images.hits).toContain('/media/fb1.jpg');
  });

  it('posts several photos as unpublished photos attached to one feed post', async () => {
    const published = await adapter.publish(account, content('Tiga produk baru', 3));

    const photos = fake.find('POST', '/photos');
    expect(photos.map((r) => r.body.published)).toEqual([false, false, false]);
    const [feed] = fake.find('POST', '/feed');
    const photoIds = [...fake.photos.keys()];
    expect(feed.body).toEqual({
      message: 'Tiga produk baru',
      attached_media: photoIds.map((id) => ({ media_fbid: id })),
    });
    expect(fake.posts.get(published.platformPostId)?.photoIds).toEqual(photoIds);
  });
});

describe('errors land in the taxonomy', () => {
  const photoCall: FailureMatch = { method: 'POST', path: '/photos' };
  const cases: Array<[string, FailureMode, FailureMatch, PlatformErrorKind]> = [
    ['5xx on the photo post', 'server_error', photoCall, 'unknown_outcome'],
    ['timeout on the photo post', 'timeout', photoCall, 'unknown_outcome'],
    ['connection dropped on the photo post', 'drop', photoCall, 'unknown_outcome'],
    ['posted, then a 500', 'error_after_side_effect', photoCall, 'unknown_outcome'],
    ['expired token (190/463)', 'expired_token', photoCall, 'reauthenticate'],
    [
      'password changed (190/460)',
      graphError({ code: 190, subcode: 460 }),
      photoCall,
      'reauthenticate',
    ],
    ['session invalid (102)', graphError({ code: 102 }), photoCall, 'reauthenticate'],
    ['unknown (1)', graphError({ code: 1, status: 500 }), photoCall, 'unknown_outcome'],
    ['service (2)', graphError({ code: 2, isTransient: true }), photoCall, 'unknown_outcome'],
    ['app limit (4)', 'rate_limited', photoCall, 'retry_later'],
    ['user limit (17)', graphError({ code: 17 }), photoCall, 'retry_later'],
    ['page limit (32)', graphError({ code: 32 }), photoCall, 'retry_later'],
    ['app limit (341)', graphError({ code: 341 }), photoCall, 'retry_later'],
    ['too many calls (613)', graphError({ code: 613 }), photoCall, 'retry_later'],
    ['business use case (80001)', graphError({ code: 80001 }), photoCall, 'retry_later'],
    ['business use case (80014)', graphError({ code: 80014 }), photoCall, 'retry_later'],
    ['policy block (368)', graphError({ code: 368 }), photoCall, 'retry_later'],
    ['permission (10)', graphError({ code: 10 }), photoCall, 'rejected'],
    ['permission (200)', graphError({ code: 200 }), photoCall, 'reauthenticate'],
    ['permission (299)', graphError({ code: 299 }), photoCall, 'reauthenticate'],
    ['capability (3)', graphError({ code: 3 }), photoCall, 'rejected'],
    ['invalid parameter (100)', graphError({ code: 100 }), photoCall, 'rejected'],
    ['duplicate post (506)', graphError({ code: 506 }), photoCall, 'unknown_outcome'],
  ];

  const named = cases.map(
    ([name, mode, match, kind]) => [`${name} → ${kind}`, mode, match, kind] as const,
  );
  it.each(named)('%s', async (_name, mode, match, kind) => {
    fake.failNext(1, mode, match);
    const error = await failure(adapter.publish(account, content()));
    expect(error.kind).toBe(kind);
    expect(error.network).toBe('facebook');
    if (mode === 'timeout') expect(error.platformCode).toBe('network:timeout');
    if (kind === 'retry_later') expect(error.retryAt).toBeInstanceOf(Date);
  });

  it('is only uncertain on the call that makes the post visible', async () => {
    fake.failNext(1, 'server_error', { method: 'POST', path: '/photos' });
    expect((await failure(adapter.publish(account, content('Dua foto', 2)))).kind).toBe(
      'retry_later',
    );
    fake.failNext(1, 'server_error', { method: 'POST', path: '/feed' });
    expect((await failure(adapter.publish(account, content('Dua foto', 2)))).kind).toBe(
      'unknown_outcome',
    );
  });

  it('retries throttling when Meta says access returns', async () => {
    fake.failNext(
      1,
      graphError({
        code: 80001,
        headers: { 'X-Business-Use-Case-Usage': businessUseCaseHeader(12) },
      }),
      { method: 'POST', path: '/photos' },
    );
    const error = await failure(adapter.publish(account, content()));
    expect(error.retryAt).toEqual(new Date(clock.now().getTime() + 12 * 60_000));
  });

  it('treats a real duplicate refusal as "maybe already posted"', async () => {
    await adapter.publish(account, content());
    const error = await failure(adapter.publish(account, content()));
    expect(error).toMatchObject({
      kind: 'unknown_outcome',
      duplicate: true,
      platformCode: 'graph:506',
    });
  });

  it('refuses an image Facebook cannot fetch', async () => {
    const error = await failure(
      adapter.publish(account, { ...content(), images: [{ url: `${urls[0]}-gone`, altText: '' }] }),
    );
    expect(error).toMatchObject({ kind: 'rejected', platformCode: 'graph:324' });
  });
});

describe('reconcile', () => {
  it('finds a post made although the connection dropped', async () => {
    const since = clock.now();
    fake.failNext(1, 'drop_after_side_effect', { method: 'POST', path: '/photos' });
    expect((await failure(adapter.publish(account, content()))).kind).toBe('unknown_outcome');

    const result = await adapter.reconcile(account, {
      marker: 'target-fb',
      caption: content().caption,
      since,
    });
    const [post] = fake.postsOf(account.externalId);
    expect(result).toEqual({ status: 'found', platformPostId: post.id, permalink: post.permalink });
    const [list] = fake.find('GET', '/published_posts');
    expect(list.query.fields).toBe('id,message,permalink_url,created_time');
    expect(Number(list.query.since)).toBeLessThanOrEqual(since.getTime() / 1000);
  });

  it('says not found when the failure came before the post existed', async () => {
    const since = clock.now();
    fake.failNext(1, 'server_error', { method: 'POST', path: '/photos' });
    await failure(adapter.publish(account, content()));
    expect(
      await adapter.reconcile(account, { marker: 'target-fb', caption: content().caption, since }),
    ).toEqual({
      status: 'not_found',
    });
  });
});

describe('metrics, followers, deletion', () => {
  it('reads reactions, comments and shares from the post and views from insights', async () => {
    const { platformPostId } = await adapter.publish(account, content());
    const post = fake.posts.get(platformPostId);
    if (!post) throw new Error('post missing');
    Object.assign(post, { reactions: 12, comments: 3, shares: 0, views: 410 });

    expect((await adapter.fetchMetrics(account, platformPostId)).metrics).toEqual({
      reactions: 12,
      comments: 3,
      shares: 0,
      views: 410,
    });
    expect(fake.find('GET', '/insights')[0].query.metric).toBe('post_total_media_view_unique');
    expect(fake.find('GET', new RegExp(`/${platformPostId}$`)).at(-1)?.query.fields).toBe(
      'reactions.summary(total_count).limit(0),comments.summary(total_count).limit(0),shares',
    );
  });

  it('leaves views unknown on a Page too small for insights', async () => {
    const { platformPostId } = await adapter.publish(smallPage, content());
    const post = fake.posts.get(platformPostId);
    if (!post) throw new Error('post missing');
    Object.assign(post, { reactions: 1, shares: 2, views: 30 });
    expect((await adapter.fetchMetrics(smallPage, platformPostId)).metrics).toEqual({
      reactions: 1,
      comments: 0,
      shares: 2,
      views: null,
    });
  });

  it('reads followers and deletes a post', async () => {
    expect(await adapter.fetchFollowers(account)).toBe(850);
    const { platformPostId } = await adapter.publish(account, content());
    expect(await adapter.deletePost(account, platformPostId)).toBe('deleted');
    expect(fake.posts.has(platformPostId)).toBe(false);
    expect(await adapter.deletePost(account, platformPostId)).toBe('already_gone');
  });
});
