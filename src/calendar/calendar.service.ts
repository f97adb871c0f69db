import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { actorOf, AuditService } from '../audit/audit.service';
import type { RequestScope } from '../auth/request-scope';
import { Permission, roleHas } from '../auth/roles';
import { AppError, type LocalizedText } from '../common/app-error';
import { Clock } from '../common/clock';
import { ViewCache, type SerialisedView } from '../common/view-cache';
import { DueSignal } from '../publishing/due-signal/due-signal';
import { transition, transitionError, type PostStatus } from '../content/posts/post-status';
import { blackoutsAt, blackoutsOnDate } from './blackout';
import { BlackoutRepository } from './blackout.repository';
import type { BlackoutDate } from './calendar.entity';
import {
  CalendarRepository,
  type CalendarFilter,
  type CalendarRow,
  type CalendarState,
} from './calendar.repository';
import { conflictReach, findConflicts, type ConflictSettings } from './conflicts';
import { parseIsoWeek, parseMonth, type InstantRange } from './iso-week';
import { toLocal, type CalendarZone, type LocalDate } from './local-time';
import { orThrow } from './result';
import {
  SchedulingRules,
  toConflictView,
  type ConflictWarningView,
  type PlannedTimeInput,
} from './scheduling.service';

export const POST_ENTITY = { id: 'Postingan', en: 'Post' };

/** Serialised views kept per process: about a hundred weeks of a busy institution. */
const VIEW_CACHE_BYTES = 32 * 1024 * 1024;

export interface CalendarEntry {
  postId: string;
  targetId: string;
  title: string;
  status: PostStatus;
  targetStatus: string;
  product: { id: string; name: string; workshop: { id: string; name: string } | null } | null;
  thumbnailUrl: string | null;
  network: string;
  account: { id: string; displayName: string };
  plannedAt: string;
  local: { date: LocalDate; time: string; label: LocalizedText };
  queued: boolean;
  /** Inside a blackout now, or flagged when a blackout was created over it. */
  blackout: boolean;
  blackoutLabel: string | null;
  warnings: ConflictWarningView[];
}

export interface CalendarDay {
  date: LocalDate;
  blackouts: { id: string; label: string; kind: string; national: boolean }[];
}

export interface CalendarView {
  range: string;
  timeZone: CalendarZone;
  start: string;
  end: string;
  days: CalendarDay[];
  entries: CalendarEntry[];
}

/** Week and month views, and moving a post on the calendar (drag and drop). */
@Injectable()
export class CalendarService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly calendar: CalendarRepository,
    private readonly blackouts: BlackoutRepository,
    private readonly rules: SchedulingRules,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly due: DueSignal,
  ) {}

  private readonly views = new ViewCache(VIEW_CACHE_BYTES);

  async week(scope: RequestScope, week: string, filter: CalendarFilter): Promise<SerialisedView> {
    const institutionId = scope.requireInstitution();
    const state = await this.stateOf(institutionId);
    const range = orThrow(parseIsoWeek(week, state.zone, 'week'));
    return this.cachedView(institutionId, state, range.label, range, range.days, filter);
  }

  async month(scope: RequestScope, month: string, filter: CalendarFilter): Promise<SerialisedView> {
    const institutionId = scope.requireInstitution();
    const state = await this.stateOf(institutionId);
    const range = orThrow(parseMonth(month, state.zone, 'month'));
    return this.cachedView(institutionId, state, range.label, range, range.days, filter);
  }

  /** Moves a scheduled (or approved) post to a new time under the scheduling rules. */
  async move(scope: RequestScope, id: string, input: PlannedTimeInput) {
    const now = this.clock.now();
    const result = await this.dataSource.transaction(async (manager) => {
      const post = await this.calendar.lockPost(manager, id, scope.institutionFilter);
      if (!post) throw AppError.notFound(POST_ENTITY);
      const zone = await this.rules.zoneOf(post.institutionId, manager);
      const plannedAt = this.rules.resolve(input, zone);
      await this.rules.assertSchedulable(post.institutionId, plannedAt, 'plannedAt', manager);
      let status = post.status;
      if (status !== 'scheduled') {
        const actor = {
          id: scope.user.id,
          canApprove: roleHas(scope.user.role, Permission.ContentApprove),
        };
        const moved = transition(post, 'schedule', actor, { plannedAt, now });
        if (!moved.ok) throw transitionError(moved);
        status = moved.status;
      }
      await this.calendar.setPostPlan(manager, post, status, plannedAt);
      await this.calendar.setTargetsPlan(manager, post.id, plannedAt);
      await this.audit.record(
        {
          actor: actorOf(scope),
          institutionId: post.institutionId,
          action: 'update',
          entityType: 'post',
          entityId: post.id,
          before: { status: post.status, plannedAt: post.plannedAt?.toISOString() ?? null },
          after: { status, plannedAt: plannedAt.toISOString(), event: 'move' },
        },
        manager,
      );
      const warnings = await this.rules.warningsFor(post.institutionId, post.id, manager);
      return { postId: post.id, status, plannedAt, zone, warnings };
    });
    this.due.fallsDue(result.plannedAt);
    return {
      postId: result.postId,
      status: result.status,
      plannedAt: result.plannedAt.toISOString(),
      local: toLocal(result.plannedAt, result.zone),
      warnings: result.warnings,
    };
  }

  private async stateOf(institutionId: string): Promise<CalendarState> {
    const state = await this.calendar.calendarState(institutionId);
    if (!state) throw AppError.notFound({ id: 'Lembaga', en: 'Institution' });
    return state;
  }

  /**
   * The view from the cache when nothing it shows has changed since it was built. The state
   * (with the version) is read before the rows, so a cached view is never older than its key.
   */
  private async cachedView(
    institutionId: string,
    state: CalendarState,
    label: string,
    range: InstantRange,
    days: LocalDate[],
    filter: CalendarFilter,
  ): Promise<SerialisedView> {
    const key = JSON.stringify([
      institutionId,
      state.version,
      state.zone,
      state.settings,
      label,
      Object.entries(filter)
        .filter(([, value]) => value !== undefined)
        .sort(([a], [b]) => a.localeCompare(b)),
    ]);
    return this.views.view(key, () =>
      this.view(institutionId, state.zone, state.settings, label, range, days, filter),
    );
  }

  private async view(
    institutionId: string,
    zone: CalendarZone,
    settings: ConflictSettings,
    label: string,
    range: InstantRange,
    days: LocalDate[],
    filter: CalendarFilter,
  ): Promise<CalendarView> {
    const { marginMs, lookbackMs } = conflictReach(settings);
    const [rows, blackouts, conflictTargets] = await Promise.all([
      this.calendar.rowsInRange(institutionId, range, filter),
      this.blackouts.overlapping(institutionId, days[0], days[days.length - 1]),
      this.calendar.conflictTargets(
        institutionId,
        {
          start: new Date(range.start.getTime() - marginMs),
          end: new Date(range.end.getTime() + marginMs),
        },
        { start: new Date(range.start.getTime() - lookbackMs), end: range.end },
      ),
    ]);
    const postIds = [...new Set(rows.map((r) => r.post_id))];
    const warnings = findConflicts({
      ...conflictTargets,
      focusPostIds: postIds,
      options: settings,
    });
    const byPost = new Map<string, ConflictWarningView[]>();
    for (const warning of warnings) {
      for (const postId of new Set(warning.postIds)) {
        byPost.set(postId, [...(byPost.get(postId) ?? []), toConflictView(warning)]);
      }
    }
    return {
      range: label,
      timeZone: zone,
      start: range.start.toISOString(),
      end: range.end.toISOString(),
      days: days.map((date) => ({
        date,
        blackouts: blackoutsOnDate(date, blackouts).map(dayBlackout),
      })),
      entries: rows.map((row) => entryOf(row, zone, blackouts, byPost)),
    };
  }
}

function dayBlackout(b: BlackoutDate) {
  return { id: b.id, label: b.label, kind: b.kind, national: b.institutionId === null };
}

function entryOf(
  row: CalendarRow,
  zone: CalendarZone,
  blackouts: readonly BlackoutDate[],
  warnings: ReadonlyMap<string, ConflictWarningView[]>,
): CalendarEntry {
  const plannedAt = new Date(row.planned_at);
  const local = toLocal(plannedAt, zone);
  const hit = blackoutsAt(plannedAt, zone, blackouts)[0];
  return {
    postId: row.post_id,
    targetId: row.target_id,
    title: row.title,
    status: row.status,
    targetStatus: row.target_status,
    product: row.product_id
      ? {
          id: row.product_id,
          name: row.product_name ?? '',
          workshop: row.workshop_id ? { id: row.workshop_id, name: row.workshop_name ?? '' } : null,
        }
      : null,
    thumbnailUrl: row.photo_id ? `/api/media/${row.photo_id}/thumbnail` : null,
    network: row.network,
    account: { id: row.social_account_id, displayName: row.account_name },
    plannedAt: plannedAt.toISOString(),
    local: { date: local.date, time: local.time, label: local.label },
    queued: row.queued,
    blackout: Boolean(hit) || row.blackout_flagged_at !== null,
    blackoutLabel: hit?.label ?? null,
    warnings: warnings.get(row.post_id) ?? [],
  };
}
