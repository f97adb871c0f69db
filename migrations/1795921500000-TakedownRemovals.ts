import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a takedown did to each published target: removed through the platform, or left for a
 * person to remove by hand via the permalink (then marked done). A target that came down carries
 * taken_down_at, so a repeated takedown skips it.
 */
export class TakedownRemovals1795921500000 implements MigrationInterface {
  name = 'TakedownRemovals1795921500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE post_targets ADD COLUMN taken_down_at timestamptz`);
    await q.query(`
      CREATE TABLE takedown_removals (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        task_id uuid NOT NULL,
        institution_id uuid NOT NULL,
        post_id uuid NOT NULL,
        post_target_id uuid NOT NULL,
        network text NOT NULL,
        platform_post_id text,
        permalink text,
        status text NOT NULL,
        detail text,
        attempted_at timestamptz NOT NULL,
        resolved_by uuid,
        resolved_at timestamptz,
        CONSTRAINT pk_takedown_removals PRIMARY KEY (id),
        CONSTRAINT uq_takedown_removals_target UNIQUE (task_id, post_target_id),
        CONSTRAINT fk_takedown_removals_task FOREIGN KEY (task_id) REFERENCES takedown_tasks (id) ON DELETE CASCADE,
        CONSTRAINT fk_takedown_removals_institution FOREIGN KEY (institution_id) REFERENCES institutions (id),
        CONSTRAINT fk_takedown_removals_target FOREIGN KEY (post_target_id) REFERENCES post_targets (id) ON DELETE CASCADE,
        CONSTRAINT fk_takedown_removals_resolved_by FOREIGN KEY (resolved_by) REFERENCES users (id),
        CONSTRAINT ck_takedown_removals_status CHECK (status IN ('removed', 'manual', 'manual_done'))
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE takedown_removals`);
    await q.query(`ALTER TABLE post_targets DROP COLUMN taken_down_at`);
  }
}
