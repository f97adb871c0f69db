import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Content: social accounts (Publishing adds credentials handling), image templates and their
 * cached renders, caption templates, hashtag groups, the dignity check's institution lists,
 * posts with their photos, one variant per network and one target per social account,
 * review comments and dignity overrides. Takedown items learn which posts used a photo.
 */
export class ContentSchema1795910256435 implements MigrationInterface {
  name = 'ContentSchema1795910256435';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE social_accounts (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        institution_id uuid NOT NULL,
        network text NOT NULL,
        kind text NOT NULL DEFAULT 'live',
        display_name text NOT NULL,
        handle text,
        external_id text,
        status text NOT NULL DEFAULT 'connected',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_social_accounts PRIMARY KEY (id),
        CONSTRAINT uq_social_accounts_id_institution UNIQUE (id, institution_id),
        CONSTRAINT fk_social_accounts_institution FOREIGN KEY (institution_id) REFERENCES institutions (id),
        CONSTRAINT ck_social_accounts_network CHECK (network IN ('instagram', 'facebook', 'x')),
        CONSTRAINT ck_social_accounts_kind CHECK (kind IN ('live', 'sandbox')),
        CONSTRAINT ck_social_accounts_status CHECK (status IN ('connected', 'needs_reauth', 'disabled'))
      )`);
    await q.query(
      `CREATE INDEX ix_social_accounts_institution ON social_accounts (institution_id, network)`,
    );
    await q.query(`
      CREATE UNIQUE INDEX uq_social_accounts_external ON social_accounts (institution_id, network, external_id)
      WHERE external_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE image_templates (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        institution_id uuid,
        key text NOT NULL,
        version integer NOT NULL,
        name text NOT NULL,
        networks text[] NOT NULL,
        definition jsonb NOT NULL,
        is_builtin boolean NOT NULL DEFAULT false,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_image_templates PRIMARY KEY (id),
        CONSTRAINT fk_image_templates_institution FOREIGN KEY (institution_id) REFERENCES institutions (id),
        CONSTRAINT fk_image_templates_created_by FOREIGN KEY (created_by) REFERENCES users (id),
        CONSTRAINT ck_image_templates_version CHECK (version > 0),
        CONSTRAINT ck_image_templates_builtin CHECK (NOT is_builtin OR institution_id IS NULL),
        CONSTRAINT ck_image_templates_networks CHECK (networks <@ ARRAY['instagram', 'facebook', 'x']::text[])
      )`);
    // Built-ins have no institution; NULLS NOT DISTINCT needs PostgreSQL 15, hence the coalesce.
    await q.query(`
      CREATE UNIQUE INDEX uq_image_templates_key_version ON image_templates
        (coalesce(institution_id, '00000000-0000-0000-0000-000000000000'::uuid), key, version)`);

    await q.query(`
      CREATE TABLE renders (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        institution_id uuid NOT NULL,
        cache_key text NOT NULL,
        image_template_id uuid NOT NULL,
        storage_key text NOT NULL,
        public_token text NOT NULL,
        mime_type text NOT NULL,
        width integer NOT NULL,
        height integer NOT NULL,
        byte_size integer NOT NULL,
        alt_text text NOT NULL,
        media_asset_ids uuid[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_renders PRIMARY KEY (id),
        CONSTRAINT fk_renders_institution FOREIGN KEY (institution_id) REFERENCES institutions (id),
        CONSTRAINT fk_renders_template FOREIGN KEY (image_template_id) REFERENCES image_templates (id),
        CONSTRAINT uq_renders_cache_key UNIQUE (institution_id, cache_key),
        CONSTRAINT uq_renders_public_token UNIQUE (public_token)
      )`);
    // The photos a render shows: it is served publicly only while they stay cleared.
    await q.query(`CREATE INDEX ix_renders_media ON renders USING gin (media_asset_ids)`);

    for (const [table, column] of [
      ['caption_templates', 'name'],
      ['hashtag_groups', 'name'],
      ['protected_names', 'name'],
      ['dignity_words', 'word'],
    ]) {
      const extra =
        table === 'caption_templates'
          ? `body text NOT NULL, network text,
             CONSTRAINT ck_caption_templates_network CHECK (network IS NULL OR network IN ('instagram', 'facebook', 'x')),`
          : table === 'hashtag_groups'
            ? `tags text[] NOT NULL DEFAULT '{}',`
            : table === 'protected_names'
              ? `note text NOT NULL DEFAULT '',`
              : '';
      await q.query(`
        CREATE TABLE ${table} (
          id uuid NOT NULL DEFAULT gen_random_uuid(),
          institution_id uuid NOT NULL,
          ${column} text NOT NULL,
          ${extra}
          created_by uuid,
          created_at timestamptz NOT NULL DEFAULT now(),
          updated_at timestamptz NOT NULL DEFAULT now(),
          CONSTRAINT pk_${table} PRIMARY KEY (id),
          CONSTRAINT fk_${table}_institution FOREIGN KEY (institution_id) REFERENCES institutions (id),
          CONSTRAINT fk_${table}_created_by FOREIGN KEY (created_by) REFERENCES users (id)
        )`);
      await q.query(
        `CREATE UNIQUE INDEX uq_${table}_${column} ON ${table} (institution_id, lower(${column}))`,
      );
    }

    await q.query(`
      CREATE TABLE posts (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        institution_id uuid NOT NULL,
        product_id uuid,
        title text NOT NULL DEFAULT '',
        status text NOT NULL DEFAULT 'draft',
        status_reason text,
        image_template_id uuid,
        caption_template_id uuid,
        hashtag_group_id uuid,
        variables jsonb NOT NULL DEFAULT '{}',
        planned_at timestamptz,
        drafted_by uuid NOT NULL,
        last_edited_by uuid NOT NULL,
        submitted_at timestamptz,
        approved_by uuid,
        approved_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_posts PRIMARY KEY (id),
        CONSTRAINT uq_posts_id_institution UNIQUE (id, institution_id),
        CONSTRAINT fk_posts_institution FOREIGN KEY (institution_id) REFERENCES institutions (id),
        CONSTRAINT fk_posts_product FOREIGN KEY (product_id, institution_id) REFERENCES products (id, institution_id),
        CONSTRAINT fk_posts_image_template FOREIGN KEY (image_template_id) REFERENCES image_templates (id),
        CONSTRAINT fk_posts_caption_template FOREIGN KEY (caption_template_id) REFERENCES caption_templates (id) ON DELETE SET NULL,
        CONSTRAINT fk_posts_hashtag_group FOREIGN KEY (hashtag_group_id) REFERENCES hashtag_groups (id) ON DELETE SET NULL,
        CONSTRAINT fk_posts_drafted_by FOREIGN KEY (drafted_by) REFERENCES users (id),
        CONSTRAINT fk_posts_last_edited_by FOREIGN KEY (last_edited_by) REFERENCES users (id),
        CONSTRAINT fk_posts_approved_by FOREIGN KEY (approved_by) REFERENCES users (id),
        CONSTRAINT ck_posts_status CHECK (status IN ('draft', 'in_review', 'approved', 'changes_requested', 'scheduled',
          'publishing', 'published', 'partially_published', 'failed', 'cancelled'))
      )`);
    await q.query(`CREATE INDEX ix_posts_institution_status ON posts (institution_id, status)`);
    await q.query(
      `CREATE INDEX ix_posts_institution_planned ON posts (institution_id, planned_at)`,
    );
    await q.query(`CREATE INDEX ix_posts_product ON posts (product_id)`);

    await q.query(`
      CREATE TABLE post_media (
        post_id uuid NOT NULL,
        institution_id uuid NOT NULL,
        position smallint NOT NULL,
        media_asset_id uuid NOT NULL,
        CONSTRAINT pk_post_media PRIMARY KEY (post_id, position),
        CONSTRAINT fk_post_media_post FOREIGN KEY (post_id, institution_id) REFERENCES posts (id, institution_id) ON DELETE CASCADE,
        CONSTRAINT fk_post_media_media FOREIGN KEY (media_asset_id, institution_id) REFERENCES media_assets (id, institution_id),
        CONSTRAINT ck_post_media_position CHECK (position >= 0 AND position < 10)
      )`);
    await q.query(`CREATE INDEX ix_post_media_media ON post_media (media_asset_id)`);

    await q.query(`
      CREATE TABLE post_variants (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        post_id uuid NOT NULL,
        institution_id uuid NOT NULL,
        network text NOT NULL,
        caption text NOT NULL DEFAULT '',
        render_ids uuid[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_post_variants PRIMARY KEY (id),
        CONSTRAINT uq_post_variants_network UNIQUE (post_id, network),
        CONSTRAINT fk_post_variants_post FOREIGN KEY (post_id, institution_id) REFERENCES posts (id, institution_id) ON DELETE CASCADE,
        CONSTRAINT ck_post_variants_network CHECK (network IN ('instagram', 'facebook', 'x'))
      )`);

    // The queue the Publishing dispatcher claims from (FOR UPDATE SKIP LOCKED under a lease).
    await q.query(`
      CREATE TABLE post_targets (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        post_id uuid NOT NULL,
        institution_id uuid NOT NULL,
        social_account_id uuid NOT NULL,
        network text NOT NULL,
        status text NOT NULL DEFAULT 'pending',
        planned_at timestamptz,
        next_attempt_at timestamptz,
        attempt_count integer NOT NULL DEFAULT 0,
        lease_owner text,
        lease_expires_at timestamptz,
        platform_post_id text,
        permalink text,
        published_at timestamptz,
        last_error_code text,
        last_error_message text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_post_targets PRIMARY KEY (id),
        CONSTRAINT uq_post_targets_account UNIQUE (post_id, social_account_id),
        CONSTRAINT fk_post_targets_post FOREIGN KEY (post_id, institution_id) REFERENCES posts (id, institution_id) ON DELETE CASCADE,
        CONSTRAINT fk_post_targets_account FOREIGN KEY (social_account_id, institution_id)
          REFERENCES social_accounts (id, institution_id),
        CONSTRAINT ck_post_targets_network CHECK (network IN ('instagram', 'facebook', 'x')),
        CONSTRAINT ck_post_targets_status CHECK (status IN ('pending', 'publishing', 'retry_waiting', 'published', 'failed', 'cancelled'))
      )`);
    await q.query(`CREATE INDEX ix_post_targets_post ON post_targets (post_id)`);
    await q.query(
      `CREATE INDEX ix_post_targets_account_planned ON post_targets (social_account_id, planned_at)`,
    );
    await q.query(`
      CREATE INDEX ix_post_targets_due ON post_targets (next_attempt_at)
      WHERE status IN ('pending', 'retry_waiting')`);

    await q.query(`
      CREATE TABLE post_comments (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        post_id uuid NOT NULL,
        institution_id uuid NOT NULL,
        author_id uuid NOT NULL,
        kind text NOT NULL DEFAULT 'comment',
        body text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_post_comments PRIMARY KEY (id),
        CONSTRAINT fk_post_comments_post FOREIGN KEY (post_id, institution_id) REFERENCES posts (id, institution_id) ON DELETE CASCADE,
        CONSTRAINT fk_post_comments_author FOREIGN KEY (author_id) REFERENCES users (id),
        CONSTRAINT ck_post_comments_kind CHECK (kind IN ('comment', 'changes_requested', 'approved', 'override', 'pulled_back'))
      )`);
    await q.query(`CREATE INDEX ix_post_comments_post ON post_comments (post_id, created_at)`);

    await q.query(`
      CREATE TABLE dignity_overrides (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        post_id uuid NOT NULL,
        institution_id uuid NOT NULL,
        source text NOT NULL,
        category text NOT NULL,
        match text NOT NULL,
        reason text NOT NULL,
        overridden_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_dignity_overrides PRIMARY KEY (id),
        CONSTRAINT fk_dignity_overrides_post FOREIGN KEY (post_id, institution_id) REFERENCES posts (id, institution_id) ON DELETE CASCADE,
        CONSTRAINT fk_dignity_overrides_user FOREIGN KEY (overridden_by) REFERENCES users (id),
        CONSTRAINT ck_dignity_overrides_reason CHECK (length(trim(reason)) >= 10)
      )`);
    await q.query(`
      CREATE UNIQUE INDEX uq_dignity_overrides_finding ON dignity_overrides (post_id, source, category, lower(match))`);

    await q.query(`ALTER TABLE takedown_task_items ADD COLUMN post_id uuid`);
    await q.query(`
      ALTER TABLE takedown_task_items ADD CONSTRAINT fk_takedown_task_items_post
        FOREIGN KEY (post_id) REFERENCES posts (id) ON DELETE SET NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE takedown_task_items DROP CONSTRAINT fk_takedown_task_items_post`);
    await q.query(`ALTER TABLE takedown_task_items DROP COLUMN post_id`);
    for (const table of [
      'dignity_overrides',
      'post_comments',
      'post_targets',
      'post_variants',
      'post_media',
      'posts',
      'dignity_words',
      'protected_names',
      'hashtag_groups',
      'caption_templates',
      'renders',
      'image_templates',
      'social_accounts',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
