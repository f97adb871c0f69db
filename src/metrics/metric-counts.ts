/**
 * The comparable counts of one target, from the network's own metric names (platform-metrics.ts),
 * and the rollup delta when a target's latest counts change. Unknown stays null: a sum of counts
 * is null only when every part is unknown, and the daily rollup counts how many targets each sum
 * covers, so an average never divides by targets that reported nothing.
 *
 * Mapping:
 * - Instagram: reach, views, likes, comments, shares, saves (`saved`); interactions =
 *   `total_interactions`, or the sum of the known likes, comments, shares and saves when Meta does
 *   not give it.
 * - Facebook: `views` is `post_total_media_view_unique`, the number of people who saw the post,
 *   so it is both the reach and the views; likes = reactions; saves unknown; interactions =
 *   reactions + comments + shares.
 * - X: reach unknown (X does not count people), views = impressions, likes, comments = replies,
 *   shares = retweets + quotes, saves = bookmarks; interactions = their sum.
 */
import type { SocialNetwork } from '../content/rendering/template';
import type { PostMetrics } from '../platforms/platform-adapter';

export const COUNT_NAMES = [
  'reach',
  'views',
  'likes',
  'comments',
  'shares',
  'saves',
  'interactions',
] as const;
export type CountName = (typeof COUNT_NAMES)[number];
export type MetricCounts = Record<CountName, number | null>;

/** The known values added up; null when none is known. */
export function sumKnown(...values: Array<number | null | undefined>): number | null {
  const known = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  return known.length === 0 ? null : known.reduce((a, b) => a + b, 0);
}

function value(metrics: PostMetrics, name: string): number | null {
  const v = metrics[name];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

export function countsFromMetrics(network: SocialNetwork, metrics: PostMetrics): MetricCounts {
  const m = (name: string) => value(metrics, name);
  switch (network) {
    case 'instagram': {
      const [likes, comments, shares, saves] = [m('likes'), m('comments'), m('shares'), m('saved')];
      return {
        reach: m('reach'),
        views: m('views'),
        likes,
        comments,
        shares,
        saves,
        interactions: m('total_interactions') ?? sumKnown(likes, comments, shares, saves),
      };
    }
    case 'facebook': {
      const [likes, comments, shares] = [m('reactions'), m('comments'), m('shares')];
      return {
        reach: m('views'),
        views: m('views'),
        likes,
        comments,
        shares,
        saves: null,
        interactions: sumKnown(likes, comments, shares),
      };
    }
    case 'x': {
      const likes = m('like_count');
      const comments = m('reply_count');
      const shares = sumKnown(m('retweet_count'), m('quote_count'));
      const saves = m('bookmark_count');
      return {
        reach: null,
        views: m('impression_count'),
        likes,
        comments,
        shares,
        saves,
        interactions: sumKnown(likes, comments, shares, saves),
      };
    }
  }
}

export const UNKNOWN_COUNTS: MetricCounts = Object.freeze(
  Object.fromEntries(COUNT_NAMES.map((n) => [n, null])) as MetricCounts,
);

/** What one change of a target's latest counts adds to its day's rollup row. */
export interface RollupDelta {
  posts: number;
  sums: Record<CountName, number>;
  known: Record<CountName, number>;
}

/**
 * `before` null: the target enters the rollup (one more post). A count that turns unknown after
 * being known (a platform stopped giving it) leaves the sum and the known-post count alike.
 */
export function rollupDelta(before: MetricCounts | null, after: MetricCounts): RollupDelta {
  const prior = before ?? UNKNOWN_COUNTS;
  const sums = {} as Record<CountName, number>;
  const known = {} as Record<CountName, number>;
  for (const name of COUNT_NAMES) {
    sums[name] = (after[name] ?? 0) - (prior[name] ?? 0);
    known[name] = Number(after[name] !== null) - Number(prior[name] !== null);
  }
  return { posts: before === null ? 1 : 0, sums, known };
}

export function isEmptyDelta(delta: RollupDelta): boolean {
  return delta.posts === 0 && COUNT_NAMES.every((n) => delta.sums[n] === 0 && delta.known[n] === 0);
}
