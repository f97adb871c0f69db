import { Injectable } from '@nestjs/common';
import type { RequestScope } from '../auth/request-scope';
import { AppError } from '../common/app-error';
import { Clock } from '../common/clock';
import type { CalendarZone } from '../calendar/local-time';
import { byText, type RankedItem } from '../metrics/interest-ranking';
import {
  dailySeries,
  networkComparison,
  postingTimes,
  rankMonth,
  reliability,
  totalsOf,
  withTrend,
  type DailyPoint,
  type NetworkFigures,
  type PostingTimes,
  type Reliability,
  type TotalsWithTrend,
} from './dashboard-figures';
import { DashboardRepository, type NamedRow } from './dashboard.repository';
import { parseReportMonth, previousMonth, type ReportMonth } from './report-month';

/** How many products and workshops the top and bottom lists hold. */
export const RANK_LIST_LENGTH = 5;
/** The national view lists the workshops with the most posts, not all of them. */
export const NATIONAL_WORKSHOP_LIST = 20;
/** National views read months in WIB, the directorate's zone. */
export const NATIONAL_ZONE: CalendarZone = 'Asia/Jakarta';

export interface NamedRankedItem extends RankedItem {
  name: string;
  institutionId: string;
  institutionName: string;
}

export interface RankingSection {
  /** Items with a post, click or sale in the month. */
  count: number;
  prior: { rate: number | null; strengthPosts: number };
  top: NamedRankedItem[];
  bottom: NamedRankedItem[];
}

export interface WorkshopPosts {
  workshopId: string;
  name: string;
  institutionName: string;
  posts: number;
  previousPosts: number;
}

/** Everything a monthly dashboard shows; the monthly report prints the same object. */
export interface Dashboard {
  scope:
    | { kind: 'institution'; institutionId: string; name: string; timeZone: string }
    | { kind: 'national'; timeZone: string };
  month: string;
  previousMonth: string;
  totals: TotalsWithTrend;
  daily: DailyPoint[];
  networks: NetworkFigures[];
  products: RankingSection;
  workshops: RankingSection;
  postsPerWorkshop: WorkshopPosts[];
  postingTimes: PostingTimes;
  reliability: Reliability;
}

export type DashboardTarget =
  | { kind: 'institution'; institutionId: string; name: string; timeZone: string }
  | { kind: 'national' };

/**
 * The monthly dashboards: one institution's, and the national roll-up for national roles. Both
 * read the monthly rollups only; `build` is the one function the report uses too.
 */
@Injectable()
export class DashboardService {
  constructor(
    private readonly repository: DashboardRepository,
    private readonly clock: Clock,
  ) {}

  async forInstitution(scope: RequestScope, monthText: unknown): Promise<Dashboard> {
    const institution = await this.repository.institution(scope.requireInstitution());
    if (!institution) throw AppError.notFound({ id: 'Lembaga', en: 'Institution' });
    const zone = institution.timeZone as CalendarZone;
    const month = parseReportMonth(monthText, this.clock.now(), zone);
    const { id, name, timeZone } = institution;
    return this.build({ kind: 'institution', institutionId: id, name, timeZone }, month);
  }

  /** Every institution; the route admits national roles only (Permission.ReportsNational). */
  async national(monthText: unknown): Promise<Dashboard> {
    return this.build(
      { kind: 'national' },
      parseReportMonth(monthText, this.clock.now(), NATIONAL_ZONE),
    );
  }

  async build(target: DashboardTarget, month: ReportMonth): Promise<Dashboard> {
    const previous = previousMonth(month);
    const institutionId = target.kind === 'institution' ? target.institutionId : null;
    const months = [month.first, previous.first];
    const [interest, days, hours, publishing] = await Promise.all([
      this.repository.interest(institutionId, months),
      this.repository.networkDays(institutionId, previous.first, month.last),
      this.repository.postingHours(institutionId, month.first),
      this.repository.publishing(institutionId, months),
    ]);
    const products = rankMonth(interest, month, previous, (r) => r.productId);
    const workshops = rankMonth(interest, month, previous, (r) => r.workshopId);
    const workshopPosts = workshops.items
      .filter((w) => w.posts > 0 || (w.previous?.posts ?? 0) > 0)
      .sort((a, b) => b.posts - a.posts || byText(a.key, b.key))
      .slice(0, target.kind === 'national' ? NATIONAL_WORKSHOP_LIST : undefined);

    const productIds = [...ends(products.items)].map((i) => i.key);
    const workshopIds = new Set([...ends(workshops.items), ...workshopPosts].map((i) => i.key));
    const [productNames, workshopNames] = await Promise.all([
      this.repository.products(productIds),
      this.repository.workshops([...workshopIds]),
    ]);
    const productsById = new Map(productNames.map((p) => [p.id, p]));
    const workshopsById = new Map(workshopNames.map((w) => [w.id, w]));

    return {
      scope: target.kind === 'institution' ? target : { kind: 'national', timeZone: NATIONAL_ZONE },
      month: month.label,
      previousMonth: previous.label,
      totals: withTrend(
        totalsOf(interest.filter((r) => r.month === month.label)),
        totalsOf(interest.filter((r) => r.month === previous.label)),
      ),
      daily: dailySeries(
        days.filter((d) => d.day >= month.first),
        month,
      ),
      networks: networkComparison(days, month),
      products: section(products, productsById),
      workshops: section(workshops, workshopsById),
      postsPerWorkshop: workshopPosts.map((w) => ({
        workshopId: w.key,
        name: workshopsById.get(w.key)?.name ?? '',
        institutionName: workshopsById.get(w.key)?.institutionName ?? '',
        posts: w.posts,
        previousPosts: w.previous?.posts ?? 0,
      })),
      postingTimes: postingTimes(hours),
      reliability: reliability(publishing, month),
    };
  }
}

/** The scored items at the top and the bottom of a ranking. */
function ends(items: readonly RankedItem[]): RankedItem[] {
  const scored = items.filter((i) => i.interestScore !== null);
  return [
    ...scored.slice(0, RANK_LIST_LENGTH),
    ...scored.slice(Math.max(RANK_LIST_LENGTH, scored.length - RANK_LIST_LENGTH)),
  ];
}

function section(
  ranking: { items: RankedItem[]; prior: RankingSection['prior'] },
  names: ReadonlyMap<string, NamedRow>,
): RankingSection {
  const scored = ranking.items.filter((i) => i.interestScore !== null);
  const named = (item: RankedItem): NamedRankedItem => {
    const row = names.get(item.key);
    return {
      ...item,
      name: row?.name ?? '',
      institutionId: row?.institutionId ?? '',
      institutionName: row?.institutionName ?? '',
    };
  };
  return {
    count: ranking.items.length,
    prior: ranking.prior,
    top: scored.slice(0, RANK_LIST_LENGTH).map(named),
    // Worst first; an item is never both in the top and the bottom list.
    bottom: scored
      .slice(Math.max(RANK_LIST_LENGTH, scored.length - RANK_LIST_LENGTH))
      .reverse()
      .map(named),
  };
}
