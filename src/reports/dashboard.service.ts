import { Injectable } from '@nestjs/common';
import { AppError } from '../common/app-error';
import { Clock } from '../common/clock';
import { ViewCache, type SerialisedView } from '../common/view-cache';
import type { CalendarZone } from '../calendar/local-time';
import type { RankedItem } from '../metrics/interest-ranking';
import {
  dailySeries,
  networkComparison,
  postingTimes,
  reliability,
  type DailyPoint,
  type NetworkFigures,
  type PostingTimes,
  type Reliability,
  type TotalsWithTrend,
} from './dashboard-figures';
import { DashboardRepository, type NamedRow } from './dashboard.repository';
import { summarizeInterest, type InterestSummary, type RankingEnds } from './interest-summary';
import { parseReportMonth, previousMonth, type ReportMonth } from './report-month';
/** The national view lists the workshops with the most posts, not all of them. */
export const NATIONAL_WORKSHOP_LIST = 20;
/** National views read months in WIB, the directorate's zone. */
export const NATIONAL_ZONE: CalendarZone = 'Asia/Jakarta';
/** Serialised institution dashboards kept in memory: some 20 kB each, gzip beside the JSON. */
const DASHBOARD_CACHE_BYTES = 16 * 1024 * 1024;

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

  private readonly views = new ViewCache(DASHBOARD_CACHE_BYTES);

  /**
   * One institution's month as sent, from the cache while nothing it shows has changed: the
   * dashboard version is read before the rollups, so a cached dashboard is never older than
   * its key.
   */
  async forInstitution(institutionId: string, monthText: unknown): Promise<SerialisedView> {
    const institution = await this.repository.institution(institutionId);
    if (!institution) throw AppError.notFound({ id: 'Lembaga', en: 'Institution' });
    const zone = institution.timeZone as CalendarZone;
    const month = parseReportMonth(monthText, this.clock.now(), zone);
    const { id, name, timeZone } = institution;
    const months = [month.first, previousMonth(month).first];
    const version = await this.repository.dashboardVersion(id, months);
    return this.views.view(JSON.stringify([id, version, name, timeZone, month.label]), () =>
      this.build({ kind: 'institution', institutionId: id, name, timeZone }, month),
    );
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
    // One round trip for an institution: its few names are read beside the rollups.
    const [interest, days, hours, publishing, institutionNames] = await Promise.all([
      institutionId
        ? this.repository
            .interest(institutionId, months)
            .then((rows) => summarizeInterest(rows, month, previous))
        : this.nationalInterest(month, previous),
      this.repository.networkDays(institutionId, previous.first, month.last),
      this.repository.postingHours(institutionId, month.first),
      this.repository.publishing(institutionId, months),
      institutionId ? this.repository.namedOf(institutionId) : null,
    ]);
    const { products, workshops, workshopPosts } = interest;
    const names = await (institutionNames ??
      this.repository.named(
        [...products.top, ...products.bottom].map((i) => i.key),
        [...new Set([...workshops.top, ...workshops.bottom, ...workshopPosts].map((i) => i.key))],
      ));
    const productsById = new Map(names.products.map((p) => [p.id, p]));
    const workshopsById = new Map(names.workshops.map((w) => [w.id, w]));

    return {
      scope: target.kind === 'institution' ? target : { kind: 'national', timeZone: NATIONAL_ZONE },
      month: month.label,
      previousMonth: previous.label,
      totals: interest.totals,
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
        previousPosts: w.previousPosts,
      })),
      postingTimes: postingTimes(hours),
      reliability: reliability(publishing, month),
    };
  }

  /**
   * The national interest summary, stored per month with the version of the rollup rows it was
   * computed from (the sum of their institutions' change counters): recomputed from the 30,000
   * rows of the two months only when one of them changed since.
   */
  private async nationalInterest(
    month: ReportMonth,
    previous: ReportMonth,
  ): Promise<InterestSummary> {
    const months = [month.first, previous.first];
    const stored = await this.repository.storedNationalInterest(month.first, months);
    if (stored.summary) return stored.summary;
    const rows = await this.repository.interest(null, months);
    const summary = summarizeInterest(rows, month, previous, NATIONAL_WORKSHOP_LIST);
    await this.repository.storeNationalInterest(month.first, stored.version, summary);
    return summary;
  }
}

function section(ranking: RankingEnds, names: ReadonlyMap<string, NamedRow>): RankingSection {
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
    count: ranking.count,
    prior: ranking.prior,
    top: ranking.top.map(named),
    bottom: ranking.bottom.map(named),
  };
}
