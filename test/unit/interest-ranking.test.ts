import { describe, expect, it } from '@jest/globals';
import {
  EMPTY_COUNTS,
  PRIOR_POSTS_MAX,
  PRIOR_POSTS_MIN,
  rankInterest,
  type InterestCounts,
  type InterestItem,
} from '../../src/metrics/interest-ranking';

/** Post-to-post wobble around a product's true rate: mean 1, standard deviation 0.55. */
const WOBBLE = [0.3, 1.8, 0.6, 1.4, 0.4, 2.0, 0.9, 0.7, 1.2, 0.7];
const REACH = 1_000;

/** One rated post per rate; reach 1,000 each, interactions rounded. */
function posts(rates: number[], extra: Partial<InterestCounts> = {}): InterestCounts {
  const counts = { ...EMPTY_COUNTS, ...extra };
  for (const rate of rates) {
    const interactions = Math.round(rate * REACH);
    const actual = interactions / REACH;
    counts.posts += 1;
    counts.reach += REACH;
    counts.interactions += interactions;
    counts.ratedPosts += 1;
    counts.ratedReach += REACH;
    counts.ratedInteractions += interactions;
    counts.rateSum += actual;
    counts.rateSquareSum += actual * actual;
  }
  return counts;
}

function steadyPosts(trueRate: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => trueRate * WOBBLE[i % WOBBLE.length]);
}

/**
 * The known truth: "steady" really engages at 6%, "lucky" at the institution's usual 4% but its
 * one post happened to draw 13% (a 3× draw, within what single posts do).
 */
const MONTH: InterestItem[] = [
  { key: 'lucky', counts: posts([0.13]) },
  { key: 'steady', counts: posts(steadyPosts(0.06, 30), { clicks: 90 }) },
  { key: 'batik', counts: posts(steadyPosts(0.04, 20)) },
  { key: 'kopi', counts: posts(steadyPosts(0.03, 20)) },
  { key: 'kulit', counts: posts(steadyPosts(0.035, 15)) },
  { key: 'sablon', counts: posts(steadyPosts(0.045, 10)) },
];

describe('interest ranking', () => {
  it('ranks thirty steady posts above one lucky post, though the lucky one has the higher raw rate', () => {
    const ranking = rankInterest(MONTH);
    const byKey = new Map(ranking.items.map((i) => [i.key, i]));
    const lucky = byKey.get('lucky')!;
    const steady = byKey.get('steady')!;

    expect(lucky.engagementRate!).toBeGreaterThan(2 * steady.engagementRate!);
    expect(ranking.items[0].key).toBe('steady');
    expect(steady.interestScore!).toBeGreaterThan(lucky.interestScore!);
    // The lucky post is pulled most of the way back to the average (100), not ignored.
    expect(lucky.interestScore!).toBeGreaterThan(100);
    expect(lucky.interestScore!).toBeLessThan(130);
    expect(ranking.items.map((i) => i.key)).toEqual([
      'steady',
      'lucky',
      'sablon',
      'batik',
      'kulit',
      'kopi',
    ]);
  });

  it('reports the prior and the shrinkage strength it estimated', () => {
    const { prior } = rankInterest(MONTH);
    expect(prior.rate!).toBeCloseTo(0.0445, 3);
    expect(prior.strengthPosts).toBeGreaterThan(PRIOR_POSTS_MIN);
    expect(prior.strengthPosts).toBeLessThanOrEqual(PRIOR_POSTS_MAX);
  });

  it('computes rates from known values and the change from the previous month', () => {
    const previous: InterestItem[] = [
      { key: 'steady', counts: posts(steadyPosts(0.04, 10)) },
      { key: 'batik', counts: posts(steadyPosts(0.04, 10)) },
    ];
    const steady = rankInterest(MONTH, previous).items.find((i) => i.key === 'steady')!;
    expect(steady.clickThroughRate).toBeCloseTo(90 / 30_000, 6);
    expect(steady.previous).toMatchObject({ posts: 10, interestScore: 100 });
    expect(steady.scoreChange).toBeCloseTo(steady.interestScore! - 100, 1);
    const lucky = rankInterest(MONTH, previous).items.find((i) => i.key === 'lucky')!;
    expect(lucky.previous).toBeNull();
    expect(lucky.scoreChange).toBeNull();
  });

  it('leaves items without a rated post unscored and last', () => {
    const unknownReach: InterestCounts = { ...EMPTY_COUNTS, posts: 4, interactions: 80 };
    const ranking = rankInterest([{ key: 'x-only', counts: unknownReach }, ...MONTH]);
    const last = ranking.items[ranking.items.length - 1];
    expect(last).toMatchObject({ key: 'x-only', interestScore: null, engagementRate: null });
  });

  it('scores a single item at the average and an empty month with no prior', () => {
    expect(rankInterest([MONTH[1]]).items[0].interestScore).toBe(100);
    expect(rankInterest([]).prior.rate).toBeNull();
  });
});
