import { MigrationInterface, QueryRunner } from 'typeorm';

/** The counts metric_daily sums per target, each with how many targets know it. */
const COUNTS = ['reach', 'views', 'likes', 'comments', 'shares', 'saves', 'interactions'];

/**
 * A post's product can change after it was published (it was tagged with the wrong one): its
 * targets' figures then move to the new product and its workshop. The trigger moves the daily
 * rollup (each target counted as one post, with its known counts) and rewrites the targets'
 * dimensions in post_target_metrics, whose own trigger moves the reports' rollups
 * (interest_monthly). Clicks stay with the product whose marketplace listing was clicked.
 */
export class PostProductMoves1796011000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    const columns = COUNTS.flatMap((c) => [c, `${c}_known_posts`]);
    const sums = COUNTS.flatMap((c) => [
      `k.sign * coalesce(sum(m.${c}), 0)`,
      `k.sign * count(m.${c})`,
    ]);
    await q.query(`
      CREATE FUNCTION metrics_post_product_changed() RETURNS trigger
      LANGUAGE plpgsql AS $fn$
      DECLARE
        new_workshop uuid := (SELECT p.workshop_id FROM products p WHERE p.id = NEW.product_id);
      BEGIN
        INSERT INTO metric_daily AS d (institution_id, published_day, network, product_id,
          workshop_id, posts, ${columns.join(', ')}, updated_at)
        SELECT m.institution_id, m.published_day, m.network, k.product_id, k.workshop_id,
          k.sign * count(*), ${sums.join(', ')}, now()
        FROM post_target_metrics m
        CROSS JOIN LATERAL (VALUES (-1, m.product_id, m.workshop_id),
          (1, NEW.product_id, new_workshop)) AS k (sign, product_id, workshop_id)
        WHERE m.post_id = NEW.id
          AND (m.product_id, m.workshop_id) IS DISTINCT FROM (NEW.product_id, new_workshop)
        GROUP BY m.institution_id, m.published_day, m.network, k.product_id, k.workshop_id, k.sign
        ON CONFLICT (institution_id, published_day, network, product_id, workshop_id) DO UPDATE SET
          posts = d.posts + EXCLUDED.posts,
          ${columns.map((c) => `${c} = d.${c} + EXCLUDED.${c}`).join(', ')},
          updated_at = now();
        UPDATE post_target_metrics m SET product_id = NEW.product_id, workshop_id = new_workshop
        WHERE m.post_id = NEW.id
          AND (m.product_id, m.workshop_id) IS DISTINCT FROM (NEW.product_id, new_workshop);
        RETURN NULL;
      END
      $fn$`);
    await q.query(`
      CREATE TRIGGER tr_posts_product_metrics
      AFTER UPDATE OF product_id ON posts
      FOR EACH ROW WHEN (OLD.product_id IS DISTINCT FROM NEW.product_id)
      EXECUTE FUNCTION metrics_post_product_changed()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER tr_posts_product_metrics ON posts`);
    await q.query(`DROP FUNCTION metrics_post_product_changed()`);
  }
}
