import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Post } from '../content/posts/post.entity';
import type { PostStatus } from '../content/posts/post-status';
import type { SocialNetwork } from '../content/rendering/template';
import { DEFAULT_CONFLICT_OPTIONS, type ConflictSettings, type ConflictTarget } from './conflicts';
import type { InstantRange } from './iso-week';
import type { CalendarZone } from './local-time';

export interface CalendarFilter {
  network?: SocialNetwork;
  socialAccountId?: string;
  workshopId?: string;
  productId?: string;
  status?: PostStatus;
}

export interface CalendarRow {
  target_id: string;
  post_id: string;
  title: string;
  status: PostStatus;
  target_status: string;
  product_id: string | null;
  product_name: string | null;
  workshop_id: string | null;
  workshop_name: string | null;
  network: SocialNetwork;
  social_account_id: string;
  account_name: string;
  planned_at: Date;
  queued: boolean;
  blackout_flagged_at: Date | null;
  photo_id: string | null;
}

/** What a view of one institution's calendar depends on besides the range and the filter. */
export interface CalendarState {
  zone: CalendarZone;
  /** Changes with every committed change to anything the views show (see the migration). */
  version: string;
  settings: ConflictSettings;
}

interface SettingsRow {
  min_gap_minutes: number | null;
  product_repeat_days: number | null;
}

function settingsOf(row: SettingsRow): ConflictSettings {
  return {
    minGapMinutes: row.min_gap_minutes ?? DEFAULT_CONFLICT_OPTIONS.minGapMinutes,
    productRepeatDays: row.product_repeat_days ?? DEFAULT_CONFLICT_OPTIONS.productRepeatDays,
  };
}

/** The calendar version row national blackouts (no institution) bump. */
const NATIONAL_VERSION_KEY = '00000000-0000-0000-0000-000000000000';

/** Target statuses still waiting for their time: they occupy it and can clash. */
const PLANNED_TARGETS = ['pending', 'retry_waiting'];

/** Posts and targets as the calendar sees them; Content owns the rows, this reads and re-times. */
@Injectable()
export class CalendarRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async zoneOf(
    institutionId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<CalendarZone | null> {
    const rows: { time_zone: CalendarZone }[] = await manager.query(
      `SELECT time_zone FROM institutions WHERE id = $1`,
      [institutionId],
    );
    return rows[0]?.time_zone ?? null;
  }

  /** Zone, calendar version and conflict settings in one indexed read; null for no institution. */
  async calendarState(institutionId: string): Promise<CalendarState | null> {
    const rows: (SettingsRow & { time_zone: CalendarZone; version: string })[] =
      await this.dataSource.query(
        `SELECT i.time_zone, s.min_gap_minutes, s.product_repeat_days,
                concat_ws('.', COALESCE(v.version, 0), COALESCE(n.version, 0)) AS version
         FROM institutions i
         LEFT JOIN calendar_settings s ON s.institution_id = i.id
         LEFT JOIN calendar_versions v ON v.institution_id = i.id
         LEFT JOIN calendar_versions n ON n.institution_id = $2
         WHERE i.id = $1`,
        [institutionId, NATIONAL_VERSION_KEY],
      );
    const row = rows[0];
    return row ? { zone: row.time_zone, version: row.version, settings: settingsOf(row) } : null;
  }

  async conflictSettings(
    institutionId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ConflictSettings> {
    const rows: SettingsRow[] = await manager.query(
      `SELECT min_gap_minutes, product_repeat_days FROM calendar_settings WHERE institution_id = $1`,
      [institutionId],
    );
    return settingsOf(rows[0] ?? { min_gap_minutes: null, product_repeat_days: null });
  }

  async saveConflictSettings(
    manager: EntityManager,
    institutionId: string,
    settings: ConflictSettings,
    userId: string,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO calendar_settings (institution_id, min_gap_minutes, product_repeat_days, updated_by)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (institution_id) DO UPDATE
         SET min_gap_minutes = $2, product_repeat_days = $3, updated_by = $4, updated_at = now()`,
      [institutionId, settings.minGapMinutes, settings.productRepeatDays, userId],
    );
  }

  /**
   * Every target planned in the range, with its post, product and first photo: one query. A
   * target not yet timed (its post is a draft or awaits approval, e.g. a copied week) shows at its
   * post's planned time, so a plan is visible before it is approved.
   */
  async rowsInRange(
    institutionId: string,
    range: InstantRange,
    filter: CalendarFilter,
  ): Promise<CalendarRow[]> {
    const params: unknown[] = [institutionId, range.start, range.end];
    const where: string[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.network) add('t.network = ?', filter.network);
    if (filter.socialAccountId) add('t.social_account_id = ?', filter.socialAccountId);
    if (filter.productId) add('p.product_id = ?', filter.productId);
    if (filter.workshopId) add('pr.workshop_id = ?', filter.workshopId);
    if (filter.status) add('p.status = ?', filter.status);
    return this.dataSource.query(
      `SELECT t.id AS target_id, t.post_id, p.title, p.status, t.status AS target_status,
              p.product_id, pr.name AS product_name, w.id AS workshop_id, w.name AS workshop_name,
              t.network, t.social_account_id, a.display_name AS account_name, t.shown_at AS planned_at,
              t.queued, p.blackout_flagged_at,
              (SELECT m.media_asset_id FROM post_media m WHERE m.post_id = p.id
               ORDER BY m.position LIMIT 1) AS photo_id
       FROM (
         -- Two index range scans (timed targets, untimed targets of planned posts), not one OR.
         SELECT timed.*, timed.planned_at AS shown_at FROM post_targets timed
          WHERE timed.institution_id = $1 AND timed.planned_at >= $2 AND timed.planned_at < $3
         UNION ALL
         SELECT untimed.*, planned.planned_at AS shown_at
           FROM posts planned JOIN post_targets untimed ON untimed.post_id = planned.id
          WHERE planned.institution_id = $1 AND planned.planned_at >= $2 AND planned.planned_at < $3
            AND untimed.planned_at IS NULL
       ) t
       JOIN posts p ON p.id = t.post_id
       JOIN social_accounts a ON a.id = t.social_account_id
       LEFT JOIN products pr ON pr.id = p.product_id
       LEFT JOIN workshops w ON w.id = pr.workshop_id
       WHERE t.status <> 'cancelled' ${where.map((w) => `AND ${w}`).join(' ')}
       ORDER BY t.shown_at, p.title, t.network, t.id`,
      params,
    );
  }

  /**
   * Targets for the conflict check: the planned ones in `planned` and those published in
   * `history`, each with its network's caption.
   */
  async conflictTargets(
    institutionId: string,
    planned: InstantRange,
    history: InstantRange,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ planned: ConflictTarget[]; history: ConflictTarget[] }> {
    const rows: {
      post_id: string;
      social_account_id: string;
      network: SocialNetwork;
      product_id: string | null;
      instant: Date;
      caption: string | null;
      published: boolean;
    }[] = await manager.query(
      `SELECT t.post_id, t.social_account_id, t.network, p.product_id, v.caption,
              COALESCE(t.published_at, t.planned_at) AS instant, t.status = 'published' AS published
       FROM (
         -- Two index range scans rather than one OR over the whole table.
         SELECT * FROM post_targets
          WHERE institution_id = $1 AND status = ANY($2) AND planned_at >= $3 AND planned_at < $4
         UNION ALL
         SELECT * FROM post_targets
          WHERE institution_id = $1 AND status = 'published' AND published_at >= $5 AND published_at < $6
       ) t
       JOIN posts p ON p.id = t.post_id
       LEFT JOIN post_variants v ON v.post_id = t.post_id AND v.network = t.network`,
      [institutionId, PLANNED_TARGETS, planned.start, planned.end, history.start, history.end],
    );
    const toTarget = (r: (typeof rows)[number]): ConflictTarget => ({
      postId: r.post_id,
      accountId: r.social_account_id,
      network: r.network,
      productId: r.product_id,
      instant: new Date(r.instant),
      caption: r.caption ?? '',
    });
    return {
      planned: rows.filter((r) => !r.published).map(toTarget),
      history: rows.filter((r) => r.published).map(toTarget),
    };
  }

  async lockPost(
    manager: EntityManager,
    id: string,
    institutionId: string | null,
  ): Promise<Post | null> {
    return manager.findOne(Post, {
      where: institutionId === null ? { id } : { id, institutionId },
      lock: { mode: 'pessimistic_write' },
    });
  }

  /** Locks the posts (those that exist) until the transaction ends, in id order. */
  async lockPostsInOrder(manager: EntityManager, ids: readonly string[]): Promise<void> {
    await manager.query(`SELECT id FROM posts WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [
      [...ids],
    ]);
  }

  /** Re-times a post: new status and time, version bumped, a blackout flag cleared. */
  async setPostPlan(
    manager: EntityManager,
    post: Post,
    status: PostStatus,
    plannedAt: Date,
  ): Promise<void> {
    await manager.query(
      `UPDATE posts SET status = $2, planned_at = $3, status_reason = NULL, version = version + 1,
              blackout_flagged_at = NULL, updated_at = now()
       WHERE id = $1`,
      [post.id, status, plannedAt],
    );
  }

  /** Every target still waiting moves to `plannedAt`; a moved target leaves its queue slot. */
  async setTargetsPlan(manager: EntityManager, postId: string, plannedAt: Date): Promise<void> {
    await manager.query(
      `UPDATE post_targets SET planned_at = $2, next_attempt_at = $2, queued = false,
              updated_at = now()
       WHERE post_id = $1 AND status = ANY($3)`,
      [postId, plannedAt, [...PLANNED_TARGETS, 'failed']],
    );
  }
}
