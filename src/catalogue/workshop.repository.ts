import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { containsPattern } from '../common/like-pattern';
import { Product } from './product.entity';
import { Workshop } from './workshop.entity';

export interface WorkshopFilter {
  /** null = every institution (national roles). */
  institutionId: string | null;
  active?: boolean;
  q?: string;
}

export type NewWorkshop = Pick<Workshop, 'institutionId' | 'name' | 'description' | 'isActive'>;
export type WorkshopChanges = Partial<Pick<Workshop, 'name' | 'description' | 'isActive'>>;

@Injectable()
export class WorkshopRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(filter: WorkshopFilter, offset: number, limit: number): Promise<[Workshop[], number]> {
    const query = this.dataSource.manager.createQueryBuilder(Workshop, 'w');
    if (filter.institutionId !== null) {
      query.andWhere('w.institutionId = :institutionId', { institutionId: filter.institutionId });
    }
    if (filter.active !== undefined)
      query.andWhere('w.isActive = :active', { active: filter.active });
    if (filter.q) {
      query.andWhere(`w.name ILIKE :pattern ESCAPE '\\'`, { pattern: containsPattern(filter.q) });
    }
    return query
      .orderBy('LOWER(w.name)', 'ASC')
      .addOrderBy('w.id', 'ASC')
      .offset(offset)
      .limit(limit)
      .getManyAndCount();
  }

  /** The workshop when it exists within the filter (null filter = any institution). */
  async findVisible(
    id: string,
    institutionId: string | null,
    manager: EntityManager = this.dataSource.manager,
    lock = false,
  ): Promise<Workshop | null> {
    return manager.findOne(Workshop, {
      where: institutionId === null ? { id } : { id, institutionId },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
  }

  async namesByIds(ids: string[], manager: EntityManager): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await manager.find(Workshop, {
      select: { id: true, name: true },
      where: { id: In([...new Set(ids)]) },
    });
    return new Map(rows.map((row) => [row.id, row.name]));
  }

  async insert(values: NewWorkshop, manager: EntityManager): Promise<Workshop> {
    return manager.save(Workshop, manager.create(Workshop, values));
  }

  /** Inserts the names the institution does not have yet (case-insensitively); returns those. */
  async insertMissing(
    institutionId: string,
    names: readonly string[],
    manager: EntityManager,
  ): Promise<Workshop[]> {
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(Workshop)
      .values(names.map((name) => ({ institutionId, name, description: '', isActive: true })))
      .orIgnore()
      .returning(['id'])
      .execute();
    const ids = (result.raw as { id: string }[]).map((row) => row.id);
    if (ids.length === 0) return [];
    return manager.find(Workshop, { where: { id: In(ids) }, order: { name: 'ASC' } });
  }

  async update(id: string, changes: WorkshopChanges, manager: EntityManager): Promise<Workshop> {
    await manager.update(Workshop, { id }, changes);
    return manager.findOneOrFail(Workshop, { where: { id } });
  }

  async delete(id: string, manager: EntityManager): Promise<void> {
    await manager.delete(Workshop, { id });
  }

  async countProducts(workshopId: string, manager: EntityManager): Promise<number> {
    return manager.count(Product, { where: { workshopId } });
  }
}
