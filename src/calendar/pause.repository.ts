import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { PublishingPause } from './calendar.entity';

export interface DuePost {
  id: string;
  institutionId: string;
  title: string;
  plannedAt: Date;
}

@Injectable()
export class PauseRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Pauses in force at `at` for the institution (its own and the national one); with
   * institutionId null only the national pause.
   */
  async activeAt(
    institutionId: string | null,
    at: Date | null,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<PublishingPause[]> {
    const query = manager
      .getRepository(PublishingPause)
      .createQueryBuilder('p')
      .where(
        institutionId === null
          ? 'p.institution_id IS NULL'
          : '(p.institution_id IS NULL OR p.institution_id = :institutionId)',
        { institutionId },
      )
      .orderBy('p.paused_at', 'ASC');
    if (at === null) query.andWhere('p.resumed_at IS NULL');
    else {
      query.andWhere('p.paused_at <= :at AND (p.resumed_at IS NULL OR p.resumed_at > :at)', { at });
    }
    return query.getMany();
  }

  /** The open pause of exactly this level (institution, or national for null), locked. */
  async openOwn(manager: EntityManager, institutionId: string | null) {
    return manager.findOne(PublishingPause, {
      where: { institutionId: institutionId ?? IsNull(), resumedAt: IsNull() },
      lock: { mode: 'pessimistic_write' },
    });
  }

  async insert(
    manager: EntityManager,
    values: Pick<PublishingPause, 'institutionId' | 'reason' | 'pausedBy' | 'pausedAt'>,
  ): Promise<PublishingPause> {
    return manager.save(PublishingPause, manager.create(PublishingPause, values));
  }

  async resume(manager: EntityManager, id: string, by: string, at: Date): Promise<void> {
    await manager.update(PublishingPause, { id }, { resumedBy: by, resumedAt: at });
  }

  /** Scheduled posts with a target that fell due in [since, until); institutionId null = all. */
  async duePosts(
    institutionId: string | null,
    since: Date,
    until: Date,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<DuePost[]> {
    const rows: { id: string; institution_id: string; title: string; planned_at: Date }[] =
      await manager.query(
        `SELECT p.id, p.institution_id, p.title, min(t.planned_at) AS planned_at
         FROM posts p JOIN post_targets t ON t.post_id = p.id
         WHERE ($1::uuid IS NULL OR p.institution_id = $1) AND p.status = 'scheduled'
           AND t.status IN ('pending', 'retry_waiting')
           AND t.planned_at >= $2 AND t.planned_at < $3
         GROUP BY p.id, p.institution_id, p.title
         ORDER BY min(t.planned_at), p.id`,
        [institutionId, since, until],
      );
    return rows.map((r) => ({
      id: r.id,
      institutionId: r.institution_id,
      title: r.title,
      plannedAt: new Date(r.planned_at),
    }));
  }

  async cancelTargets(manager: EntityManager, postId: string): Promise<void> {
    await manager.query(
      `UPDATE post_targets SET status = 'cancelled', next_attempt_at = NULL, queued = false,
              updated_at = now()
       WHERE post_id = $1 AND status IN ('pending', 'retry_waiting', 'failed')`,
      [postId],
    );
  }

  async cancelPost(manager: EntityManager, postId: string, reason: string): Promise<void> {
    await manager.query(
      `UPDATE posts SET status = 'cancelled', status_reason = $2, version = version + 1,
              updated_at = now()
       WHERE id = $1`,
      [postId, reason],
    );
  }
}
