/**
 * The Instagram adapter drives the real facebook-nodejs-business-sdk against the Graph fake,
 * which fetches the images over HTTP, enforces Instagram's rules and fails on script.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { InstagramAdapter } from '../../src/platforms/instagram/instagram.adapter';
import { PlatformAccount } from '../../src/platforms/platform-adapter';
import { InstagramWorld, platformError as failure } from '../support/fakes/instagram-world';

process.env.NO_PROXY = '127.0.0.1,localhost';

const HOUR = 3_600_000;
const world = new InstagramWorld();
const { clock, fake, images, account } = world;
const content = (caption?: string, count?: number) => world.content(caption, count);

beforeAll(() => world.start());
afterAll(() => world.stop());
beforeEach(() => fake.reset());

describe('publishing', () => {
  it('reads the quota, creates a container, waits for FINISHED and publishes it', async () => {
    const published = await world.adapter.publish(account, content());

    const steps = fake.requests.map((r) => `${r.method} ${r.path.replace(/^\/v\d+\.\d+/, '')}`);
    const container = fake.find('POST', '/media')[0];
    expect(steps).toEqual([
      `GET /${account.externalId}/content_publishing_limit`,
      `POST /${account.externalId}/media`,
      expect.stringMatching(/^GET \/\d+$/),
      expect.stringMatching(/^GET \/\d+$/),
      `POST /${account.externalId}/media_publish`,
      `GET /${published.platformPostId}`,
    ]);
    expect(fake.requests.every((r) => /^\/v\d+\.\d+\//.test(r.path))).toBe(true);
    expect(fake.requests.every((r) => r.query.access_token === 'page-token-ig')).toBe(true);
    expect(container.body).toEqual({
      image_url: world.urls.square,
      caption: content().caption,
      alt_text: 'Foto produk 1',
    });
    const [media] = fake.mediaOf(account.externalId);
    expect(fake.find('POST', '/media_publish')[0].body).toEqual({
      creation_id: [...fake.containers.keys()][0],
    });
    expect(published).toEqual({ platformPostId: media.id, permalink: media.permalink });
    expect(media.caption).toBe(content().caption);
    expect(images.hits).toContain('/media/a.jpg');
  });

  it('publishes a carousel: one item container per image, then a CAROUSEL parent', async () => {
    const published = await world.adapter.publish(account, content('Tiga warna tas anyaman', 3));

    const creates = fake.find('POST', '/media').filter((r) => !r.path.endsWith('media_publish'));
    expect(creates.map((r) => r.body.is_carousel_item ?? r.body.media_type)).toEqual([
      true,
      true,
      true,
      'CAROUSEL',
    ]);
    const childIds = [...fake.containers.values()].filter((c) => c.isCarouselItem).map((c) => c.id);
    expect(creates[3].body).toMatchObject({
      children: childIds.join(','),
      caption: 'Tiga warna tas anyaman',
    });
    const media = fake.media.get(published.platformPostId);
    expect(media?.mediaType).toBe('CAROUSEL_ALBUM');
    expect(media?.altTexts).toEqual(['Foto produk 1', 'Foto produk 2', 'Foto produk 3']);
  });

  it('keeps polling a container that stays IN_PROGRESS for a while', async () => {
    fake.setPollsUntilFinished(4);
    await world.adapter.publish(account, content());
    expect(fake.find('GET', /^\/v\d+\.\d+\/\d+$/).length).toBeGreaterThanOrEqual(5);
  });

  it('gives up polling within its budget: retry later, nothing published', async () => {
    fake.setPollsUntilFinished(10_000);
    const impatient = new InstagramAdapter(
      {
        baseUrl: fake.url,
        timeoutMs: 1_000,
        publishLimit: 50,
        poll: { firstDelayMs: 5, maxDelayMs: 20, budgetMs: 150 },
      },
      clock,
    );
    const error = await failure(impatient.publish(account, content()));
    expect(error).toMatchObject({ kind: 'retry_later', platformCode: 'instagram:container' });
    expect(fake.find('POST', '/media_publish')).toHaveLength(0);
  });

  it('waits for the quota window when 50 posts were made in the last 24 hours', async () => {
    const oldest = new Date(clock.now().getTime() - 20 * HOUR);
    for (let i = 0; i < 50; i++) {
      fake.seedMedia(account.externalId, `Unggahan ${i}`, new Date(oldest.getTime() + i * 60_000));
    }
    const error = await failure(world.adapter.publish(account, content()));
    expect(error.kind).toBe('retry_later');
    expect(error.retryAt).toEqual(new Date(oldest.getTime() + 24 * HOUR));
    expect(fake.find('POST', '/media')).toHaveLength(0);
  });
});

describe('reconcile', () => {
  it('finds a post that was published although the client saw a failure', async () => {
    const since = clock.now();
    fake.failNext(1, 'drop_after_side_effect', { method: 'POST', path: '/media_publish' });
    const error = await failure(world.adapter.publish(account, content()));
    expect(error.kind).toBe('unknown_outcome');

    const result = await world.adapter.reconcile(account, {
      marker: 'target-1',
      caption: content().caption,
      since,
      containerId: error.containerId,
    });
    const [media] = fake.mediaOf(account.externalId);
    expect(result).toEqual({
      status: 'found',
      platformPostId: media.id,
      permalink: media.permalink,
    });
    expect(fake.find('GET', '/media')[0].query.fields).toBe('id,caption,permalink,timestamp');
  });

  it('trusts a PUBLISHED container even when the caption reads differently', async () => {
    const since = clock.now();
    fake.failNext(1, 'drop_after_side_effect', { method: 'POST', path: '/media_publish' });
    const error = await failure(world.adapter.publish(account, content()));
    const [media] = fake.mediaOf(account.externalId);
    media.caption = 'Instagram changed this caption';
    const query = { marker: 'target-1', caption: content().caption, since };
    expect(await world.adapter.reconcile(account, query)).toEqual({ status: 'not_found' });
    expect(
      await world.adapter.reconcile(account, { ...query, containerId: error.containerId }),
    ).toEqual({ status: 'found', platformPostId: media.id, permalink: media.permalink });
  });

  it('says not found when the container was never published', async () => {
    fake.failNext(1, 'server_error', { method: 'POST', path: '/media_publish' });
    const since = clock.now();
    const error = await failure(world.adapter.publish(account, content()));
    const result = await world.adapter.reconcile(account, {
      marker: 'target-1',
      caption: content().caption,
      since,
      containerId: error.containerId,
    });
    expect(result).toEqual({ status: 'not_found' });
  });

  it('matches the caption only among posts made after the attempt started', async () => {
    const caption = content().caption;
    fake.seedMedia(account.externalId, caption, new Date(clock.now().getTime() - 2 * HOUR));
    fake.seedMedia(account.externalId, 'Lain', new Date(clock.now().getTime() + 1_000));
    const query = { marker: 'target-1', caption, since: clock.now() };
    expect(await world.adapter.reconcile(account, query)).toEqual({ status: 'not_found' });

    const ours = fake.seedMedia(
      account.externalId,
      `${caption}\r\n`,
      new Date(clock.now().getTime() + 2_000),
    );
    expect(await world.adapter.reconcile(account, query)).toEqual({
      status: 'found',
      platformPostId: ours.id,
      permalink: ours.permalink,
    });
  });

  it('looks up a known media id directly', async () => {
    const published = await world.adapter.publish(account, content());
    const before = fake.requests.length;
    expect(
      await world.adapter.reconcile(account, {
        marker: 'target-1',
        caption: 'irrelevant',
        since: clock.now(),
        platformPostId: published.platformPostId,
      }),
    ).toEqual({ status: 'found', ...published });
    expect(fake.requests.slice(before).map((r) => r.path)).toEqual([
      expect.stringMatching(new RegExp(`/${published.platformPostId}$`)),
    ]);
  });
});

describe('metrics, followers, deletion, credentials', () => {
  it('reads the non-deprecated insights and leaves missing ones null', async () => {
    const { platformPostId } = await world.adapter.publish(account, content());
    const media = fake.media.get(platformPostId);
    if (!media) throw new Error('media missing');
    media.insights = {
      reach: 120,
      likes: 9,
      comments: 2,
      saved: 3,
      total_interactions: 14,
      views: 300,
    };

    const { metrics } = await world.adapter.fetchMetrics(account, platformPostId);
    expect(metrics).toEqual({
      reach: 120,
      likes: 9,
      comments: 2,
      saved: 3,
      shares: null,
      total_interactions: 14,
      views: 300,
    });
    const metricParam = fake.find('GET', '/insights')[0].query.metric;
    expect(metricParam).toBe('reach,likes,comments,saved,shares,total_interactions,views');
  });

  it('falls back to like and comment counts when a low-reach post has no insights (error 10)', async () => {
    const { platformPostId } = await world.adapter.publish(account, content());
    const media = fake.media.get(platformPostId);
    if (!media) throw new Error('media missing');
    media.insights = null;
    media.likeCount = 4;
    const { metrics, responses } = await world.adapter.fetchMetrics(account, platformPostId);
    expect(metrics).toMatchObject({ reach: null, likes: 4, comments: 0, views: null });
    // Both answers are kept for audit: the refusal that left insights unknown, and the counts.
    expect(responses).toEqual([
      {
        request: expect.stringMatching(/\/insights\?metric=reach,/),
        body: expect.objectContaining({ code: 10 }),
      },
      {
        request: `GET ${platformPostId}?fields=like_count,comments_count`,
        body: { id: platformPostId, like_count: 4, comments_count: 0 },
      },
    ]);
  });

  it('reads followers, deletes a post once, then reports it gone', async () => {
    expect(await world.adapter.fetchFollowers(account)).toBe(1200);
    const { platformPostId } = await world.adapter.publish(account, content());
    expect(await world.adapter.deletePost(account, platformPostId)).toBe('deleted');
    expect(await world.adapter.deletePost(account, platformPostId)).toBe('already_gone');
  });

  it('needs no refresh for a Page token and asks to reconnect an expired user token', async () => {
    expect(await world.adapter.refreshCredentials(account)).toEqual({ status: 'not_needed' });
    const expired: PlatformAccount = {
      ...account,
      credentials: { type: 'graph', accessToken: 'x', expiresAt: '2026-06-30T00:00:00Z' },
    };
    expect((await failure(world.adapter.refreshCredentials(expired))).kind).toBe('reauthenticate');
  });
});
