import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, DeepPartial, EntityManager, FindOptionsWhere, In } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { containsPattern } from '../../common/like-pattern';
import type { SocialNetwork } from '../rendering/template';

/** What the four institution lists (caption templates, hashtag groups, names, words) share. */
export interface LibraryRow {
  id: string;
  institutionId: string;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export type LibraryEntity<T extends LibraryRow> = new () => T;

/** The column holding each list's label, unique per institution ignoring case. */
export type LabelColumn = 'name' | 'word';

export interface LibraryListFilter {
  /** null = every institution (national roles). */
  institutionId: string | null;
  labelColumn: LabelColumn;
  /** Part of the label, case-insensitive. */
  q?: string;
  /** Caption templates only: the network's own templates and the all-network ones. */
  network?: SocialNetwork;
}

/** The dignity check's institution data: protected names (incl. consent subjects) and words. */
export interface DignityLists {
  names: string[];
  words: string[];
}

@Injectable()
export class LibraryRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list<T extends LibraryRow>(
    entity: LibraryEntity<T>,
    filter: LibraryListFilter,
    offset: number,
    limit: number,
  ): Promise<[T[], number]> {
    const query = this.dataSource.manager.createQueryBuilder(entity, 'row');
    if (filter.institutionId !== null) {
      query.andWhere('row.institutionId = :institutionId', { institutionId: filter.institutionId });
    }
    if (filter.q) {
      query.andWhere(`row.${filter.labelColumn} ILIKE :pattern ESCAPE '\\'`, {
        pattern: containsPattern(filter.q),
      });
    }
    if (filter.network) {
      query.andWhere('(row.network = :network OR row.network IS NULL)', {
        network: filter.network,
      });
    }
    return query
      .orderBy(`LOWER(row.${filter.labelColumn})`, 'ASC')
      .addOrderBy('row.id', 'ASC')
      .offset(offset)
      .limit(limit)
      .getManyAndCount();
  }

  /** The row when it exists within the filter (null filter = any institution). */
  async findVisible<T extends LibraryRow>(
    entity: LibraryEntity<T>,
    id: string,
    institutionId: string | null,
    manager: EntityManager = this.dataSource.manager,
    lock = false,
  ): Promise<T | null> {
    const where = (institutionId === null ? { id } : { id, institutionId }) as FindOptionsWhere<T>;
    return manager.findOne(entity, {
      where,
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
  }

  async insert<T extends LibraryRow>(
    entity: LibraryEntity<T>,
    values: DeepPartial<T>,
    manager: EntityManager,
  ): Promise<T> {
    return manager.save(entity, manager.create(entity, values));
  }

  /** Inserts the rows whose label the institution does not use yet; returns those inserted. */
  async insertMissing<T extends LibraryRow>(
    entity: LibraryEntity<T>,
    rows: QueryDeepPartialEntity<T>[],
    manager: EntityManager,
  ): Promise<T[]> {
    if (rows.length === 0) return [];
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(entity)
      .values(rows)
      .orIgnore()
      .returning(['id'])
      .execute();
    const ids = (result.raw as { id: string }[]).map((row) => row.id);
    if (ids.length === 0) return [];
    return manager.find(entity, { where: { id: In(ids) } as FindOptionsWhere<T> });
  }

  async update<T extends LibraryRow>(
    entity: LibraryEntity<T>,
    id: string,
    changes: QueryDeepPartialEntity<T>,
    manager: EntityManager,
  ): Promise<T> {
    const where = { id } as FindOptionsWhere<T>;
    await manager.update(entity, where, changes);
    return manager.findOneOrFail(entity, { where });
  }

  async delete<T extends LibraryRow>(
    entity: LibraryEntity<T>,
    id: string,
    manager: EntityManager,
  ): Promise<void> {
    await manager.delete(entity, { id } as FindOptionsWhere<T>);
  }

  /**
   * Every name the check must flag: the protected-names list and every consent subject, withdrawn
   * ones included (a withdrawn person's name must still never be published).
   */
  async dignityLists(
    institutionId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<DignityLists> {
    const names: { name: string }[] = await manager.query(
      `SELECT name FROM protected_names WHERE institution_id = $1
       UNION
       SELECT subject_name AS name FROM consent_records WHERE institution_id = $1
       ORDER BY 1`,
      [institutionId],
    );
    const words: { word: string }[] = await manager.query(
      `SELECT word FROM dignity_words WHERE institution_id = $1 ORDER BY 1`,
      [institutionId],
    );
    return { names: names.map((row) => row.name), words: words.map((row) => row.word) };
  }
}
