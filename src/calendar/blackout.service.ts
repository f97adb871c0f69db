import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { actorOf, AuditService } from '../audit/audit.service';
import type { RequestScope } from '../auth/request-scope';
import { Role } from '../auth/roles';
import { AppError } from '../common/app-error';
import { Clock } from '../common/clock';
import { blackoutRange, parseBlackoutInput } from './blackout';
import { BlackoutRepository } from './blackout.repository';
import type { BlackoutDate } from './calendar.entity';
import type { BlackoutRangeQuery, CreateBlackoutDto, UpdateBlackoutDto } from './calendar.dto';
import { holidayBlackouts, loadHolidayCalendars } from './holidays';
import { CALENDAR_ZONES, parseLocalDate } from './local-time';
import { orThrow } from './result';
import { SchedulingRules } from './scheduling.service';

const BLACKOUT_ENTITY = { id: 'Tanggal larangan', en: 'Blackout date' };
const AUDIT_TYPE = 'blackout_date';

export function toBlackoutResponse(b: BlackoutDate) {
  return {
    id: b.id,
    institutionId: b.institutionId,
    national: b.institutionId === null,
    startDate: b.startDate,
    endDate: b.endDate,
    kind: b.kind,
    label: b.label,
    source: b.source,
  };
}

/**
 * Blackout dates. National holidays and cuti bersama are seeded at start-up (idempotent);
 * creating or widening a blackout flags the posts already planned inside it.
 */
@Injectable()
export class BlackoutService implements OnApplicationBootstrap {
  private readonly logger = new Logger(BlackoutService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly blackouts: BlackoutRepository,
    private readonly rules: SchedulingRules,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const rows = loadHolidayCalendars().flatMap(holidayBlackouts);
    const created = await this.blackouts.seedNational(rows);
    if (created > 0) this.logger.log(`seeded ${created} national blackout dates`);
  }

  async list(scope: RequestScope, query: BlackoutRangeQuery) {
    const from = orThrow(parseLocalDate(query.from, 'from'));
    const to = orThrow(parseLocalDate(query.to, 'to'));
    if (to < from) {
      throw AppError.validation('to', {
        id: 'Tanggal akhir tidak boleh sebelum tanggal mulai',
        en: 'The end date must not be before the start date',
      });
    }
    const rows = await this.blackouts.overlapping(scope.institutionFilter, from, to);
    return { items: rows.map(toBlackoutResponse) };
  }

  async create(scope: RequestScope, dto: CreateBlackoutDto) {
    const national = dto.national === true;
    if (national && scope.user.role !== Role.NationalAdmin) throw AppError.forbidden();
    const institutionId = national ? null : scope.requireInstitution();
    const input = orThrow(
      parseBlackoutInput({ ...dto, level: national ? 'national' : 'institution' }),
    );
    return this.dataSource.transaction(async (manager) => {
      const row = await this.blackouts.insert(manager, {
        institutionId,
        startDate: input.startDate,
        endDate: input.endDate,
        kind: input.kind,
        label: input.label,
        createdBy: scope.user.id,
      });
      const flagged = await this.flag(manager, row);
      await this.record(scope, manager, 'create', row, undefined, flagged);
      return { ...toBlackoutResponse(row), flaggedPostIds: flagged };
    });
  }

  async update(scope: RequestScope, id: string, dto: UpdateBlackoutDto) {
    return this.dataSource.transaction(async (manager) => {
      const current = await this.requireEditable(scope, id, manager);
      const input = orThrow(
        parseBlackoutInput({
          startDate: dto.startDate ?? current.startDate,
          endDate: dto.endDate ?? (dto.startDate ? dto.startDate : current.endDate),
          kind: dto.kind ?? current.kind,
          label: dto.label ?? current.label,
          level: current.institutionId === null ? 'national' : 'institution',
        }),
      );
      const row = await this.blackouts.update(manager, id, {
        startDate: input.startDate,
        endDate: input.endDate,
        kind: input.kind,
        label: input.label,
      });
      const flagged = await this.flag(manager, row);
      await this.record(scope, manager, 'update', row, current, flagged);
      return { ...toBlackoutResponse(row), flaggedPostIds: flagged };
    });
  }

  async remove(scope: RequestScope, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const current = await this.requireEditable(scope, id, manager);
      await this.blackouts.remove(manager, id);
      await this.record(scope, manager, 'delete', undefined, current, []);
    });
  }

  /** Another institution's blackout is a 404; a national one only national admins may change. */
  private async requireEditable(scope: RequestScope, id: string, manager: EntityManager) {
    const row = await this.blackouts.findById(id, manager);
    if (!row) throw AppError.notFound(BLACKOUT_ENTITY);
    if (row.institutionId === null) {
      if (scope.user.role !== Role.NationalAdmin) throw AppError.forbidden();
      return row;
    }
    if (!scope.canSee(row.institutionId)) throw AppError.notFound(BLACKOUT_ENTITY);
    return row;
  }

  private async flag(manager: EntityManager, row: BlackoutDate): Promise<string[]> {
    const now = this.clock.now();
    if (row.institutionId !== null) {
      const zone = await this.rules.zoneOf(row.institutionId, manager);
      return this.blackouts.flagPlannedPosts(
        manager,
        { institutionId: row.institutionId },
        blackoutRange(row, zone),
        now,
      );
    }
    const flagged: string[] = [];
    for (const zone of CALENDAR_ZONES) {
      flagged.push(
        ...(await this.blackouts.flagPlannedPosts(
          manager,
          { zone },
          blackoutRange(row, zone),
          now,
        )),
      );
    }
    return flagged;
  }

  private async record(
    scope: RequestScope,
    manager: EntityManager,
    action: 'create' | 'update' | 'delete',
    after: BlackoutDate | undefined,
    before: BlackoutDate | undefined,
    flaggedPostIds: string[],
  ): Promise<void> {
    const row = (after ?? before)!;
    await this.audit.record(
      {
        actor: actorOf(scope),
        institutionId: row.institutionId,
        action,
        entityType: AUDIT_TYPE,
        entityId: row.id,
        before: before ? toBlackoutResponse(before) : undefined,
        after: after ? { ...toBlackoutResponse(after), flaggedPostIds } : undefined,
      },
      manager,
    );
  }
}
