import { MigrationInterface, QueryRunner } from 'typeorm';

const UPDATE_FILTER = `(
  OLD.status IS DISTINCT FROM NEW.status OR OLD.planned_at IS DISTINCT FROM NEW.planned_at
  OR OLD.published_at IS DISTINCT FROM NEW.published_at
  OR OLD.last_error_code IS DISTINCT FROM NEW.last_error_code)`;

/**
 * The publishing rollup runs at commit instead of at each row change. Publishing transactions
 * otherwise held the one rollup row of their institution, network and month from the target's
 * status change to their commit, and concurrent publishes queued behind each other.
 */
export class DeferPublishingRollup1795928000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER tr_post_targets_reports ON post_targets`);
    await q.query(`DROP TRIGGER tr_post_targets_reports_update ON post_targets`);
    await q.query(`
      CREATE CONSTRAINT TRIGGER tr_post_targets_reports
      AFTER INSERT OR DELETE ON post_targets
      DEFERRABLE INITIALLY DEFERRED
      FOR EACH ROW EXECUTE FUNCTION reports_post_targets_changed()`);
    await q.query(`
      CREATE CONSTRAINT TRIGGER tr_post_targets_reports_update
      AFTER UPDATE ON post_targets
      DEFERRABLE INITIALLY DEFERRED
      FOR EACH ROW WHEN ${UPDATE_FILTER}
      EXECUTE FUNCTION reports_post_targets_changed()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER tr_post_targets_reports ON post_targets`);
    await q.query(`DROP TRIGGER tr_post_targets_reports_update ON post_targets`);
    await q.query(`
      CREATE TRIGGER tr_post_targets_reports
      AFTER INSERT OR DELETE ON post_targets
      FOR EACH ROW EXECUTE FUNCTION reports_post_targets_changed()`);
    await q.query(`
      CREATE TRIGGER tr_post_targets_reports_update
      AFTER UPDATE ON post_targets
      FOR EACH ROW WHEN ${UPDATE_FILTER}
      EXECUTE FUNCTION reports_post_targets_changed()`);
  }
}
