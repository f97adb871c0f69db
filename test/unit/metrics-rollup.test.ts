import { describe, expect, it } from '@jest/globals';
import {
  countsFromMetrics,
  isEmptyDelta,
  MetricCounts,
  rollupDelta,
  sumKnown,
  UNKNOWN_COUNTS,
} from '../../src/metrics/metric-counts';

const counts = (c: Partial<MetricCounts>): MetricCounts => ({ ...UNKNOWN_COUNTS, ...c });

describe('metric counts from each network', () => {
  it('maps Instagram insights and prefers its total_interactions', () => {
    expect(
      countsFromMetrics('instagram', {
        reach: 120,
        likes: 9,
        comments: 2,
        saved: 3,
        shares: null,
        total_interactions: 15,
        views: 300,
      }),
    ).toEqual({
      reach: 120,
      views: 300,
      likes: 9,
      comments: 2,
      shares: null,
      saves: 3,
      interactions: 15,
    });
  });

  it('adds the known Instagram counts when total_interactions is not given', () => {
    expect(
      countsFromMetrics('instagram', {
        likes: 4,
        comments: 0,
        saved: null,
        total_interactions: null,
      }).interactions,
    ).toBe(4);
  });

  it('reads Facebook unique views as reach and views, reactions as likes', () => {
    expect(
      countsFromMetrics('facebook', { reactions: 7, comments: 1, shares: 0, views: 95 }),
    ).toEqual({
      reach: 95,
      views: 95,
      likes: 7,
      comments: 1,
      shares: 0,
      saves: null,
      interactions: 8,
    });
  });

  it('has no reach on X and counts retweets and quotes as shares', () => {
    expect(
      countsFromMetrics('x', {
        impression_count: 500,
        like_count: 10,
        retweet_count: 2,
        reply_count: 1,
        quote_count: 1,
        bookmark_count: 3,
        url_link_clicks: null,
        user_profile_clicks: null,
      }),
    ).toEqual({
      reach: null,
      views: 500,
      likes: 10,
      comments: 1,
      shares: 3,
      saves: 3,
      interactions: 17,
    });
  });

  it('keeps everything unknown when the platform gave nothing, never 0', () => {
    expect(countsFromMetrics('x', {})).toEqual(UNKNOWN_COUNTS);
    expect(sumKnown(null, undefined)).toBeNull();
    expect(sumKnown(0, null)).toBe(0);
  });
});

describe('rollup delta', () => {
  it('adds one post with nothing known when a target enters the rollups', () => {
    const delta = rollupDelta(null, UNKNOWN_COUNTS);
    expect(delta.posts).toBe(1);
    expect(Object.values(delta.sums).every((v) => v === 0)).toBe(true);
    expect(Object.values(delta.known).every((v) => v === 0)).toBe(true);
    expect(isEmptyDelta(delta)).toBe(false);
  });

  it('adds the growth of known counts and counts a newly known reach once', () => {
    const delta = rollupDelta(counts({ likes: 4 }), counts({ reach: 100, likes: 9 }));
    expect(delta.posts).toBe(0);
    expect(delta.sums).toMatchObject({ reach: 100, likes: 5, views: 0 });
    expect(delta.known).toMatchObject({ reach: 1, likes: 0, views: 0 });
  });

  it('takes a count that turned unknown out of both the sum and the known posts', () => {
    const delta = rollupDelta(counts({ reach: 80, likes: 3 }), counts({ likes: 3 }));
    expect(delta.sums.reach).toBe(-80);
    expect(delta.known.reach).toBe(-1);
    expect(delta.sums.likes).toBe(0);
  });

  it('is empty when nothing changed, so no rollup row is written', () => {
    expect(isEmptyDelta(rollupDelta(counts({ reach: 5 }), counts({ reach: 5 })))).toBe(true);
  });

  it('sums back to the latest figures over any sequence of changes', () => {
    const sequence = [
      counts({}),
      counts({ likes: 2 }),
      counts({ likes: 5, reach: 40 }),
      counts({ reach: 60 }),
    ];
    let sum = 0;
    let known = 0;
    let before: MetricCounts | null = null;
    for (const after of sequence) {
      const delta = rollupDelta(before, after);
      sum += delta.sums.reach;
      known += delta.known.reach;
      before = after;
    }
    expect(sum).toBe(60);
    expect(known).toBe(1);
  });
});
