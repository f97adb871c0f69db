import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Foundation: institutions, users and sessions, catalogue, media with clearance and consent,
 * takedown tasks, and the append-only audit log. Enumerations are CHECK constraints so later
 * migrations can widen them without enum-type surgery.
 */
export class FoundationSchema1795907943537 implements MigrationInterface {
  name = 'FoundationSchema1795907943537';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE institutions (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        name text NOT NULL,
        slug text NOT NULL,
        kind text NOT NULL,
        region text NOT NULL DEFAULT '',
        time_zone text NOT NULL,
        brand_primary text NOT NULL DEFAULT '#0B4F6C',
        brand_secondary text NOT NULL DEFAULT '#F2A541',
        brand_text text NOT NULL DEFAULT '#FFFFFF',
        logo_key text,
        hotline text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_institutions PRIMARY KEY (id),
        CONSTRAINT uq_institutions_slug UNIQUE (slug),
        CONSTRAINT ck_institutions_slug CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        CONSTRAINT ck_institutions_kind CHECK (kind IN ('lapas', 'rutan', 'lpka', 'lpp', 'bapas')),
        CONSTRAINT ck_institutions_time_zone CHECK (time_zone IN ('Asia/Jakarta', 'Asia/Pontianak', 'Asia/Makassar', 'Asia/Jayapura')),
        CONSTRAINT ck_institutions_brand_colours CHECK (
          brand_primary ~ '^#[0-9A-Fa-f]{6}$' AND brand_secondary ~ '^#[0-9A-Fa-f]{6}$' AND brand_text ~ '^#[0-9A-Fa-f]{6}$')
      )`);

    await q.query(`
      CREATE TABLE users (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        institution_id uuid,
        email text NOT NULL,
        display_name text NOT NULL,
        role text NOT NULL,
        password_hash text NOT NULL,
        is_active boolean NOT NULL DEFAULT true,
        locale text NOT NULL DEFAULT 'id',
        must_change_password boolean NOT NULL DEFAULT false,
        last_login_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_users PRIMARY KEY (id),
        CONSTRAINT fk_users_institution FOREIGN KEY (institution_id) REFERENCES institutions (id),
        CONSTRAINT ck_users_role CHECK (role IN ('staff', 'approver', 'manager', 'admin', 'national_admin', 'national_manager')),
        CONSTRAINT ck_users_role_scope CHECK (
          (role IN ('national_admin', 'national_manager')) = (institution_id IS NULL)),
        CONSTRAINT ck_users_locale CHECK (locale IN ('id', 'en'))
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_users_email ON users (lower(email))`);
    await q.query(`CREATE INDEX ix_users_institution ON users (institution_id)`);

    await q.query(`
      CREATE TABLE auth_sessions (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL,
        token_hash text NOT NULL,
        user_agent text,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        CONSTRAINT pk_auth_sessions PRIMARY KEY (id),
        CONSTRAINT uq_auth_sessions_token_hash UNIQUE (token_hash),
        CONSTRAINT fk_auth_sessions_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX ix_auth_sessions_user ON auth_sessions (user_id)`);

    await q.query(`
      CREATE TABLE workshops (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        institution_id uuid NOT NULL,
        name text NOT NULL,
        description text NOT NULL DEFAULT '',
        is_active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_workshops PRIMARY KEY (id),
        CONSTRAINT uq_workshops_id_institution UNIQUE (id, institution_id),
        CONSTRAINT fk_workshops_institution FOREIGN KEY (institution_id) REFERENCES institutions (id)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX uq_workshops_institution_name ON workshops (institution_id, lower(name))`,
    );

    await q.query(`
      CREATE TABLE products (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        institution_id uuid NOT NULL,
        workshop_id uuid NOT NULL,
        name text NOT NULL,
        description text NOT NULL DEFAULT '',
        price_rupiah bigint NOT NULL,
        sku text NOT NULL,
        status text NOT NULL DEFAULT 'active',
        tags text[] NOT NULL DEFAULT '{}',
        archived_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_products PRIMARY KEY (id),
        CONSTRAINT uq_products_id_institution UNIQUE (id, institution_id),
        CONSTRAINT fk_products_institution FOREIGN KEY (institution_id) REFERENCES institutions (id),
        CONSTRAINT fk_products_workshop FOREIGN KEY (workshop_id, institution_id) REFERENCES workshops (id, institution_id),
        CONSTRAINT ck_products_price CHECK (price_rupiah >= 0),
        CONSTRAINT ck_products_status CHECK (status IN ('active', 'archived')),
        CONSTRAINT ck_products_sku CHECK (sku ~ '^[A-Z0-9][A-Z0-9._-]{0,63}$')
      )`);
    await q.query(
      `CREATE UNIQUE INDEX uq_products_institution_sku ON products (institution_id, sku)`,
    );
    await q.query(
      `CREATE INDEX ix_products_institution_status ON products (institution_id, status, name)`,
    );
    await q.query(`CREATE INDEX ix_products_workshop ON products (workshop_id)`);
    await q.query(`CREATE INDEX ix_products_tags ON products USING gin (tags)`);

    await q.query(`
      CREATE TABLE product_marketplace_links (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        institution_id uuid NOT NULL,
        product_id uuid NOT NULL,
        marketplace text NOT NULL,
        url text NOT NULL,
        label text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_product_marketplace_links PRIMARY KEY (id),
        CONSTRAINT fk_product_marketplace_links_product FOREIGN KEY (product_id, institution_id)
          REFERENCES products (id, institution_id) ON DELETE CASCADE,
        CONSTRAINT uq_product_marketplace_links_url UNIQUE (product_id, url),
        CONSTRAINT ck_product_marketplace_links_marketplace CHECK (marketplace IN ('tokopedia', 'shopee', 'other')),
        CONSTRAINT ck_product_marketplace_links_url CHECK (url ~ '^https?://')
      )`);
    await q.query(
      `CREATE INDEX ix_product_marketplace_links_product ON product_marketplace_links (product_id)`,
    );

    await q.query(`
      CREATE TABLE consent_records (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        institution_id uuid NOT NULL,
        subject_name text NOT NULL,
        subject_is_minor boolean NOT NULL DEFAULT false,
        purpose text NOT NULL,
        channels text[] NOT NULL,
        valid_from date NOT NULL,
        valid_until date,
        evidence_key text,
        evidence_mime_type text,
        recorded_by uuid,
        withdrawn_at timestamptz,
        withdrawn_by uuid,
        withdrawal_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_consent_records PRIMARY KEY (id),
        CONSTRAINT uq_consent_records_id_institution UNIQUE (id, institution_id),
        CONSTRAINT fk_consent_records_institution FOREIGN KEY (institution_id) REFERENCES institutions (id),
        CONSTRAINT fk_consent_records_recorded_by FOREIGN KEY (recorded_by) REFERENCES users (id),
        CONSTRAINT fk_consent_records_withdrawn_by FOREIGN KEY (withdrawn_by) REFERENCES users (id),
        CONSTRAINT ck_consent_records_validity CHECK (valid_until IS NULL OR valid_until >= valid_from),
        CONSTRAINT ck_consent_records_channels CHECK (
          cardinality(channels) > 0 AND channels <@ ARRAY['instagram', 'facebook', 'x', 'catalogue', 'print']::text[])
      )`);
    await q.query(
      `CREATE INDEX ix_consent_records_institution ON consent_records (institution_id, created_at)`,
    );

    await q.query(`
      CREATE TABLE media_assets (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        institution_id uuid NOT NULL,
        product_id uuid,
        uploaded_by uuid,
        storage_key text NOT NULL,
        thumbnail_key text NOT NULL,
        content_hash text NOT NULL,
        original_filename text NOT NULL DEFAULT '',
        mime_type text NOT NULL,
        width integer NOT NULL,
        height integer NOT NULL,
        byte_size integer NOT NULL,
        alt_text text NOT NULL DEFAULT '',
        clearance text NOT NULL DEFAULT 'uncleared',
        consent_record_id uuid,
        cleared_by uuid,
        cleared_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_media_assets PRIMARY KEY (id),
        CONSTRAINT uq_media_assets_id_institution UNIQUE (id, institution_id),
        CONSTRAINT fk_media_assets_institution FOREIGN KEY (institution_id) REFERENCES institutions (id),
        CONSTRAINT fk_media_assets_product FOREIGN KEY (product_id) REFERENCES products (id) ON DELETE SET NULL,
        CONSTRAINT fk_media_assets_uploaded_by FOREIGN KEY (uploaded_by) REFERENCES users (id),
        CONSTRAINT fk_media_assets_cleared_by FOREIGN KEY (cleared_by) REFERENCES users (id),
        CONSTRAINT fk_media_assets_consent FOREIGN KEY (consent_record_id, institution_id)
          REFERENCES consent_records (id, institution_id),
        CONSTRAINT ck_media_assets_clearance CHECK (clearance IN ('uncleared', 'no_identifiable_person', 'consent')),
        CONSTRAINT ck_media_assets_consent_link CHECK ((clearance = 'consent') = (consent_record_id IS NOT NULL)),
        CONSTRAINT ck_media_assets_dimensions CHECK (width > 0 AND height > 0 AND byte_size > 0)
      )`);
    await q.query(
      `CREATE INDEX ix_media_assets_institution ON media_assets (institution_id, created_at DESC)`,
    );
    await q.query(`CREATE INDEX ix_media_assets_product ON media_assets (product_id)`);
    await q.query(`CREATE INDEX ix_media_assets_consent ON media_assets (consent_record_id)`);

    await q.query(`
      CREATE TABLE takedown_tasks (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        institution_id uuid NOT NULL,
        consent_record_id uuid NOT NULL,
        status text NOT NULL DEFAULT 'open',
        reason text NOT NULL,
        created_by uuid,
        closed_by uuid,
        closed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_takedown_tasks PRIMARY KEY (id),
        CONSTRAINT fk_takedown_tasks_consent FOREIGN KEY (consent_record_id, institution_id)
          REFERENCES consent_records (id, institution_id),
        CONSTRAINT fk_takedown_tasks_created_by FOREIGN KEY (created_by) REFERENCES users (id),
        CONSTRAINT fk_takedown_tasks_closed_by FOREIGN KEY (closed_by) REFERENCES users (id),
        CONSTRAINT ck_takedown_tasks_status CHECK (status IN ('open', 'in_progress', 'done', 'cancelled'))
      )`);
    await q.query(
      `CREATE INDEX ix_takedown_tasks_institution_status ON takedown_tasks (institution_id, status)`,
    );

    // One row per affected photo; the Content and Publishing migrations add post references.
    await q.query(`
      CREATE TABLE takedown_task_items (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        task_id uuid NOT NULL,
        media_asset_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_takedown_task_items PRIMARY KEY (id),
        CONSTRAINT fk_takedown_task_items_task FOREIGN KEY (task_id) REFERENCES takedown_tasks (id) ON DELETE CASCADE,
        CONSTRAINT fk_takedown_task_items_media FOREIGN KEY (media_asset_id) REFERENCES media_assets (id)
      )`);
    await q.query(`CREATE INDEX ix_takedown_task_items_task ON takedown_task_items (task_id)`);

    await q.query(`
      CREATE TABLE audit_log (
        id bigint GENERATED ALWAYS AS IDENTITY,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        institution_id uuid,
        actor_user_id uuid,
        actor_email text,
        action text NOT NULL,
        entity_type text NOT NULL,
        entity_id text,
        before jsonb,
        after jsonb,
        request_id text,
        CONSTRAINT pk_audit_log PRIMARY KEY (id)
      )`);
    await q.query(
      `CREATE INDEX ix_audit_log_institution_time ON audit_log (institution_id, occurred_at DESC)`,
    );
    await q.query(`CREATE INDEX ix_audit_log_entity ON audit_log (entity_type, entity_id)`);
    await q.query(`CREATE INDEX ix_audit_log_actor ON audit_log (actor_user_id, occurred_at DESC)`);
    // Append-only at the database level: nothing, not even the app's own role, rewrites history.
    await q.query(`
      CREATE FUNCTION audit_log_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER trg_audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_reject_change()`);
    await q.query(`
      CREATE TRIGGER trg_audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_reject_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_log`);
    await q.query(`DROP FUNCTION audit_log_reject_change()`);
    await q.query(`DROP TABLE takedown_task_items`);
    await q.query(`DROP TABLE takedown_tasks`);
    await q.query(`DROP TABLE media_assets`);
    await q.query(`DROP TABLE consent_records`);
    await q.query(`DROP TABLE product_marketplace_links`);
    await q.query(`DROP TABLE products`);
    await q.query(`DROP TABLE workshops`);
    await q.query(`DROP TABLE auth_sessions`);
    await q.query(`DROP TABLE users`);
    await q.query(`DROP TABLE institutions`);
  }
}
