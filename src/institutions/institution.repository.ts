import { containsPattern } from '../common/like-pattern';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, QueryFailedError, Repository } from 'typeorm';
import { AppError } from '../common/app-error';
import { Institution, type InstitutionKind } from './institution.entity';

export interface InstitutionListFilter {
  /** Null: every institution (national roles). */
  institutionId: string | null;
  kind?: InstitutionKind;
  q?: string;
  offset: number;
  limit: number;
}

export type InstitutionValues = Omit<Institution, 'id' | 'logoKey' | 'createdAt' | 'updatedAt'>;

function slugConflict(error: unknown): AppError | undefined {
  const driver =
    error instanceof QueryFailedError
      ? (error.driverError as { code?: string; constraint?: string })
      : undefined;
  if (driver?.code === '23505' && driver.constraint === 'uq_institutions_slug') {
    return AppError.conflict('slug', {
      id: 'Slug sudah dipakai lembaga lain',
      en: 'The slug is already used by another institution',
    });
  }
  return undefined;
}

@Injectable()
export class InstitutionRepository {
  constructor(@InjectRepository(Institution) private readonly repo: Repository<Institution>) {}

  async list(filter: InstitutionListFilter): Promise<[Institution[], number]> {
    const query = this.repo.createQueryBuilder('i');
    if (filter.institutionId !== null) query.andWhere('i.id = :id', { id: filter.institutionId });
    if (filter.kind) query.andWhere('i.kind = :kind', { kind: filter.kind });
    if (filter.q) {
      query.andWhere('(i.name ILIKE :q OR i.slug ILIKE :q OR i.region ILIKE :q)', {
        q: containsPattern(filter.q),
      });
    }
    return query
      .orderBy('i.name', 'ASC')
      .addOrderBy('i.id', 'ASC')
      .skip(filter.offset)
      .take(filter.limit)
      .getManyAndCount();
  }

  findById(id: string, manager?: EntityManager): Promise<Institution | null> {
    return this.repository(manager).findOneBy({ id });
  }

  async exists(id: string): Promise<boolean> {
    return this.repo.existsBy({ id });
  }

  /** Inserts; a taken slug is a 409 on field slug. */
  async insert(values: InstitutionValues, now: Date, manager: EntityManager): Promise<Institution> {
    const repository = this.repository(manager);
    try {
      return await repository.save(
        repository.create({ ...values, logoKey: null, createdAt: now, updatedAt: now }),
      );
    } catch (error) {
      throw slugConflict(error) ?? error;
    }
  }

  async update(
    id: string,
    changes: Partial<InstitutionValues> & { logoKey?: string | null },
    now: Date,
    manager: EntityManager,
  ): Promise<Institution> {
    const repository = this.repository(manager);
    try {
      await repository.update({ id }, { ...changes, updatedAt: now });
    } catch (error) {
      throw slugConflict(error) ?? error;
    }
    return repository.findOneByOrFail({ id });
  }

  /** The stored file of one of the institution's photos (for its logo), or null. */
  async photoStorageKey(
    institutionId: string,
    mediaAssetId: string,
    manager: EntityManager,
  ): Promise<string | null> {
    const rows: { storage_key: string }[] = await manager.query(
      `SELECT storage_key FROM media_assets WHERE id = $1 AND institution_id = $2`,
      [mediaAssetId, institutionId],
    );
    return rows[0]?.storage_key ?? null;
  }

  /** Locks the row for a read-modify-write inside a transaction. */
  findForUpdate(id: string, manager: EntityManager): Promise<Institution | null> {
    return this.repository(manager).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  private repository(manager?: EntityManager): Repository<Institution> {
    return manager ? manager.getRepository(Institution) : this.repo;
  }
}
