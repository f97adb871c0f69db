import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { actorOf, AuditService } from '../../audit/audit.service';
import type { RequestScope } from '../../auth/request-scope';
import { AppError, ErrorCode } from '../../common/app-error';
import { Clock } from '../../common/clock';
import { type Page, pageOf } from '../../common/pagination';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { generateLinkCode } from './link-code';
import {
  CreateTrackedLinkDto,
  shortUrlOf,
  toTrackedLinkResponse,
  TrackedLinkListQuery,
  TrackedLinkResponse,
} from './tracked-link.dto';
import { TrackedLink } from './tracked-link.entity';
import { type NewTrackedLink, TrackedLinkRepository } from './tracked-link.repository';
import { CATALOGUE_PARTNER, campaignMonth, partnerUtm, postUtm, withUtm } from './utm';

const LINK = { id: 'Tautan terlacak', en: 'Tracked link' };
const PRODUCT = { id: 'Produk', en: 'Product' };
const LISTING = { id: 'Tautan marketplace', en: 'Marketplace link' };
const AUDIT_TYPE = 'tracked_link';
/** A fresh 8-character code collides with probability ~n/2^47; five tries never all fail. */
const CODE_ATTEMPTS = 5;

export interface ShortLink {
  code: string;
  shortUrl: string;
}

export interface CatalogueLink extends ShortLink {
  marketplace: string;
  label: string | null;
}

/** Making and listing tracked links: per post target, per partner, per catalogue listing. */
@Injectable()
export class TrackedLinkService {
  constructor(
    private readonly links: TrackedLinkRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(scope: RequestScope, dto: CreateTrackedLinkDto): Promise<TrackedLinkResponse> {
    const institutionId = scope.requireInstitution();
    if (!(await this.links.productIsVisible(dto.productId, institutionId))) {
      throw AppError.notFound(PRODUCT, 'productId');
    }
    const listings = await this.links.listings(institutionId, [dto.productId]);
    const listing = dto.marketplaceLinkId
      ? listings.find((l) => l.id === dto.marketplaceLinkId)
      : listings[0];
    if (!listing) {
      if (dto.marketplaceLinkId) throw AppError.notFound(LISTING, 'marketplaceLinkId');
      throw new AppError(
        ErrorCode.UnprocessableEntity,
        {
          id: 'Produk ini belum punya tautan marketplace; tambahkan dulu di katalog',
          en: 'This product has no marketplace link yet; add one in the catalogue',
        },
        'productId',
      );
    }
    const timeZone = (await this.links.institutionTimeZone(institutionId)) ?? 'Asia/Jakarta';
    const month = campaignMonth(this.clock.now(), timeZone);
    const values: Omit<NewTrackedLink, 'code'> = {
      institutionId,
      kind: 'partner',
      productId: dto.productId,
      postTargetId: null,
      partner: dto.partner,
      destinationUrl: withUtm(listing.url, partnerUtm(dto.partner, month)),
      createdBy: scope.user.id,
    };
    return this.dataSource.transaction(async (manager) => {
      const link = await this.mint(values, () => Promise.resolve(null), manager);
      const response = this.present(link);
      await this.audit.record(
        {
          actor: actorOf(scope),
          institutionId,
          action: 'create',
          entityType: AUDIT_TYPE,
          entityId: link.id,
          after: response,
        },
        manager,
      );
      return response;
    });
  }

  async list(scope: RequestScope, query: TrackedLinkListQuery): Promise<Page<TrackedLinkResponse>> {
    const [rows, total] = await this.links.list(
      {
        institutionId: scope.institutionFilter,
        productId: query.productId,
        kind: query.kind,
        includeArchived: query.includeArchived ?? false,
      },
      query,
    );
    const items = rows.map((row) =>
      toTrackedLinkResponse(row.link, this.config.publicBaseUrl, {
        productName: row.productName,
        clicks: row.clicks,
        uniqueVisitors: row.uniqueVisitors,
      }),
    );
    return pageOf(items, total, query);
  }

  /** Archived links leave the list but keep redirecting: printed and posted links must work. */
  async archive(scope: RequestScope, id: string): Promise<TrackedLinkResponse> {
    const link = await this.links.findVisible(id, scope.institutionFilter);
    if (!link) throw AppError.notFound(LINK);
    const totals = await this.links.clickTotals(link.id);
    if (link.archivedAt) return this.present(link, totals);
    return this.dataSource.transaction(async (manager) => {
      const archived = await this.links.archive(manager, link.id, this.clock.now());
      const response = this.present(archived, totals);
      await this.audit.record(
        {
          actor: actorOf(scope),
          institutionId: link.institutionId,
          action: 'update',
          entityType: AUDIT_TYPE,
          entityId: link.id,
          before: this.present(link, totals),
          after: response,
        },
        manager,
      );
      return response;
    });
  }

  /**
   * The post target's short link, made on first use (publishing calls this; captions may too).
   * Null when there is nothing to link to: an announcement without a product, or a product
   * without a marketplace listing. Call outside a transaction.
   */
  async linkForTarget(postTargetId: string): Promise<ShortLink | null> {
    const existing = await this.links.findByTarget(postTargetId);
    if (existing) return this.short(existing);
    const source = await this.links.targetSource(postTargetId);
    if (!source?.productId || !source.marketplaceUrl) return null;
    const month = campaignMonth(source.at, source.timeZone);
    const link = await this.mint(
      {
        institutionId: source.institutionId,
        kind: 'post',
        productId: source.productId,
        postTargetId,
        partner: null,
        destinationUrl: withUtm(
          source.marketplaceUrl,
          postUtm(source.network, source.postId, month),
        ),
        createdBy: null,
      },
      () => this.links.findByTarget(postTargetId),
    );
    return this.short(link);
  }

  /** Makes the missing links of scheduled and published targets; returns how many it made. */
  async linkScheduledTargets(limit = 200): Promise<number> {
    const targets = await this.links.targetsWithoutLink(limit);
    for (const targetId of targets) await this.linkForTarget(targetId);
    return targets.length;
  }

  /**
   * The catalogue's marketplace buttons for the products: one tracked link per listing, made
   * on first view. The products must belong to `institutionId`.
   */
  async catalogueLinks(
    institutionId: string,
    productIds: readonly string[],
  ): Promise<Map<string, CatalogueLink[]>> {
    const listings = await this.links.listings(institutionId, productIds);
    const known = await this.links.findCatalogueLinks(productIds);
    const byDestination = new Map(known.map((l) => [`${l.productId} ${l.destinationUrl}`, l]));
    const result = new Map<string, CatalogueLink[]>();
    for (const listing of listings) {
      const destinationUrl = withUtm(listing.url, partnerUtm(CATALOGUE_PARTNER, CATALOGUE_PARTNER));
      const key = `${listing.productId} ${destinationUrl}`;
      const link =
        byDestination.get(key) ??
        (await this.mint(
          {
            institutionId,
            kind: 'catalogue',
            productId: listing.productId,
            postTargetId: null,
            partner: CATALOGUE_PARTNER,
            destinationUrl,
            createdBy: null,
          },
          async () =>
            (await this.links.findCatalogueLinks([listing.productId])).find(
              (l) => l.destinationUrl === destinationUrl,
            ) ?? null,
        ));
      byDestination.set(key, link);
      const buttons = result.get(listing.productId) ?? [];
      // Two listings with one URL make one button.
      if (buttons.some((b) => b.code === link.code)) continue;
      buttons.push({
        marketplace: listing.marketplace,
        label: listing.label,
        code: link.code,
        shortUrl: shortUrlOf(this.config.publicBaseUrl, link.code),
      });
      result.set(listing.productId, buttons);
    }
    return result;
  }

  /**
   * Inserts with a fresh code. When a unique index objects, either the link already exists
   * (made by a concurrent request: `existing` finds it) or the code was taken (try another).
   */
  private async mint(
    values: Omit<NewTrackedLink, 'code'>,
    existing: () => Promise<TrackedLink | null>,
    manager = this.dataSource.manager,
  ): Promise<TrackedLink> {
    for (let attempt = 0; attempt < CODE_ATTEMPTS; attempt++) {
      const inserted = await this.links.insertIfAbsent(
        { ...values, code: generateLinkCode() },
        manager,
      );
      if (inserted) return inserted;
      const found = await existing();
      if (found) return found;
    }
    throw new Error('No free tracked-link code after several attempts');
  }

  private short(link: TrackedLink): ShortLink {
    return { code: link.code, shortUrl: shortUrlOf(this.config.publicBaseUrl, link.code) };
  }

  private present(
    link: TrackedLink,
    totals = { clicks: 0, uniqueVisitors: 0 },
  ): TrackedLinkResponse {
    return toTrackedLinkResponse(link, this.config.publicBaseUrl, totals);
  }
}
