/**
 * Simulated engagement for sandbox posts, so demo dashboards have data and training shows how
 * figures grow. Deterministic: the same post id and time always give the same numbers (seeded by
 * the id), and every figure only grows with time — most of it within the first two days, as on
 * the real networks.
 */
import { createHash } from 'node:crypto';
import type { SocialNetwork } from '../../content/rendering/template';
import type { MetricsReading, PostMetrics } from '../platform-adapter';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Growth time constant: ~63 % of a post's final reach after 18 hours, ~95 % after two days. */
const GROWTH_HOURS = 18;
/** Followers are counted from here, so they too grow with the clock. */
const FOLLOWER_EPOCH = Date.UTC(2026, 0, 1);

const ID_PATTERN = /^sbx-(instagram|facebook|x)-([0-9a-z]+)-([0-9a-f]{8})$/;

/** `sbx-<network>-<publish time base36>-<hash of the marker>`: the time drives the growth. */
export function sandboxPostId(network: SocialNetwork, marker: string, publishedAt: Date): string {
  return `sbx-${network}-${publishedAt.getTime().toString(36)}-${digest(marker).slice(0, 8)}`;
}

export function parseSandboxPostId(
  id: string,
): { network: SocialNetwork; publishedAt: Date } | null {
  const match = ID_PATTERN.exec(id);
  if (!match) return null;
  return { network: match[1] as SocialNetwork, publishedAt: new Date(parseInt(match[2], 36)) };
}

/** The sandbox's answer to a metrics fetch: the simulated figures are also its response body. */
export function simulatedReading(
  network: SocialNetwork,
  postId: string,
  now: Date,
): MetricsReading {
  const metrics = simulateMetrics(network, postId, now);
  return { metrics, responses: [{ request: `simulate ${postId}`, body: { ...metrics } }] };
}

export function simulateMetrics(network: SocialNetwork, postId: string, now: Date): PostMetrics {
  const parsed = parseSandboxPostId(postId);
  const rng = seeded(postId);
  // Draw every rate first, in a fixed order, so they do not depend on the time.
  const finalReach = 80 + rng() * 900;
  const rate = {
    like: 0.04 + rng() * 0.08,
    comment: 0.003 + rng() * 0.01,
    save: 0.005 + rng() * 0.02,
  };
  const more = {
    share: 0.002 + rng() * 0.01,
    view: 1.3 + rng() * 0.7,
    click: 0.002 + rng() * 0.01,
  };
  const ageHours = parsed ? Math.max(0, now.getTime() - parsed.publishedAt.getTime()) / HOUR : 0;
  const reach = finalReach * (1 - Math.exp(-ageHours / GROWTH_HOURS));
  const n = (x: number) => Math.floor(x);
  const likes = n(reach * rate.like);
  const comments = n(reach * rate.comment);
  const saved = n(reach * rate.save);
  const shares = n(reach * more.share);
  const views = n(reach * more.view);
  switch (network) {
    case 'instagram':
      return {
        reach: n(reach),
        likes,
        comments,
        saved,
        shares,
        total_interactions: likes + comments + saved + shares,
        views,
      };
    case 'facebook':
      return { reactions: likes, comments, shares, views };
    case 'x':
      return {
        impression_count: views,
        like_count: likes,
        retweet_count: shares,
        reply_count: comments,
        quote_count: n(shares / 3),
        bookmark_count: saved,
        url_link_clicks: n(reach * more.click),
        user_profile_clicks: n(reach * more.click * 0.6),
      };
  }
}

export function simulateFollowers(network: SocialNetwork, accountKey: string, now: Date): number {
  const rng = seeded(`${network}:${accountKey}`);
  const base = 150 + rng() * 1500;
  const perDay = 0.5 + rng() * 2.5;
  const days = Math.max(0, now.getTime() - FOLLOWER_EPOCH) / DAY;
  return Math.floor(base + days * perDay);
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Mulberry32 seeded from the text's hash. */
function seeded(text: string): () => number {
  let a = parseInt(digest(text).slice(0, 8), 16) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
