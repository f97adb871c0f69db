import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { actorOf, AuditService } from '../audit/audit.service';
import type { RequestScope } from '../auth/request-scope';
import { AppError } from '../common/app-error';
import { Clock } from '../common/clock';
import { type Page, pageOf } from '../common/pagination';
import {
  TakedownListQuery,
  TakedownResponse,
  toTakedownResponse,
  UpdateTakedownDto,
} from './takedown.dto';
import { TakedownRepository } from './takedown.repository';
import { canMoveTakedown, isClosedTakedown } from './takedown-status';

const TASK = { id: 'Tugas penurunan', en: 'Takedown task' };

/** Takedown tasks opened by consent withdrawal; staff (and later Publishing) work them off. */
@Injectable()
export class TakedownService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly takedowns: TakedownRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(scope: RequestScope, query: TakedownListQuery): Promise<Page<TakedownResponse>> {
    const [tasks, total] = await this.takedowns.list(scope.institutionFilter, query.status, query);
    const items = await this.takedowns.itemsOf(tasks.map((t) => t.id));
    return pageOf(
      tasks.map((task) => toTakedownResponse(task, items)),
      total,
      query,
    );
  }

  async get(scope: RequestScope, id: string): Promise<TakedownResponse> {
    const task = await this.takedowns.findVisible(id, scope.institutionFilter);
    if (!task) throw AppError.notFound(TASK);
    return toTakedownResponse(task, await this.takedowns.itemsOf([task.id]));
  }

  async updateStatus(
    scope: RequestScope,
    id: string,
    dto: UpdateTakedownDto,
  ): Promise<TakedownResponse> {
    const task = await this.dataSource.transaction(async (manager) => {
      const current = await this.takedowns.findForUpdate(manager, id, scope.institutionFilter);
      if (!current) throw AppError.notFound(TASK);
      const from = current.status;
      if (!canMoveTakedown(from, dto.status)) {
        throw AppError.conflict('status', {
          id: `Status tugas tidak dapat diubah dari ${from} ke ${dto.status}`,
          en: `A takedown task cannot move from ${from} to ${dto.status}`,
        });
      }
      current.status = dto.status;
      if (isClosedTakedown(dto.status)) {
        current.closedAt = this.clock.now();
        current.closedBy = scope.user.id;
      }
      const saved = await this.takedowns.save(manager, current);
      await this.audit.record(
        {
          actor: actorOf(scope),
          institutionId: saved.institutionId,
          action: 'update',
          entityType: 'takedown_task',
          entityId: saved.id,
          before: { status: from },
          after: { status: saved.status, note: dto.note ?? null },
        },
        manager,
      );
      return saved;
    });
    return toTakedownResponse(task, await this.takedowns.itemsOf([task.id]));
  }
}
