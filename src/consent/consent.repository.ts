import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type FindOptionsWhere, In, IsNull, Not } from 'typeorm';
import { PageQueryDto, pageOffset } from '../common/pagination';
import { MediaAsset } from '../media/media-asset.entity';
import { ConsentRecord } from './consent-record.entity';
import type { ConsentStatus } from './consent.dto';

export type NewConsentRecord = Pick<
  ConsentRecord,
  | 'institutionId'
  | 'subjectName'
  | 'subjectIsMinor'
  | 'purpose'
  | 'channels'
  | 'validFrom'
  | 'validUntil'
  | 'evidenceKey'
  | 'evidenceMimeType'
  | 'recordedBy'
>;

/** `institutionFilter` null means every institution (national roles). */
function scoped(id: string, institutionFilter: string | null): FindOptionsWhere<ConsentRecord> {
  return institutionFilter === null ? { id } : { id, institutionId: institutionFilter };
}

@Injectable()
export class ConsentRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, values: NewConsentRecord): Promise<ConsentRecord> {
    const repository = manager.getRepository(ConsentRecord);
    return repository.save(repository.create(values));
  }

  async findVisible(id: string, institutionFilter: string | null): Promise<ConsentRecord | null> {
    return this.dataSource
      .getRepository(ConsentRecord)
      .findOne({ where: scoped(id, institutionFilter) });
  }

  async findByIds(ids: readonly string[]): Promise<ConsentRecord[]> {
    if (ids.length === 0) return [];
    return this.dataSource.getRepository(ConsentRecord).findBy({ id: In([...ids]) });
  }

  /**
   * Row-locked read inside a transaction. `share` (FOR SHARE) for linking a photo, so a
   * concurrent withdrawal (FOR UPDATE) waits for the link, sees it and takes the photo down.
   */
  async findLocked(
    manager: EntityManager,
    id: string,
    institutionFilter: string | null,
    mode: 'share' | 'update',
  ): Promise<ConsentRecord | null> {
    return manager.getRepository(ConsentRecord).findOne({
      where: scoped(id, institutionFilter),
      lock: { mode: mode === 'share' ? 'pessimistic_read' : 'pessimistic_write' },
    });
  }

  async list(
    institutionFilter: string | null,
    status: ConsentStatus | undefined,
    page: PageQueryDto,
  ): Promise<[ConsentRecord[], number]> {
    const where: FindOptionsWhere<ConsentRecord> = {};
    if (institutionFilter !== null) where.institutionId = institutionFilter;
    if (status === 'active') where.withdrawnAt = IsNull();
    if (status === 'withdrawn') where.withdrawnAt = Not(IsNull());
    return this.dataSource.getRepository(ConsentRecord).findAndCount({
      where,
      order: { createdAt: 'DESC', id: 'ASC' },
      skip: pageOffset(page),
      take: page.pageSize,
    });
  }

  async linkedPhotos(consentId: string): Promise<MediaAsset[]> {
    return this.dataSource.getRepository(MediaAsset).find({
      where: { consentRecordId: consentId },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  /** The ids of the photos linked to a consent, locked against a concurrent delete. */
  async lockLinkedPhotoIds(manager: EntityManager, consentId: string): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(
      `SELECT id FROM media_assets WHERE consent_record_id = $1 ORDER BY created_at, id FOR UPDATE`,
      [consentId],
    );
    return rows.map((r) => r.id);
  }

  async markWithdrawn(
    manager: EntityManager,
    consent: ConsentRecord,
    withdrawal: { at: Date; by: string; reason: string },
  ): Promise<ConsentRecord> {
    consent.withdrawnAt = withdrawal.at;
    consent.withdrawnBy = withdrawal.by;
    consent.withdrawalReason = withdrawal.reason;
    return manager.getRepository(ConsentRecord).save(consent);
  }

  /** Names in the institution's register, for the caption dignity check. */
  async subjectNames(institutionId: string): Promise<string[]> {
    const rows: { subject_name: string }[] = await this.dataSource.query(
      `SELECT DISTINCT subject_name FROM consent_records WHERE institution_id = $1`,
      [institutionId],
    );
    return rows.map((r) => r.subject_name);
  }
}
