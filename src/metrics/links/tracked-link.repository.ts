import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { PageQueryDto, pageOffset } from '../../common/pagination';
import { TrackedLink, type TrackedLinkKind } from './tracked-link.entity';

export type NewTrackedLink = Pick<
  TrackedLink,
  | 'institutionId'
  | 'code'
  | 'kind'
  | 'productId'
  | 'postTargetId'
  | 'partner'
  | 'destinationUrl'
  | 'createdBy'
>;

/** What a post target's link is made from. */
export interface TargetLinkSource {
  institutionId: string;
  postId: string;
  network: string;
  productId: string | null;
  /** When the post goes (or went) out. */
  at: Date;
  timeZone: string;
  /** The product's first marketplace listing, as captions use it. */
  marketplaceUrl: string | null;
}

export interface MarketplaceListing {
  id: string;
  productId: string;
  marketplace: string;
  url: string;
  label: string | null;
}

export interface LinkListFilter {
  institutionId: string | null;
  productId?: string;
  kind?: TrackedLinkKind;
  includeArchived: boolean;
}

export interface TrackedLinkWithClicks {
  link: TrackedLink;
  productName: string;
  clicks: number;
  uniqueVisitors: number;
}

export interface RedirectTarget {
  linkId: string;
  institutionId: string;
  destinationUrl: string;
  timeZone: string;
}

interface LinkRow {
  id: string;
  institution_id: string;
  code: string;
  kind: TrackedLinkKind;
  product_id: string;
  post_target_id: string | null;
  partner: string | null;
  destination_url: string;
  created_by: string | null;
  created_at: Date;
  archived_at: Date | null;
  product_name: string;
  clicks: string | number;
  unique_visitors: string | number;
}

function toLink(row: LinkRow): TrackedLink {
  return Object.assign(new TrackedLink(), {
    id: row.id,
    institutionId: row.institution_id,
    code: row.code,
    kind: row.kind,
    productId: row.product_id,
    postTargetId: row.post_target_id,
    partner: row.partner,
    destinationUrl: row.destination_url,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at),
    archivedAt: row.archived_at ? new Date(row.archived_at) : null,
  });
}

const FIRST_LISTING = `(SELECT l.url FROM product_marketplace_links l WHERE l.product_id = p.product_id
                        ORDER BY l.created_at, l.url LIMIT 1)`;

@Injectable()
export class TrackedLinkRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Inserts unless a unique index objects (the code, or an existing link for the same target
   * or catalogue listing): then returns null and the caller looks for the existing one.
   */
  async insertIfAbsent(
    values: NewTrackedLink,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<TrackedLink | null> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO tracked_links (institution_id, code, kind, product_id, post_target_id, partner,
                                  destination_url, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT DO NOTHING RETURNING id`,
      [
        values.institutionId,
        values.code,
        values.kind,
        values.productId,
        values.postTargetId,
        values.partner,
        values.destinationUrl,
        values.createdBy,
      ],
    );
    if (rows.length === 0) return null;
    return manager.getRepository(TrackedLink).findOneByOrFail({ id: rows[0].id });
  }

  async findByTarget(postTargetId: string): Promise<TrackedLink | null> {
    return this.dataSource.getRepository(TrackedLink).findOneBy({ postTargetId });
  }

  async findCatalogueLinks(productIds: readonly string[]): Promise<TrackedLink[]> {
    if (productIds.length === 0) return [];
    return this.dataSource
      .getRepository(TrackedLink)
      .createQueryBuilder('l')
      .where(`l.kind = 'catalogue' AND l.product_id = ANY(:ids::uuid[])`, { ids: [...productIds] })
      .getMany();
  }

  async targetSource(postTargetId: string): Promise<TargetLinkSource | null> {
    const rows: {
      institution_id: string;
      post_id: string;
      network: string;
      product_id: string | null;
      at: Date;
      time_zone: string;
      marketplace_url: string | null;
    }[] = await this.dataSource.query(
      `SELECT t.institution_id, t.post_id, t.network, p.product_id, i.time_zone,
              COALESCE(t.published_at, t.planned_at, p.planned_at, now()) AS at,
              ${FIRST_LISTING} AS marketplace_url
       FROM post_targets t
       JOIN posts p ON p.id = t.post_id
       JOIN institutions i ON i.id = t.institution_id
       WHERE t.id = $1`,
      [postTargetId],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      institutionId: row.institution_id,
      postId: row.post_id,
      network: row.network,
      productId: row.product_id,
      at: new Date(row.at),
      timeZone: row.time_zone,
      marketplaceUrl: row.marketplace_url,
    };
  }

  /**
   * Targets of scheduled (or later) product posts that should have a link and have none yet:
   * the product has a listing and the target was not cancelled. Soonest first.
   */
  async targetsWithoutLink(limit: number): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT t.id FROM post_targets t JOIN posts p ON p.id = t.post_id
       WHERE p.product_id IS NOT NULL
         AND p.status IN ('scheduled', 'publishing', 'published', 'partially_published', 'failed')
         AND t.status <> 'cancelled'
         AND NOT EXISTS (SELECT 1 FROM tracked_links l WHERE l.post_target_id = t.id)
         AND EXISTS (SELECT 1 FROM product_marketplace_links m WHERE m.product_id = p.product_id)
       ORDER BY t.planned_at NULLS LAST, t.id
       LIMIT $1`,
      [limit],
    );
    return rows.map((r) => r.id);
  }

  /** The products' marketplace listings, in the order captions and the catalogue show them. */
  async listings(
    institutionId: string,
    productIds: readonly string[],
  ): Promise<MarketplaceListing[]> {
    if (productIds.length === 0) return [];
    const rows: {
      id: string;
      product_id: string;
      marketplace: string;
      url: string;
      label: string | null;
    }[] = await this.dataSource.query(
      `SELECT id, product_id, marketplace, url, label FROM product_marketplace_links
       WHERE institution_id = $1 AND product_id = ANY($2::uuid[])
       ORDER BY created_at, url`,
      [institutionId, [...new Set(productIds)]],
    );
    return rows.map((r) => ({
      id: r.id,
      productId: r.product_id,
      marketplace: r.marketplace,
      url: r.url,
      label: r.label,
    }));
  }

  async institutionTimeZone(institutionId: string): Promise<string | null> {
    const rows: { time_zone: string }[] = await this.dataSource.query(
      `SELECT time_zone FROM institutions WHERE id = $1`,
      [institutionId],
    );
    return rows[0]?.time_zone ?? null;
  }

  async productIsVisible(productId: string, institutionId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM products WHERE id = $1 AND institution_id = $2`,
      [productId, institutionId],
    );
    return rows.length > 0;
  }

  async list(
    filter: LinkListFilter,
    page: PageQueryDto,
  ): Promise<[TrackedLinkWithClicks[], number]> {
    const conditions: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      conditions.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.institutionId !== null) add('l.institution_id = ?', filter.institutionId);
    if (filter.productId) add('l.product_id = ?', filter.productId);
    if (filter.kind) add('l.kind = ?', filter.kind);
    if (!filter.includeArchived) conditions.push('l.archived_at IS NULL');
    const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
    const countRows: { total: string }[] = await this.dataSource.query(
      `SELECT count(*) AS total FROM tracked_links l ${where}`,
      params,
    );
    const rows: LinkRow[] = await this.dataSource.query(
      `SELECT l.*, p.name AS product_name,
              COALESCE(c.clicks, 0) AS clicks, COALESCE(c.unique_visitors, 0) AS unique_visitors
       FROM tracked_links l
       JOIN products p ON p.id = l.product_id
       LEFT JOIN (SELECT link_id, sum(clicks) AS clicks, sum(unique_visitors) AS unique_visitors
                  FROM link_clicks_daily GROUP BY link_id) c ON c.link_id = l.id
       ${where}
       ORDER BY l.created_at DESC, l.id
       LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, page.pageSize, pageOffset(page)],
    );
    return [
      rows.map((row) => ({
        link: toLink(row),
        productName: row.product_name,
        clicks: Number(row.clicks),
        uniqueVisitors: Number(row.unique_visitors),
      })),
      Number(countRows[0].total),
    ];
  }

  async clickTotals(linkId: string): Promise<{ clicks: number; uniqueVisitors: number }> {
    const rows: { clicks: string | null; unique_visitors: string | null }[] =
      await this.dataSource.query(
        `SELECT sum(clicks) AS clicks, sum(unique_visitors) AS unique_visitors
         FROM link_clicks_daily WHERE link_id = $1`,
        [linkId],
      );
    return {
      clicks: Number(rows[0]?.clicks ?? 0),
      uniqueVisitors: Number(rows[0]?.unique_visitors ?? 0),
    };
  }

  async findVisible(id: string, institutionFilter: string | null): Promise<TrackedLink | null> {
    return this.dataSource
      .getRepository(TrackedLink)
      .findOneBy(institutionFilter === null ? { id } : { id, institutionId: institutionFilter });
  }

  async archive(manager: EntityManager, id: string, at: Date): Promise<TrackedLink> {
    await manager.update(TrackedLink, { id }, { archivedAt: at });
    return manager.findOneByOrFail(TrackedLink, { id });
  }

  /** The redirect's one read: the destination and the zone its clicks are counted in. */
  async redirectTarget(code: string): Promise<RedirectTarget | null> {
    const rows: {
      id: string;
      institution_id: string;
      destination_url: string;
      time_zone: string;
    }[] = await this.dataSource.query(
      `SELECT l.id, l.institution_id, l.destination_url, i.time_zone
       FROM tracked_links l JOIN institutions i ON i.id = l.institution_id
       WHERE l.code = $1`,
      [code],
    );
    const row = rows[0];
    return row
      ? {
          linkId: row.id,
          institutionId: row.institution_id,
          destinationUrl: row.destination_url,
          timeZone: row.time_zone,
        }
      : null;
  }
}
