import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppError, ErrorCode } from '../common/app-error';
import { Clock } from '../common/clock';
import { blackoutsAt } from './blackout';
import { BlackoutRepository } from './blackout.repository';
import { CalendarRepository } from './calendar.repository';
import { conflictReach, findConflicts, type ConflictWarning } from './conflicts';
import { localDateOf, localToUtc, type CalendarZone } from './local-time';
import { orThrow } from './result';

/** How a planned time may be sent: an instant with offset, or a local date and time. */
export interface PlannedTimeInput {
  plannedAt?: string;
  localDate?: string;
  localTime?: string;
}

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

export interface ConflictWarningView {
  code: ConflictWarning['code'];
  postIds: [string, string];
  instants: [string, string];
  accountId?: string;
  network?: string;
  productId?: string;
  similarity?: number;
  message: ConflictWarning['message'];
}

export function toConflictView(warning: ConflictWarning): ConflictWarningView {
  return {
    ...warning,
    instants: [warning.instants[0].toISOString(), warning.instants[1].toISOString()],
  };
}

/**
 * The rules every way of putting a post on the calendar follows (schedule, move, queue,
 * reschedule on resume): the time lies ahead and outside the institution's and the nation's
 * blackouts. Conflicts are warnings only. A pause does not stop planning, only publishing.
 */
@Injectable()
export class SchedulingRules {
  constructor(
    private readonly calendar: CalendarRepository,
    private readonly blackouts: BlackoutRepository,
    private readonly clock: Clock,
  ) {}

  async zoneOf(institutionId: string, manager?: EntityManager): Promise<CalendarZone> {
    const zone = await this.calendar.zoneOf(institutionId, manager);
    if (!zone) throw AppError.notFound({ id: 'Lembaga', en: 'Institution' });
    return zone;
  }

  /** The instant of `input`: exactly one of plannedAt or localDate + localTime (400 otherwise). */
  resolve(input: PlannedTimeInput, zone: CalendarZone): Date {
    const local = input.localDate !== undefined || input.localTime !== undefined;
    if (input.plannedAt !== undefined && local) {
      throw AppError.validation('plannedAt', {
        id: 'Kirim plannedAt atau localDate dan localTime, bukan keduanya',
        en: 'Send plannedAt or localDate and localTime, not both',
      });
    }
    if (local) {
      return orThrow(
        localToUtc(input.localDate ?? '', input.localTime ?? '', zone, {
          date: 'localDate',
          time: 'localTime',
        }),
      );
    }
    const text = input.plannedAt ?? '';
    const at = new Date(text);
    if (!ISO_WITH_OFFSET.test(text) || Number.isNaN(at.getTime())) {
      throw AppError.validation('plannedAt', {
        id: 'plannedAt harus waktu ISO 8601 dengan zona, mis. 2026-12-07T10:00:00+07:00',
        en: 'plannedAt must be an ISO 8601 time with an offset, e.g. 2026-12-07T10:00:00+07:00',
      });
    }
    return at;
  }

  /** 400 for a time not ahead of now, 422 naming the blackout it falls in. */
  async assertSchedulable(
    institutionId: string,
    plannedAt: Date,
    field = 'plannedAt',
    manager?: EntityManager,
  ): Promise<CalendarZone> {
    if (plannedAt.getTime() <= this.clock.now().getTime()) {
      throw AppError.validation(field, {
        id: 'Waktu terbit harus di masa depan',
        en: 'The planned time must be in the future',
      });
    }
    const zone = await this.zoneOf(institutionId, manager);
    const date = localDateOf(plannedAt, zone);
    const rows = await this.blackouts.overlapping(institutionId, date, date, manager);
    const hit = blackoutsAt(plannedAt, zone, rows)[0];
    if (hit) {
      throw new AppError(
        ErrorCode.UnprocessableEntity,
        {
          id: `Tanggal ${date} adalah hari larangan posting: ${hit.label}`,
          en: `${date} is a blackout date: ${hit.label}`,
        },
        field,
        { blackoutId: hit.id, label: hit.label, kind: hit.kind },
      );
    }
    return zone;
  }

  /** Warnings for one post at its (new) time, against what is planned and recently published. */
  async warningsFor(
    institutionId: string,
    postId: string,
    manager: EntityManager,
  ): Promise<ConflictWarningView[]> {
    const rows: { at: Date | null }[] = await manager.query(
      `SELECT min(planned_at) AS at FROM post_targets WHERE post_id = $1`,
      [postId],
    );
    const at = rows[0]?.at ? new Date(rows[0].at) : null;
    if (!at) return [];
    const settings = await this.calendar.conflictSettings(institutionId, manager);
    const { marginMs, lookbackMs } = conflictReach(settings);
    const targets = await this.calendar.conflictTargets(
      institutionId,
      { start: new Date(at.getTime() - marginMs), end: new Date(at.getTime() + marginMs) },
      { start: new Date(at.getTime() - lookbackMs), end: at },
      manager,
    );
    return findConflicts({ ...targets, focusPostIds: [postId], options: settings }).map(
      toConflictView,
    );
  }
}
