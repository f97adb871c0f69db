import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The week and month views read an institution's targets by planned time in one range scan;
 * queued targets of one post can sit in different slots, so the post's own time is not enough.
 * The conflict check reads the last weeks' published targets by publication time.
 */
export class CalendarViewIndex1795912373130 implements MigrationInterface {
  name = 'CalendarViewIndex1795912373130';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX ix_post_targets_institution_planned ON post_targets (institution_id, planned_at)`,
    );
    await q.query(
      `CREATE INDEX ix_post_targets_institution_published ON post_targets (institution_id, published_at)
       WHERE status = 'published'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_post_targets_institution_published`);
    await q.query(`DROP INDEX ix_post_targets_institution_planned`);
  }
}
