import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { SocialNetwork } from '../content/rendering/template';
import type { InterestSummary } from './interest-summary';

/** Sums every rollup of posts keeps; counts come back as numbers (bigint sums fit in 2^53). */
export interface PostSums {
  posts: number;
  reach: number;
  views: number;
  interactions: number;
  ratedPosts: number;
  ratedReach: number;
  ratedInteractions: number;
}

export interface InterestRollupRow extends PostSums {
  month: string;
  productId: string | null;
  workshopId: string | null;
  rateSum: number;
  rateSquareSum: number;
  clicks: number;
  salesQuantity: number;
  salesRevenueIdr: number;
}

export interface NetworkDayRow extends PostSums {
  day: string;
  network: SocialNetwork;
}

export interface PostingHourRow extends PostSums {
  weekday: number;
  hour: number;
}

export interface PublishingRow {
  month: string;
  network: SocialNetwork;
  status: 'published' | 'failed';
  reason: string;
  targets: number;
  onTime: number;
}

export interface NamedRow {
  id: string;
  name: string;
  institutionId: string;
  institutionName: string;
}

export interface Names {
  products: NamedRow[];
  workshops: NamedRow[];
}

const SUMS = `sum(posts)::float8 AS posts, sum(reach)::float8 AS reach, sum(views)::float8 AS views,
  sum(interactions)::float8 AS interactions, sum(rated_posts)::float8 AS "ratedPosts",
  sum(rated_reach)::float8 AS "ratedReach", sum(rated_interactions)::float8 AS "ratedInteractions"`;

/**
 * Reads the monthly rollups (never raw snapshots). `institutionId` null means every
 * institution: the national roll-up. Months and days are institution-local dates.
 */
@Injectable()
export class DashboardRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Rows of interest_monthly for the given months. Rows are unique per institution, month,
   * product and workshop, and ids are global, so they come back as stored (no grouping: the
   * national month is some 15,000 rows, read by an index-only scan).
   */
  interest(institutionId: string | null, months: string[]): Promise<InterestRollupRow[]> {
    return this.dataSource.query(
      `SELECT to_char(month, 'YYYY-MM') AS month, product_id AS "productId", workshop_id AS "workshopId",
         posts::float8 AS posts, reach::float8 AS reach, views::float8 AS views,
         interactions::float8 AS interactions, rated_posts::float8 AS "ratedPosts",
         rated_reach::float8 AS "ratedReach", rated_interactions::float8 AS "ratedInteractions",
         rate_sum AS "rateSum", rate_square_sum AS "rateSquareSum", clicks::float8 AS clicks,
         sales_quantity::float8 AS "salesQuantity", sales_revenue_idr::float8 AS "salesRevenueIdr"
       FROM interest_monthly
       WHERE month = ANY($1::date[]) AND ($2::uuid IS NULL OR institution_id = $2)`,
      [months, institutionId],
    );
  }

  /** Nationally, the national rollup: a few hundred rows where institutions keep 90,000. */
  networkDays(institutionId: string | null, from: string, to: string): Promise<NetworkDayRow[]> {
    return this.dataSource.query(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, network, ${SUMS}
       FROM ${institutionId ? 'network_daily' : 'network_daily_national'}
       WHERE day BETWEEN $1::date AND $2::date ${institutionId ? 'AND institution_id = $3' : ''}
       GROUP BY day, network`,
      institutionId ? [from, to, institutionId] : [from, to],
    );
  }

  postingHours(institutionId: string | null, month: string): Promise<PostingHourRow[]> {
    return this.dataSource.query(
      `SELECT weekday, hour, ${SUMS}
       FROM ${institutionId ? 'posting_hours_monthly' : 'posting_hours_national'}
       WHERE month = $1::date ${institutionId ? 'AND institution_id = $2' : ''}
       GROUP BY weekday, hour`,
      institutionId ? [month, institutionId] : [month],
    );
  }

  publishing(institutionId: string | null, months: string[]): Promise<PublishingRow[]> {
    return this.dataSource.query(
      `SELECT to_char(month, 'YYYY-MM') AS month, network, status, reason,
         sum(targets)::float8 AS targets, sum(on_time)::float8 AS "onTime"
       FROM publishing_monthly
       WHERE month = ANY($1::date[]) AND ($2::uuid IS NULL OR institution_id = $2)
       GROUP BY month, network, status, reason`,
      [months, institutionId],
    );
  }

  /**
   * The institution's dashboard version for `months` (DashboardVersions migration): the sum of
   * the change counters of those months and of its products' and workshops' names (kept under
   * the month '-infinity'), which grows with every committed change a dashboard of them shows.
   */
  async dashboardVersion(institutionId: string, months: string[]): Promise<string> {
    const rows: { version: string }[] = await this.dataSource.query(
      `SELECT coalesce(sum(version), 0)::text AS version FROM dashboard_versions
       WHERE institution_id = $1 AND month = ANY($2::date[])`,
      [institutionId, [...months, '-infinity']],
    );
    return rows[0].version;
  }

  /**
   * The national summary stored for `month` if it is current: stored with the version the
   * rollup rows of `months` have now. `version` is that current version, to store a new one.
   */
  async storedNationalInterest(
    month: string,
    months: string[],
  ): Promise<{ version: string; summary: InterestSummary | null }> {
    const rows: { version: string; summary: InterestSummary | null }[] =
      await this.dataSource.query(
        `SELECT v.version, r.summary
         FROM (SELECT coalesce(sum(version), 0)::text AS version
               FROM interest_versions WHERE month = ANY($2::date[])) v
         LEFT JOIN national_interest r ON r.month = $1::date AND r.version = v.version::numeric`,
        [month, months],
      );
    return rows[0];
  }

  /** Keeps the newest summary of a month (concurrent readers may both compute one). */
  async storeNationalInterest(month: string, version: string, summary: InterestSummary) {
    await this.dataSource.query(
      `INSERT INTO national_interest AS r (month, version, summary) VALUES ($1, $2, $3)
       ON CONFLICT (month) DO UPDATE SET version = EXCLUDED.version, summary = EXCLUDED.summary,
         computed_at = now()
       WHERE r.version < EXCLUDED.version`,
      [month, version, JSON.stringify(summary)],
    );
  }

  /** Products and workshops by id. */
  named(productIds: string[], workshopIds: string[]): Promise<Names> {
    return this.names(`id = ANY($1::uuid[])`, productIds, workshopIds);
  }

  /** Every product and workshop of one institution: a few dozen rows, read beside the rollups. */
  namedOf(institutionId: string): Promise<Names> {
    return this.names(`institution_id = $1`, institutionId, institutionId);
  }

  private async names(where: string, products: unknown, workshops: unknown): Promise<Names> {
    const query = (table: string, param: unknown): Promise<NamedRow[]> =>
      this.dataSource.query(
        `SELECT x.id, x.name, i.id AS "institutionId", i.name AS "institutionName"
         FROM ${table} x JOIN institutions i ON i.id = x.institution_id WHERE x.${where}`,
        [param],
      );
    const [p, w] = await Promise.all([query('products', products), query('workshops', workshops)]);
    return { products: p, workshops: w };
  }

  async institution(id: string): Promise<{ id: string; name: string; timeZone: string } | null> {
    const rows: { id: string; name: string; timeZone: string }[] = await this.dataSource.query(
      `SELECT id, name, time_zone AS "timeZone" FROM institutions WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }
}
