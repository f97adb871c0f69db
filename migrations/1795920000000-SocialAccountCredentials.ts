import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Credentials of live social accounts, and the sign-ins that produce them.
 *
 * Credentials: one row per account, encrypted (AES-256-GCM) under
 * TOKEN_ENCRYPTION_KEY. `key_id` names the key that encrypted the row, so rows still under an
 * older key can be found and rewritten after a rotation. `expires_at` is kept in clear so that a
 * refresh can be decided without decrypting. The refresh lease lets one process at a time refresh
 * an account's tokens (X rotates its refresh tokens: two concurrent refreshes would lock it out).
 */
export class SocialAccountCredentials1795920000000 implements MigrationInterface {
  name = 'SocialAccountCredentials1795920000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE social_account_credentials (
        social_account_id uuid NOT NULL,
        key_id text NOT NULL,
        ciphertext text NOT NULL,
        expires_at timestamptz,
        refresh_lease_until timestamptz,
        refresh_lease_owner text,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_social_account_credentials PRIMARY KEY (social_account_id),
        CONSTRAINT fk_social_account_credentials_account FOREIGN KEY (social_account_id)
          REFERENCES social_accounts (id) ON DELETE CASCADE
      )`);
    await q.query(
      `CREATE INDEX ix_social_account_credentials_key ON social_account_credentials (key_id)`,
    );

    // A sign-in in progress, between its two requests: the PKCE verifier (X) or the long-lived
    // user token and Page tokens (Graph), encrypted, never sent to the browser. Short-lived.
    await q.query(`
      CREATE TABLE account_connect_sessions (
        id uuid NOT NULL,
        institution_id uuid NOT NULL,
        user_id uuid NOT NULL,
        flow text NOT NULL,
        state text,
        key_id text NOT NULL,
        ciphertext text NOT NULL,
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_account_connect_sessions PRIMARY KEY (id),
        CONSTRAINT fk_account_connect_sessions_institution FOREIGN KEY (institution_id)
          REFERENCES institutions (id) ON DELETE CASCADE,
        CONSTRAINT fk_account_connect_sessions_user FOREIGN KEY (user_id)
          REFERENCES users (id) ON DELETE CASCADE,
        CONSTRAINT ck_account_connect_sessions_flow CHECK (flow IN ('graph', 'x_oauth2')),
        CONSTRAINT uq_account_connect_sessions_state UNIQUE (state)
      )`);
    await q.query(
      `CREATE INDEX ix_account_connect_sessions_expires ON account_connect_sessions (expires_at)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE account_connect_sessions`);
    await q.query(`DROP TABLE social_account_credentials`);
  }
}
