import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type FindOptionsWhere, In } from 'typeorm';
import { PageQueryDto, pageOffset } from '../common/pagination';
import { ConsentRecord } from '../consent/consent-record.entity';
import { DEFAULT_TIME_ZONE, type Clearance } from './clearance';
import { MediaAsset } from './media-asset.entity';

export type NewMediaAsset = Omit<MediaAsset, 'id' | 'createdAt' | 'updatedAt'>;

export interface MediaFilter {
  productId?: string;
  clearance?: Clearance;
  usable?: boolean;
}

/**
 * SQL twin of summarizeClearance (clearance.ts): publishable on at least one channel at :now,
 * dates compared in the institution's zone. Consent channels are never empty, so "some
 * channel" needs no channel test.
 */
const USABLE_SQL = `(m.clearance = 'no_identifiable_person' OR (
  m.clearance = 'consent' AND c.withdrawn_at IS NULL AND NOT c.subject_is_minor
  AND c.valid_from <= (CAST(:now AS timestamptz) AT TIME ZONE
        (SELECT i.time_zone FROM institutions i WHERE i.id = m.institution_id))::date
  AND (c.valid_until IS NULL OR c.valid_until >= (CAST(:now AS timestamptz) AT TIME ZONE
        (SELECT i.time_zone FROM institutions i WHERE i.id = m.institution_id))::date)))`;

function scoped(id: string, institutionFilter: string | null): FindOptionsWhere<MediaAsset> {
  return institutionFilter === null ? { id } : { id, institutionId: institutionFilter };
}

@Injectable()
export class MediaRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, values: NewMediaAsset): Promise<MediaAsset> {
    const repository = manager.getRepository(MediaAsset);
    return repository.save(repository.create(values));
  }

  async save(manager: EntityManager, asset: MediaAsset): Promise<MediaAsset> {
    return manager.getRepository(MediaAsset).save(asset);
  }

  async remove(manager: EntityManager, asset: MediaAsset): Promise<void> {
    await manager.getRepository(MediaAsset).delete({ id: asset.id });
  }

  async findVisible(id: string, institutionFilter: string | null): Promise<MediaAsset | null> {
    return this.dataSource
      .getRepository(MediaAsset)
      .findOne({ where: scoped(id, institutionFilter) });
  }

  async findForUpdate(
    manager: EntityManager,
    id: string,
    institutionFilter: string | null,
  ): Promise<MediaAsset | null> {
    return manager.getRepository(MediaAsset).findOne({
      where: scoped(id, institutionFilter),
      lock: { mode: 'pessimistic_write' },
    });
  }

  async list(
    institutionFilter: string | null,
    filter: MediaFilter,
    page: PageQueryDto,
    now: Date,
  ): Promise<[MediaAsset[], number]> {
    const query = this.dataSource
      .getRepository(MediaAsset)
      .createQueryBuilder('m')
      .leftJoin(ConsentRecord, 'c', 'c.id = m.consent_record_id')
      .orderBy('m.createdAt', 'DESC')
      .addOrderBy('m.id', 'ASC')
      // The join is one-to-one and selects nothing, so plain OFFSET/LIMIT pages correctly.
      .offset(pageOffset(page))
      .limit(page.pageSize);
    if (institutionFilter !== null) {
      query.andWhere('m.institution_id = :institutionId', { institutionId: institutionFilter });
    }
    if (filter.productId)
      query.andWhere('m.product_id = :productId', { productId: filter.productId });
    if (filter.clearance)
      query.andWhere('m.clearance = :clearance', { clearance: filter.clearance });
    if (filter.usable !== undefined) {
      query.andWhere(filter.usable ? USABLE_SQL : `NOT ${USABLE_SQL}`, { now: now.toISOString() });
    }
    return query.getManyAndCount();
  }

  async findInInstitution(institutionId: string, ids: readonly string[]): Promise<MediaAsset[]> {
    if (ids.length === 0) return [];
    return this.dataSource
      .getRepository(MediaAsset)
      .findBy({ institutionId, id: In([...new Set(ids)]) });
  }

  /** A photo listed in a takedown task is evidence of what must come down. */
  async isInTakedown(manager: EntityManager, mediaAssetId: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM takedown_task_items WHERE media_asset_id = $1 LIMIT 1`,
      [mediaAssetId],
    );
    return rows.length > 0;
  }

  /** Posts keep their photos for their history; a photo a post uses cannot be deleted. */
  async isUsedByPosts(manager: EntityManager, mediaAssetId: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM post_media WHERE media_asset_id = $1 LIMIT 1`,
      [mediaAssetId],
    );
    return rows.length > 0;
  }

  /** True when the product exists in this institution (another institution's is "not found"). */
  async productBelongs(
    manager: EntityManager,
    productId: string,
    institutionId: string,
  ): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM products WHERE id = $1 AND institution_id = $2`,
      [productId, institutionId],
    );
    return rows.length > 0;
  }

  async timeZones(institutionIds: readonly string[]): Promise<Map<string, string>> {
    const zones = new Map<string, string>();
    if (institutionIds.length === 0) return zones;
    const rows: { id: string; time_zone: string }[] = await this.dataSource.query(
      `SELECT id, time_zone FROM institutions WHERE id = ANY($1::uuid[])`,
      [[...new Set(institutionIds)]],
    );
    for (const row of rows) zones.set(row.id, row.time_zone);
    return zones;
  }

  async timeZone(institutionId: string): Promise<string> {
    return (await this.timeZones([institutionId])).get(institutionId) ?? DEFAULT_TIME_ZONE;
  }
}
