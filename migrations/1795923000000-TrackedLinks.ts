import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tracked short links (PUBLIC_BASE_URL/l/<code>) to a product's marketplace listing with UTM
 * tags: one per published post target, any number per partner, one per marketplace listing for
 * the public catalogue. Clicks are counted per institution-local day. Unique visitors are told
 * apart by sha256(daily salt + IP + user agent): the salt is random per day and deleted after a
 * day, the hashes with it, so no raw IP is ever stored and yesterday's hashes cannot be linked
 * to today's.
 */
export class TrackedLinks1795923000000 implements MigrationInterface {
  name = 'TrackedLinks1795923000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE tracked_links (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        institution_id uuid NOT NULL,
        code text NOT NULL,
        kind text NOT NULL,
        product_id uuid NOT NULL,
        post_target_id uuid,
        partner text,
        destination_url text NOT NULL,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        archived_at timestamptz,
        CONSTRAINT pk_tracked_links PRIMARY KEY (id),
        CONSTRAINT fk_tracked_links_institution FOREIGN KEY (institution_id) REFERENCES institutions (id),
        CONSTRAINT fk_tracked_links_product FOREIGN KEY (product_id) REFERENCES products (id) ON DELETE CASCADE,
        CONSTRAINT fk_tracked_links_target FOREIGN KEY (post_target_id) REFERENCES post_targets (id) ON DELETE SET NULL,
        CONSTRAINT fk_tracked_links_created_by FOREIGN KEY (created_by) REFERENCES users (id) ON DELETE SET NULL,
        CONSTRAINT ck_tracked_links_kind CHECK (kind IN ('post', 'partner', 'catalogue')),
        CONSTRAINT ck_tracked_links_partner CHECK ((kind = 'post') = (partner IS NULL)),
        CONSTRAINT ck_tracked_links_code CHECK (code ~ '^[0-9A-Za-z]{6,16}$')
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_tracked_links_code ON tracked_links (code)`);
    // One link per post target, so a retried publish never mints a second one.
    await q.query(
      `CREATE UNIQUE INDEX uq_tracked_links_target ON tracked_links (post_target_id)
       WHERE post_target_id IS NOT NULL`,
    );
    // One catalogue link per listing, however many page views race to create it.
    await q.query(
      `CREATE UNIQUE INDEX uq_tracked_links_catalogue ON tracked_links (product_id, destination_url)
       WHERE kind = 'catalogue'`,
    );
    await q.query(
      `CREATE INDEX ix_tracked_links_institution ON tracked_links (institution_id, created_at DESC, id)`,
    );

    await q.query(`
      CREATE TABLE link_clicks_daily (
        link_id uuid NOT NULL,
        institution_id uuid NOT NULL,
        day date NOT NULL,
        clicks integer NOT NULL,
        unique_visitors integer NOT NULL,
        CONSTRAINT pk_link_clicks_daily PRIMARY KEY (link_id, day),
        CONSTRAINT fk_link_clicks_daily_link FOREIGN KEY (link_id) REFERENCES tracked_links (id) ON DELETE CASCADE,
        CONSTRAINT fk_link_clicks_daily_institution FOREIGN KEY (institution_id) REFERENCES institutions (id),
        CONSTRAINT ck_link_clicks_daily_counts CHECK (clicks >= unique_visitors AND unique_visitors >= 0)
      )`);
    await q.query(
      `CREATE INDEX ix_link_clicks_daily_institution_day ON link_clicks_daily (institution_id, day)`,
    );

    await q.query(`
      CREATE TABLE link_visitor_salts (
        day date NOT NULL,
        salt text NOT NULL,
        CONSTRAINT pk_link_visitor_salts PRIMARY KEY (day)
      )`);
    await q.query(`
      CREATE TABLE link_visitors (
        link_id uuid NOT NULL,
        day date NOT NULL,
        visitor_hash text NOT NULL,
        CONSTRAINT pk_link_visitors PRIMARY KEY (link_id, day, visitor_hash),
        CONSTRAINT fk_link_visitors_link FOREIGN KEY (link_id) REFERENCES tracked_links (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX ix_link_visitors_day ON link_visitors (day)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE link_visitors`);
    await q.query(`DROP TABLE link_visitor_salts`);
    await q.query(`DROP TABLE link_clicks_daily`);
    await q.query(`DROP TABLE tracked_links`);
  }
}
