import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type FindOptionsWhere, In } from 'typeorm';
import { PageQueryDto, pageOffset } from '../common/pagination';
import { TakedownTask, TakedownTaskItem } from './takedown-task.entity';
import type { TakedownStatus } from './takedown-status';

function scoped(id: string, institutionFilter: string | null): FindOptionsWhere<TakedownTask> {
  return institutionFilter === null ? { id } : { id, institutionId: institutionFilter };
}

@Injectable()
export class TakedownRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async createWithItems(
    manager: EntityManager,
    task: Pick<TakedownTask, 'institutionId' | 'consentRecordId' | 'reason' | 'createdBy'>,
    mediaAssetIds: readonly string[],
  ): Promise<{ task: TakedownTask; items: TakedownTaskItem[] }> {
    const tasks = manager.getRepository(TakedownTask);
    const saved = await tasks.save(tasks.create({ ...task, status: 'open' }));
    const itemRepository = manager.getRepository(TakedownTaskItem);
    const items = await itemRepository.save(
      mediaAssetIds.map((mediaAssetId) =>
        itemRepository.create({ taskId: saved.id, mediaAssetId }),
      ),
    );
    return { task: saved, items };
  }

  async findVisible(id: string, institutionFilter: string | null): Promise<TakedownTask | null> {
    return this.dataSource
      .getRepository(TakedownTask)
      .findOne({ where: scoped(id, institutionFilter) });
  }

  async findForUpdate(
    manager: EntityManager,
    id: string,
    institutionFilter: string | null,
  ): Promise<TakedownTask | null> {
    return manager.getRepository(TakedownTask).findOne({
      where: scoped(id, institutionFilter),
      lock: { mode: 'pessimistic_write' },
    });
  }

  async save(manager: EntityManager, task: TakedownTask): Promise<TakedownTask> {
    return manager.getRepository(TakedownTask).save(task);
  }

  async list(
    institutionFilter: string | null,
    status: TakedownStatus | undefined,
    page: PageQueryDto,
  ): Promise<[TakedownTask[], number]> {
    const where: FindOptionsWhere<TakedownTask> = {};
    if (institutionFilter !== null) where.institutionId = institutionFilter;
    if (status) where.status = status;
    return this.dataSource.getRepository(TakedownTask).findAndCount({
      where,
      order: { createdAt: 'DESC', id: 'ASC' },
      skip: pageOffset(page),
      take: page.pageSize,
    });
  }

  async itemsOf(taskIds: readonly string[]): Promise<TakedownTaskItem[]> {
    if (taskIds.length === 0) return [];
    return this.dataSource.getRepository(TakedownTaskItem).find({
      where: { taskId: In([...taskIds]) },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }
}
