/**
 * What the dashboard shows of the interest rollup: the totals with their trend, and both
 * rankings cut down to what is displayed (top and bottom, posts per workshop). Pure and
 * JSON-safe: the national roll-up stores it per month (national_rankings) and reads it back
 * while the month's rollup rows are unchanged, since ranking 15,000 products is the national
 * view's dearest part.
 */
import { byText, type RankedItem } from '../metrics/interest-ranking';
import { rankMonth, totalsOf, withTrend, type TotalsWithTrend } from './dashboard-figures';
import type { InterestRollupRow } from './dashboard.repository';
import type { ReportMonth } from './report-month';

/** How many products and workshops the top and bottom lists hold. */
export const RANK_LIST_LENGTH = 5;

export interface RankingEnds {
  /** Items with a post, click or sale in the month. */
  count: number;
  prior: { rate: number | null; strengthPosts: number };
  top: RankedItem[];
  /** Worst first; an item is never both in the top and the bottom list. */
  bottom: RankedItem[];
}

export interface InterestSummary {
  totals: TotalsWithTrend;
  products: RankingEnds;
  workshops: RankingEnds;
  /** Workshops with a post in either month, most posts first (up to `workshopLimit`). */
  workshopPosts: { key: string; posts: number; previousPosts: number }[];
}

export function summarizeInterest(
  rows: readonly InterestRollupRow[],
  month: ReportMonth,
  previous: ReportMonth,
  workshopLimit?: number,
): InterestSummary {
  const products = rankMonth(rows, month, previous, (r) => r.productId);
  const workshops = rankMonth(rows, month, previous, (r) => r.workshopId);
  return {
    totals: withTrend(
      totalsOf(rows.filter((r) => r.month === month.label)),
      totalsOf(rows.filter((r) => r.month === previous.label)),
    ),
    products: ends(products),
    workshops: ends(workshops),
    workshopPosts: workshops.items
      .filter((w) => w.posts > 0 || (w.previous?.posts ?? 0) > 0)
      .sort((a, b) => b.posts - a.posts || byText(a.key, b.key))
      .slice(0, workshopLimit)
      .map((w) => ({ key: w.key, posts: w.posts, previousPosts: w.previous?.posts ?? 0 })),
  };
}

function ends(ranking: { items: RankedItem[]; prior: RankingEnds['prior'] }): RankingEnds {
  const scored = ranking.items.filter((i) => i.interestScore !== null);
  return {
    count: ranking.items.length,
    prior: ranking.prior,
    top: scored.slice(0, RANK_LIST_LENGTH),
    bottom: scored.slice(Math.max(RANK_LIST_LENGTH, scored.length - RANK_LIST_LENGTH)).reverse(),
  };
}
