/**
 * Pure arithmetic of the dashboard: rollup rows in, the figures managers read out. Rates are
 * fractions (0.045 = 4.5%); changes are relative to the previous month (0.2 = +20%), null when
 * the previous month had nothing to compare with.
 */
import { addDaysToDate } from '../calendar/local-time';
import { SOCIAL_NETWORKS, type SocialNetwork } from '../content/rendering/template';
import {
  byText,
  EMPTY_COUNTS,
  rankInterest,
  ratio,
  type InterestCounts,
  type InterestFigures,
  type InterestItem,
  type InterestRanking,
} from '../metrics/interest-ranking';
import type {
  InterestRollupRow,
  NetworkDayRow,
  PostingHourRow,
  PostSums,
  PublishingRow,
} from './dashboard.repository';
import type { ReportMonth } from './report-month';

/** Published within this many minutes of the planned time counts as on time (see the rollup). */
export const ON_TIME_MINUTES = 10;
/** A posting-time cell needs this many rated posts before it can be called a best time. */
export const BEST_TIME_MIN_POSTS = 3;

export interface Totals extends InterestFigures {
  views: number;
}

export interface TotalsWithTrend extends Totals {
  previous: Totals;
  change: Record<'posts' | 'reach' | 'interactions' | 'clicks' | 'salesRevenueIdr', number | null>;
}

export function totalsOf(rows: readonly InterestRollupRow[]): Totals {
  const c = { ...EMPTY_COUNTS };
  for (const row of rows) accumulate(c, row);
  const views = rows.reduce((s, r) => s + r.views, 0);
  return {
    posts: c.posts,
    reach: c.reach,
    views,
    interactions: c.interactions,
    engagementRate: ratio(c.ratedInteractions, c.ratedReach),
    clicks: c.clicks,
    clickThroughRate: ratio(c.clicks, c.reach),
    salesQuantity: c.salesQuantity,
    salesRevenueIdr: c.salesRevenueIdr,
  };
}

export function withTrend(current: Totals, previous: Totals): TotalsWithTrend {
  return {
    ...current,
    previous,
    change: changesOf(
      ['posts', 'reach', 'interactions', 'clicks', 'salesRevenueIdr'],
      current,
      previous,
    ),
  };
}

function changesOf<K extends string>(
  keys: readonly K[],
  current: Record<K, number>,
  previous: Record<K, number>,
): Record<K, number | null> {
  return Object.fromEntries(keys.map((k) => [k, change(current[k], previous[k])])) as Record<
    K,
    number | null
  >;
}

export function change(current: number, previous: number): number | null {
  return previous > 0 ? round4((current - previous) / previous) : null;
}

export function countsOf(row: InterestRollupRow): InterestCounts {
  return {
    posts: row.posts,
    reach: row.reach,
    interactions: row.interactions,
    ratedPosts: row.ratedPosts,
    ratedReach: row.ratedReach,
    ratedInteractions: row.ratedInteractions,
    rateSum: row.rateSum,
    rateSquareSum: row.rateSquareSum,
    clicks: row.clicks,
    salesQuantity: row.salesQuantity,
    salesRevenueIdr: row.salesRevenueIdr,
  };
}

/** Sums rows per key (product or workshop); rows without the key are left out. */
export function itemsBy(
  rows: readonly InterestRollupRow[],
  key: (row: InterestRollupRow) => string | null,
): InterestItem[] {
  // Accumulates in place: the national month has some 15,000 rows per ranking.
  const items = new Map<string, InterestCounts>();
  for (const row of rows) {
    const k = key(row);
    if (k === null) continue;
    const counts = items.get(k);
    if (counts) accumulate(counts, row);
    else items.set(k, countsOf(row));
  }
  return [...items].map(([k, counts]) => ({ key: k, counts }));
}

function accumulate(into: InterestCounts, row: InterestRollupRow): void {
  into.posts += row.posts;
  into.reach += row.reach;
  into.interactions += row.interactions;
  into.ratedPosts += row.ratedPosts;
  into.ratedReach += row.ratedReach;
  into.ratedInteractions += row.ratedInteractions;
  into.rateSum += row.rateSum;
  into.rateSquareSum += row.rateSquareSum;
  into.clicks += row.clicks;
  into.salesQuantity += row.salesQuantity;
  into.salesRevenueIdr += row.salesRevenueIdr;
}

/** Ranks the month's items (those with a post, a click or a sale) beside the previous month. */
export function rankMonth(
  rows: readonly InterestRollupRow[],
  month: ReportMonth,
  previous: ReportMonth,
  key: (row: InterestRollupRow) => string | null,
): InterestRanking {
  const active = (item: InterestItem) =>
    item.counts.posts > 0 || item.counts.clicks > 0 || item.counts.salesQuantity > 0;
  const now = itemsBy(
    rows.filter((r) => r.month === month.label),
    key,
  ).filter(active);
  const before = itemsBy(
    rows.filter((r) => r.month === previous.label),
    key,
  ).filter(active);
  return rankInterest(now, before);
}

export interface RateFigures {
  posts: number;
  reach: number;
  views: number;
  interactions: number;
  engagementRate: number | null;
}

function rateFigures(s: PostSums): RateFigures {
  return {
    posts: s.posts,
    reach: s.reach,
    views: s.views,
    interactions: s.interactions,
    engagementRate: ratio(s.ratedInteractions, s.ratedReach),
  };
}

const ZERO_SUMS: PostSums = {
  posts: 0,
  reach: 0,
  views: 0,
  interactions: 0,
  ratedPosts: 0,
  ratedReach: 0,
  ratedInteractions: 0,
};

function addSums(a: PostSums, b: PostSums): PostSums {
  return {
    posts: a.posts + b.posts,
    reach: a.reach + b.reach,
    views: a.views + b.views,
    interactions: a.interactions + b.interactions,
    ratedPosts: a.ratedPosts + b.ratedPosts,
    ratedReach: a.ratedReach + b.ratedReach,
    ratedInteractions: a.ratedInteractions + b.ratedInteractions,
  };
}

export interface DailyPoint extends RateFigures {
  day: string;
}

/** Every day of the month, days without a post included. */
export function dailySeries(rows: readonly NetworkDayRow[], month: ReportMonth): DailyPoint[] {
  const byDay = new Map<string, PostSums>();
  for (const row of rows) byDay.set(row.day, addSums(byDay.get(row.day) ?? ZERO_SUMS, row));
  return Array.from({ length: month.days }, (_, i) => {
    const day = addDaysToDate(month.first, i);
    return { day, ...rateFigures(byDay.get(day) ?? ZERO_SUMS) };
  });
}

export interface NetworkFigures extends RateFigures {
  network: SocialNetwork;
  previous: RateFigures;
  change: { posts: number | null; reach: number | null; interactions: number | null };
}

export function networkComparison(
  rows: readonly NetworkDayRow[],
  month: ReportMonth,
): NetworkFigures[] {
  const now = new Map<SocialNetwork, PostSums>();
  const before = new Map<SocialNetwork, PostSums>();
  for (const row of rows) {
    const into = row.day >= month.first && row.day <= month.last ? now : before;
    into.set(row.network, addSums(into.get(row.network) ?? ZERO_SUMS, row));
  }
  return SOCIAL_NETWORKS.map((network) => {
    const current = rateFigures(now.get(network) ?? ZERO_SUMS);
    const previous = rateFigures(before.get(network) ?? ZERO_SUMS);
    return {
      network,
      ...current,
      previous,
      change: changesOf(['posts', 'reach', 'interactions'], current, previous),
    };
  });
}

export interface PostingTimeCell {
  /** ISO weekday, 1 = Monday. */
  weekday: number;
  /** Local hour 0–23. */
  hour: number;
  posts: number;
  ratedPosts: number;
  engagementRate: number | null;
}

export interface PostingTimes {
  /** Every weekday × hour with a post, in the institution's local time. */
  cells: PostingTimeCell[];
  /** Up to three cells with the highest engagement rate among cells with enough rated posts. */
  best: PostingTimeCell[];
  minPostsForBest: number;
}

export function postingTimes(rows: readonly PostingHourRow[]): PostingTimes {
  const cells = rows
    .filter((r) => r.posts > 0)
    .map((r) => ({
      weekday: Number(r.weekday),
      hour: Number(r.hour),
      posts: r.posts,
      ratedPosts: r.ratedPosts,
      engagementRate: ratio(r.ratedInteractions, r.ratedReach),
    }))
    .sort((a, b) => a.weekday - b.weekday || a.hour - b.hour);
  const best = cells
    .filter((c) => c.ratedPosts >= BEST_TIME_MIN_POSTS && c.engagementRate !== null)
    .sort((a, b) => b.engagementRate! - a.engagementRate! || b.ratedPosts - a.ratedPosts)
    .slice(0, 3);
  return { cells, best, minPostsForBest: BEST_TIME_MIN_POSTS };
}

export interface Reliability {
  /** Targets that ended published or failed, planned in the month. */
  targets: number;
  published: number;
  failed: number;
  onTime: number;
  /** Published on time / targets; null without targets. */
  onTimeShare: number | null;
  onTimeMinutes: number;
  failuresByReason: { reason: string; count: number }[];
  byNetwork: { network: SocialNetwork; targets: number; published: number; failed: number }[];
  previous: { targets: number; onTimeShare: number | null; failed: number };
}

export function reliability(rows: readonly PublishingRow[], month: ReportMonth): Reliability {
  const tally = (subset: readonly PublishingRow[]) => {
    const published = subset.filter((r) => r.status === 'published');
    const targets = subset.reduce((s, r) => s + r.targets, 0);
    const onTime = published.reduce((s, r) => s + r.onTime, 0);
    return {
      targets,
      published: published.reduce((s, r) => s + r.targets, 0),
      failed: subset.filter((r) => r.status === 'failed').reduce((s, r) => s + r.targets, 0),
      onTime,
      onTimeShare: targets > 0 ? round4(onTime / targets) : null,
    };
  };
  const now = rows.filter((r) => r.month === month.label);
  const before = rows.filter((r) => r.month !== month.label);
  const reasons = new Map<string, number>();
  for (const row of now.filter((r) => r.status === 'failed')) {
    reasons.set(row.reason, (reasons.get(row.reason) ?? 0) + row.targets);
  }
  const previous = tally(before);
  return {
    ...tally(now),
    onTimeMinutes: ON_TIME_MINUTES,
    failuresByReason: [...reasons]
      .map(([reason, count]) => ({ reason, count }))
      .sort((a, b) => b.count - a.count || byText(a.reason, b.reason)),
    byNetwork: SOCIAL_NETWORKS.map((network) => {
      const t = tally(now.filter((r) => r.network === network));
      return { network, targets: t.targets, published: t.published, failed: t.failed };
    }),
    previous: {
      targets: previous.targets,
      onTimeShare: previous.onTimeShare,
      failed: previous.failed,
    },
  };
}

function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
