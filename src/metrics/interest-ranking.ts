/**
 * Interest ranking: which products (or workshops) gained interest in a month, honest with small
 * samples. Pure: the dashboard service feeds it the monthly rollup rows.
 *
 * The interest score is an engagement rate shrunk towards the group's mean (empirical Bayes,
 * normal–normal, with the post as the unit of evidence), shown as an index where 100 is the
 * group's average:
 *
 *   r_i   = mean per-post engagement rate of item i (interactions / reach of each rated post)
 *   n_i   = rated posts of item i (posts whose reach and interactions are both known, reach > 0)
 *   p     = mean per-post rate over every rated post of the group (the prior)
 *   σ²    = pooled within-item variance of per-post rates (how much one post's rate wobbles)
 *   τ²    = between-item variance of true rates, by the method of moments over items with at
 *           least SPREAD_MIN_POSTS posts: max(0, Var(r_i) − mean(σ² / n_i))
 *   m     = σ² / τ², bounded to [PRIOR_POSTS_MIN, PRIOR_POSTS_MAX] (PRIOR_POSTS_MAX when τ² = 0
 *           or cannot be estimated)
 *   s_i   = (n_i · r_i + m · p) / (n_i + m)        (the beta-binomial form, counted in posts)
 *   score = 100 · s_i / p
 *
 * Why posts and not reach as the unit: interactions within one post are not independent trials
 * (one share brings a cluster of likes), so a post with 200 reach is one lucky draw, not 200.
 * Shrinking per reach barely moves a lucky post; shrinking per post does. Items with few posts
 * are left out of the τ² estimate because their own luck would otherwise inflate it.
 *
 * Engagement rate as displayed is interactions / reach over rated posts (ratio of sums); the
 * click-through rate is clicks / reach. Clicks and sales are set beside the score, not in it.
 */

/** Counts of one item (product or workshop) for one month, as the rollup keeps them. */
export interface InterestCounts {
  posts: number;
  /** Sum of known reach (unknown reach counts as nothing, never as 0 reach). */
  reach: number;
  interactions: number;
  ratedPosts: number;
  ratedReach: number;
  ratedInteractions: number;
  /** Σ and Σ² of per-post engagement rates over rated posts. */
  rateSum: number;
  rateSquareSum: number;
  clicks: number;
  salesQuantity: number;
  salesRevenueIdr: number;
}

export interface InterestItem {
  key: string;
  counts: InterestCounts;
}

/** The figures a ranked item and the dashboard's totals both give. */
export interface InterestFigures {
  posts: number;
  reach: number;
  interactions: number;
  /** Interactions / reach over rated posts; null when no post has both known. */
  engagementRate: number | null;
  clicks: number;
  /** Clicks / reach; null without known reach. */
  clickThroughRate: number | null;
  salesQuantity: number;
  salesRevenueIdr: number;
}

export interface RankedItem extends InterestFigures {
  key: string;
  /** 100 = the group's average; null when the item has no rated post. */
  interestScore: number | null;
  previous: {
    posts: number;
    reach: number;
    interactions: number;
    engagementRate: number | null;
    clicks: number;
    salesQuantity: number;
    interestScore: number | null;
  } | null;
  /** interestScore − previous.interestScore, when both exist. */
  scoreChange: number | null;
}

export interface InterestRanking {
  /** Ranked by score (unscored items last, by posts), best first. */
  items: RankedItem[];
  prior: {
    /** p: mean per-post engagement rate of the group; null when nothing is rated. */
    rate: number | null;
    /** m: the prior's weight in posts. */
    strengthPosts: number;
  };
}

/** No single post may outweigh this many average posts, whatever the month's spread says. */
export const PRIOR_POSTS_MIN = 5;
export const PRIOR_POSTS_MAX = 30;
export const SPREAD_MIN_POSTS = 5;

export const EMPTY_COUNTS: Readonly<InterestCounts> = Object.freeze({
  posts: 0,
  reach: 0,
  interactions: 0,
  ratedPosts: 0,
  ratedReach: 0,
  ratedInteractions: 0,
  rateSum: 0,
  rateSquareSum: 0,
  clicks: 0,
  salesQuantity: 0,
  salesRevenueIdr: 0,
});

export function addCounts(a: InterestCounts, b: InterestCounts): InterestCounts {
  const sum = { ...a };
  for (const key of Object.keys(sum) as (keyof InterestCounts)[]) sum[key] += b[key];
  return sum;
}

interface Shrinkage {
  rate: number | null;
  strength: number;
  score: (counts: InterestCounts) => number | null;
}

/** Estimates p and m for a group of items and returns the scoring function. */
export function shrinkageFor(items: readonly InterestCounts[]): Shrinkage {
  const rated = items.filter((c) => c.ratedPosts > 0);
  const totalPosts = rated.reduce((s, c) => s + c.ratedPosts, 0);
  if (totalPosts === 0) return { rate: null, strength: PRIOR_POSTS_MAX, score: () => null };
  const prior = rated.reduce((s, c) => s + c.rateSum, 0) / totalPosts;

  // Pooled within-item variance of per-post rates: Σ_i Σ_j (r_ij − r̄_i)² / (N − K).
  const within = rated.reduce(
    (s, c) => s + Math.max(0, c.rateSquareSum - (c.rateSum * c.rateSum) / c.ratedPosts),
    0,
  );
  const withinDf = totalPosts - rated.length;
  const sigma2 = withinDf > 0 ? within / withinDf : 0;

  const spread = rated.filter((c) => c.ratedPosts >= SPREAD_MIN_POSTS);
  let strength = PRIOR_POSTS_MAX;
  if (spread.length >= 2 && sigma2 > 0) {
    const means = spread.map((c) => c.rateSum / c.ratedPosts);
    const mean = means.reduce((s, r) => s + r, 0) / means.length;
    const observed = means.reduce((s, r) => s + (r - mean) ** 2, 0) / (means.length - 1);
    const noise = spread.reduce((s, c) => s + sigma2 / c.ratedPosts, 0) / spread.length;
    const tau2 = observed - noise;
    if (tau2 > 0) strength = clamp(sigma2 / tau2, PRIOR_POSTS_MIN, PRIOR_POSTS_MAX);
  }
  return {
    rate: prior,
    strength,
    score: (c) => {
      if (c.ratedPosts === 0) return null;
      if (prior === 0) return 100;
      const shrunk = (c.rateSum + strength * prior) / (c.ratedPosts + strength);
      return round1((100 * shrunk) / prior);
    },
  };
}

/** Ranks this month's items, each beside its own previous month (scored in that month's group). */
export function rankInterest(
  current: readonly InterestItem[],
  previous: readonly InterestItem[] = [],
): InterestRanking {
  const now = shrinkageFor(current.map((i) => i.counts));
  const before = shrinkageFor(previous.map((i) => i.counts));
  const previousByKey = new Map(previous.map((i) => [i.key, i.counts]));
  const items = current.map(({ key, counts }): RankedItem => {
    const score = now.score(counts);
    const old = previousByKey.get(key);
    const oldScore = old ? before.score(old) : null;
    return {
      key,
      posts: counts.posts,
      reach: counts.reach,
      interactions: counts.interactions,
      engagementRate: ratio(counts.ratedInteractions, counts.ratedReach),
      clicks: counts.clicks,
      clickThroughRate: ratio(counts.clicks, counts.reach),
      salesQuantity: counts.salesQuantity,
      salesRevenueIdr: counts.salesRevenueIdr,
      interestScore: score,
      previous: old
        ? {
            posts: old.posts,
            reach: old.reach,
            interactions: old.interactions,
            engagementRate: ratio(old.ratedInteractions, old.ratedReach),
            clicks: old.clicks,
            salesQuantity: old.salesQuantity,
            interestScore: oldScore,
          }
        : null,
      scoreChange: score !== null && oldScore !== null ? round1(score - oldScore) : null,
    };
  });
  items.sort(
    (a, b) =>
      (b.interestScore ?? -Infinity) - (a.interestScore ?? -Infinity) ||
      b.posts - a.posts ||
      byText(a.key, b.key),
  );
  return { items, prior: { rate: now.rate, strengthPosts: round1(now.strength) } };
}

/** Code-unit order: ids and codes, not words, and far cheaper than localeCompare for 15,000. */
export function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function ratio(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
