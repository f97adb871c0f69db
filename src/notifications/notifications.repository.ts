import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { PageQueryDto, pageOffset } from '../common/pagination';
import type { NotificationKind } from './notification.entity';

export interface NotificationRow {
  id: string;
  institutionId: string;
  kind: NotificationKind;
  postId: string | null;
  postTargetId: string | null;
  socialAccountId: string | null;
  titleId: string;
  titleEn: string;
  bodyId: string;
  bodyEn: string;
  link: string | null;
  createdAt: Date;
  readAt: Date | null;
}

export type NewNotification = Omit<NotificationRow, 'id' | 'readAt'>;

const COLUMNS = `n.id, n.institution_id AS "institutionId", n.kind, n.post_id AS "postId",
  n.post_target_id AS "postTargetId", n.social_account_id AS "socialAccountId",
  n.title_id AS "titleId", n.title_en AS "titleEn", n.body_id AS "bodyId", n.body_en AS "bodyEn",
  n.link, n.created_at AS "createdAt", r.read_at AS "readAt"`;

/** `$1` = institution filter (null: every institution), `$2` = the reading user. */
const VISIBLE = `FROM notifications n
  LEFT JOIN notification_reads r ON r.notification_id = n.id AND r.user_id = $2
  WHERE ($1::uuid IS NULL OR n.institution_id = $1)`;

@Injectable()
export class NotificationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, n: NewNotification): Promise<string> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO notifications (institution_id, kind, post_id, post_target_id, social_account_id,
                                  title_id, title_en, body_id, body_en, link, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
      [
        n.institutionId,
        n.kind,
        n.postId,
        n.postTargetId,
        n.socialAccountId,
        n.titleId,
        n.titleEn,
        n.bodyId,
        n.bodyEn,
        n.link,
        n.createdAt,
      ],
    );
    return rows[0].id;
  }

  /** Unread first, then newest first. */
  async list(
    institutionFilter: string | null,
    userId: string,
    unreadOnly: boolean,
    page: PageQueryDto,
  ): Promise<[NotificationRow[], number]> {
    const unread = unreadOnly ? 'AND r.read_at IS NULL' : '';
    const rows: NotificationRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} ${VISIBLE} ${unread}
       ORDER BY (r.read_at IS NULL) DESC, n.created_at DESC, n.id
       LIMIT $3 OFFSET $4`,
      [institutionFilter, userId, page.pageSize, pageOffset(page)],
    );
    const [{ total }]: { total: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS total ${VISIBLE} ${unread}`,
      [institutionFilter, userId],
    );
    return [rows, total];
  }

  async unreadCount(institutionFilter: string | null, userId: string): Promise<number> {
    const [{ total }]: { total: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS total ${VISIBLE} AND r.read_at IS NULL`,
      [institutionFilter, userId],
    );
    return total;
  }

  async findVisible(
    id: string,
    institutionFilter: string | null,
    userId: string,
  ): Promise<NotificationRow | null> {
    const rows: NotificationRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} ${VISIBLE} AND n.id = $3`,
      [institutionFilter, userId, id],
    );
    return rows[0] ?? null;
  }

  /** Marks every visible unread notification (or only `id`) read; returns how many changed. */
  async markRead(
    institutionFilter: string | null,
    userId: string,
    at: Date,
    id: string | null,
  ): Promise<number> {
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO notification_reads (notification_id, user_id, read_at)
       SELECT n.id, $2, $3::timestamptz ${VISIBLE} AND r.read_at IS NULL AND ($4::uuid IS NULL OR n.id = $4)
       ON CONFLICT DO NOTHING RETURNING notification_id`,
      [institutionFilter, userId, at, id],
    );
    return rows.length;
  }
}
