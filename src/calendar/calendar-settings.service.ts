import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { actorOf, AuditService } from '../audit/audit.service';
import type { RequestScope } from '../auth/request-scope';
import { CalendarRepository } from './calendar.repository';
import type { ConflictSettings } from './conflicts';

/** Each institution's conflict settings: the gap between posts and the product-repeat window. */
@Injectable()
export class CalendarSettingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly calendar: CalendarRepository,
    private readonly audit: AuditService,
  ) {}

  /** The institution's settings, or the defaults (2 hours, 7 days) it has not changed. */
  get(scope: RequestScope): Promise<ConflictSettings> {
    return this.calendar.conflictSettings(scope.requireInstitution());
  }

  async update(scope: RequestScope, settings: ConflictSettings): Promise<ConflictSettings> {
    const institutionId = scope.requireInstitution();
    const after = {
      minGapMinutes: settings.minGapMinutes,
      productRepeatDays: settings.productRepeatDays,
    };
    await this.dataSource.transaction(async (manager) => {
      const before = await this.calendar.conflictSettings(institutionId, manager);
      await this.calendar.saveConflictSettings(manager, institutionId, after, scope.user.id);
      await this.audit.record(
        {
          actor: actorOf(scope),
          institutionId,
          action: 'update',
          entityType: 'calendar_settings',
          entityId: institutionId,
          before: { ...before },
          after: { ...after },
        },
        manager,
      );
    });
    return after;
  }
}
