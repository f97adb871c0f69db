/**
 * Metric collection from live accounts through the real SDKs against the platform fakes: each
 * network's metrics land under their own names and in the comparable counts, a metric the
 * platform refuses leaves the others known, and follower counts are read.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { FrozenClock } from '../../src/common/clock';
import type { SocialNetwork } from '../../src/content/rendering/template';
import { MetricCollectorService } from '../../src/metrics/metric-collector.service';
import type { TestApp } from '../support/app';
import { makeLiveSocialAccount, makeUser } from '../support/factories';
import { ImageHost } from '../support/fakes/fake-http';
import { GraphApiFake } from '../support/fakes/graph-api.fake';
import { XApiFake } from '../support/fakes/x-api.fake';
import { encryptionKey, liveTestApp, X_CLIENT } from './accounts-fixtures';
import { collectAll, publishedPost } from './metrics-fixtures';
import { makeInstitution } from '../support/factories';

process.env.NO_PROXY = '127.0.0.1,localhost';

// Far from other tests' data: their targets are outside the enrolment window.
const PUBLISHED = new Date('2031-01-10T02:00:00Z');
const SECOND_SNAPSHOT = new Date(PUBLISHED.getTime() + 7 * 3_600_000);
const clock = new FrozenClock(PUBLISHED);
const graph = new GraphApiFake({ now: () => clock.now() });
const x = new XApiFake({ now: () => clock.now() });
const images = new ImageHost();
let t: TestApp;
let collector: MetricCollectorService;
let institutionId: string;
let userId: string;
const accounts = {} as Record<SocialNetwork, { id: string; externalId: string }>;
/** Every credential the fakes accept: none may reach a stored snapshot. */
const secrets: string[] = [];

beforeAll(async () => {
  const [graphUrl, xUrl, imagesUrl] = await Promise.all([graph.start(), x.start(), images.start()]);
  x.addClient(X_CLIENT.id, X_CLIENT.secret);
  t = await liveTestApp(
    clock,
    { graph: graphUrl, x: xUrl, imagesUrl },
    {
      TOKEN_ENCRYPTION_KEY: encryptionKey(),
    },
  );
  collector = t.app.get(MetricCollectorService);
  const institution = await makeInstitution(t.dataSource);
  institutionId = institution.id;
  userId = (await makeUser(t.dataSource, { institutionId })).id;
  const connect = (
    network: SocialNetwork,
    externalId: string,
    credentials: Parameters<typeof makeLiveSocialAccount>[3],
  ) => makeLiveSocialAccount(t, institution, network, credentials, { externalId });
  graph.addInstagramAccount('17841400000000077', 'ig-token', 1500);
  accounts.instagram = await connect('instagram', '17841400000000077', {
    type: 'graph',
    accessToken: 'ig-token',
  });
  graph.addPage('104000000000077', 'page-token', 900);
  accounts.facebook = await connect('facebook', '104000000000077', {
    type: 'graph',
    accessToken: 'page-token',
  });
  x.addUser('900077', 'lapas_metrik', 640);
  const tokens = x.grant('900077', X_CLIENT.id, 60 * 86_400);
  secrets.push('ig-token', 'page-token', tokens.accessToken, tokens.refreshToken);
  accounts.x = await connect('x', '900077', {
    type: 'x_oauth2',
    ...tokens,
    expiresAt: new Date(PUBLISHED.getTime() + 60 * 86_400_000).toISOString(),
  });
}, 60_000);

afterAll(async () => {
  await t?.close();
  await Promise.all([graph.stop(), x.stop(), images.stop()]);
});

beforeEach(() => {
  graph.reset();
  clock.set(PUBLISHED);
});

const INSTAGRAM_INSIGHTS = {
  reach: 240,
  likes: 11,
  comments: 4,
  saved: 6,
  shares: 2,
  total_interactions: 23,
  views: 610,
};

/** The platform's post, made in the fake as publishing would have left it. */
function platformPost(network: SocialNetwork): string {
  switch (network) {
    case 'instagram': {
      const id = `1790000000${Math.floor(Math.random() * 1e8)}`;
      graph.media.set(id, {
        id,
        owner: accounts.instagram.externalId,
        caption: 'Kursi rotan',
        permalink: `https://instagram.test/p/${id}`,
        timestamp: PUBLISHED,
        mediaType: 'IMAGE',
        children: [],
        altTexts: [],
        likeCount: 11,
        commentsCount: 4,
        insights: { ...INSTAGRAM_INSIGHTS },
      });
      return id;
    }
    case 'facebook': {
      const id = `${accounts.facebook.externalId}_${Math.floor(Math.random() * 1e9)}`;
      graph.posts.set(id, {
        id,
        owner: accounts.facebook.externalId,
        message: 'Kursi rotan',
        createdTime: PUBLISHED,
        permalink: `https://facebook.test/${id}`,
        photoIds: [],
        reactions: 17,
        comments: 3,
        shares: 0,
        views: 410,
      });
      return id;
    }
    case 'x': {
      const tweet = x.seedTweet(accounts.x.externalId, 'Kursi rotan', PUBLISHED);
      tweet.publicMetrics = {
        retweet_count: 2,
        reply_count: 1,
        like_count: 9,
        quote_count: 1,
        bookmark_count: 4,
        impression_count: 800,
      };
      tweet.nonPublicMetrics = {
        impression_count: 800,
        url_link_clicks: 5,
        user_profile_clicks: 2,
      };
      return tweet.id;
    }
  }
}

async function publishOn(network: SocialNetwork) {
  const platformPostId = platformPost(network);
  const { targets } = await publishedPost(t.dataSource, {
    institutionId,
    userId,
    publishedAt: PUBLISHED,
    accounts: [{ id: accounts[network].id, network }],
    platformPostId: () => platformPostId,
  });
  return { targetId: targets[0].targetId, platformPostId };
}

async function latest(targetId: string) {
  const [row] = await t.dataSource.query(
    `SELECT reach, views, likes, comments, shares, saves, interactions, metrics, snapshot_count
     FROM post_target_metrics WHERE post_target_id = $1`,
    [targetId],
  );
  const [snapshot] = await t.dataSource.query(
    `SELECT metrics, raw FROM metric_snapshots WHERE post_target_id = $1 ORDER BY taken_at DESC LIMIT 1`,
    [targetId],
  );
  const n = (v: string | null) => (v === null ? null : Number(v));
  return {
    counts: {
      reach: n(row.reach),
      views: n(row.views),
      likes: n(row.likes),
      comments: n(row.comments),
      shares: n(row.shares),
      saves: n(row.saves),
      interactions: n(row.interactions),
    },
    metrics: row.metrics,
    snapshotCount: row.snapshot_count,
    snapshot,
  };
}

async function collectAt(at: Date) {
  clock.set(at);
  return collectAll(collector, [institutionId]);
}

/** A post on the network, collected when published and again 7 hours later: its figures then. */
async function collectedPost(network: SocialNetwork, refusedMetric?: string) {
  const { targetId } = await publishOn(network);
  if (refusedMetric) graph.refusedMetrics.add(refusedMetric);
  await collectAt(PUBLISHED);
  await collectAt(SECOND_SNAPSHOT);
  return latest(targetId);
}

describe('collection from each network', () => {
  it('maps Instagram insights', async () => {
    const got = await collectedPost('instagram');
    expect(got.metrics).toEqual(INSTAGRAM_INSIGHTS);
    expect(got.counts).toEqual({
      reach: 240,
      views: 610,
      likes: 11,
      comments: 4,
      shares: 2,
      saves: 6,
      interactions: 23,
    });
    expect(got.snapshot.metrics).toEqual(got.metrics);
  });

  it('keeps the other Instagram metrics when Meta refuses one', async () => {
    const got = await collectedPost('instagram', 'views');
    expect(got.snapshotCount).toBe(1);
    expect(got.metrics).toEqual({ ...INSTAGRAM_INSIGHTS, views: null });
    expect(got.counts.views).toBeNull();
  });

  it('maps Facebook reactions, comments, shares and unique views', async () => {
    const got = await collectedPost('facebook');
    expect(got.metrics).toEqual({ reactions: 17, comments: 3, shares: 0, views: 410 });
    expect(got.counts).toEqual({
      reach: 410,
      views: 410,
      likes: 17,
      comments: 3,
      shares: 0,
      saves: null,
      interactions: 20,
    });
  });

  it('keeps Facebook engagement when the views insight is refused', async () => {
    const got = await collectedPost('facebook', 'post_total_media_view_unique');
    expect(got.metrics).toEqual({ reactions: 17, comments: 3, shares: 0, views: null });
    expect(got.counts.reach).toBeNull();
    expect(got.counts.interactions).toBe(20);
  });

  it('maps X public and non-public metrics, reach unknown', async () => {
    const got = await collectedPost('x');
    expect(got.metrics).toEqual({
      impression_count: 800,
      like_count: 9,
      retweet_count: 2,
      reply_count: 1,
      quote_count: 1,
      bookmark_count: 4,
      url_link_clicks: 5,
      user_profile_clicks: 2,
    });
    expect(got.counts).toEqual({
      reach: null,
      views: 800,
      likes: 9,
      comments: 1,
      shares: 3,
      saves: 4,
      interactions: 17,
    });
  });

  it('keeps X public metrics once the non-public ones are no longer given (after 30 days)', async () => {
    const { targetId } = await publishOn('x');
    await collectAt(PUBLISHED);
    await collectAt(new Date(PUBLISHED.getTime() + 31 * 86_400_000));
    const got = await latest(targetId);
    expect(got.metrics).toMatchObject({
      like_count: 9,
      impression_count: 800,
      url_link_clicks: null,
    });
    expect(got.counts.interactions).toBe(17);
  });

  it('reads each account’s followers once a day', async () => {
    await collectAt(SECOND_SNAPSHOT);
    const rows: Array<{ social_account_id: string; followers: string }> = await t.dataSource.query(
      `SELECT social_account_id, followers FROM account_follower_counts WHERE institution_id = $1`,
      [institutionId],
    );
    const byAccount = Object.fromEntries(
      rows.map((r) => [r.social_account_id, Number(r.followers)]),
    );
    expect(byAccount).toEqual({
      [accounts.instagram.id]: 1500,
      [accounts.facebook.id]: 900,
      [accounts.x.id]: 640,
    });
  });
});

describe('raw responses kept for audit', () => {
  /** The stored raw responses, after checking that no credential is anywhere in them. */
  async function rawOf(network: SocialNetwork, refusedMetric?: string) {
    const { snapshot } = await collectedPost(network, refusedMetric);
    const stored = JSON.stringify(snapshot.raw);
    for (const secret of secrets) expect(stored).not.toContain(secret);
    expect(stored).not.toContain('access_token');
    return snapshot.raw as Array<{ request: string; body: Record<string, unknown> }>;
  }

  it('keeps Instagram’s insights body as sent, without its token-carrying paging links', async () => {
    const raw = await rawOf('instagram');
    expect(raw).toHaveLength(1);
    expect(raw[0].request).toMatch(/\/insights\?metric=reach,likes,/);
    expect(raw[0].body.paging).toEqual({});
    const rows = raw[0].body.data as Array<Record<string, unknown>>;
    expect(rows.find((r) => r.name === 'reach')).toEqual({
      name: 'reach',
      period: 'lifetime',
      values: [{ value: 240 }],
      title: 'reach',
      id: expect.stringMatching(/\/insights\/reach\/lifetime$/),
    });
  });

  it('keeps Meta’s refusal beside the one-metric answers that replaced it', async () => {
    const raw = await rawOf('instagram', 'views');
    expect(raw).toHaveLength(1 + 7);
    expect(raw[0].body).toMatchObject({
      code: 100,
      message: '(#100) metric views is no longer supported',
    });
    expect(raw.slice(1).map((r) => r.request.split('metric=')[1])).toEqual([
      'reach',
      'likes',
      'comments',
      'saved',
      'shares',
      'total_interactions',
      'views',
    ]);
  });

  it('keeps Facebook’s post fields and views insight', async () => {
    const raw = await rawOf('facebook');
    expect(raw.map((r) => r.request)).toEqual([
      expect.stringMatching(/^GET \d+_\d+\?fields=reactions/),
      expect.stringMatching(/^GET \d+_\d+\/insights\?metric=post_total_media_view_unique$/),
    ]);
    expect(raw[0].body).toMatchObject({
      reactions: { data: [], summary: { total_count: 17, viewer_reaction: 'NONE' } },
      comments: { data: [], summary: { total_count: 3, order: 'ranked' } },
    });
    expect(raw[1].body.data).toEqual([
      expect.objectContaining({ name: 'post_total_media_view_unique', values: [{ value: 410 }] }),
    ]);
  });

  it('keeps X’s tweet lookup, and the partial error once non-public metrics expire', async () => {
    const fresh = await rawOf('x');
    expect(fresh[0].body.data).toMatchObject({
      public_metrics: { like_count: 9, bookmark_count: 4 },
      non_public_metrics: { url_link_clicks: 5, user_profile_clicks: 2 },
    });
    const { targetId } = await publishOn('x');
    await collectAt(PUBLISHED);
    await collectAt(new Date(PUBLISHED.getTime() + 31 * 86_400_000));
    const [old] = (await latest(targetId)).snapshot.raw as typeof fresh;
    expect(old.body.data).not.toHaveProperty('non_public_metrics');
    expect(old.body.errors).toEqual([expect.objectContaining({ field: 'non_public_metrics' })]);
  });
});
