import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { hashPassword } from '../../src/auth/password';
import { Role } from '../../src/auth/roles';
import {
  generateSessionToken,
  hashSessionToken,
  SESSION_TTL_MS,
} from '../../src/auth/session-token';
import type { PlatformCredentials } from '../../src/platforms/platform-adapter';
import { AccountCredentialsService } from '../../src/publishing/accounts/account-credentials.service';
import type { TestApp } from './app';

export const TEST_PASSWORD = 'rahasia-uji-123';
let passwordHash: Promise<string> | undefined;

function unique(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

export interface InstitutionRow {
  id: string;
  name: string;
  slug: string;
  timeZone: string;
}

export async function makeInstitution(
  ds: DataSource,
  overrides: Partial<{
    name: string;
    slug: string;
    kind: string;
    timeZone: string;
    region: string;
  }> = {},
): Promise<InstitutionRow> {
  const slug = overrides.slug ?? unique('lapas-uji');
  const name = overrides.name ?? `Lapas Uji ${slug}`;
  const timeZone = overrides.timeZone ?? 'Asia/Jakarta';
  const rows: { id: string }[] = await ds.query(
    `INSERT INTO institutions (name, slug, kind, region, time_zone) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [name, slug, overrides.kind ?? 'lapas', overrides.region ?? 'DKI Jakarta', timeZone],
  );
  return { id: rows[0].id, name, slug, timeZone };
}

export interface UserRow {
  id: string;
  email: string;
  role: Role;
  institutionId: string | null;
  password: string;
}

export async function makeUser(
  ds: DataSource,
  overrides: {
    role?: Role;
    institutionId?: string | null;
    email?: string;
    isActive?: boolean;
  } = {},
): Promise<UserRow> {
  const role = overrides.role ?? Role.Staff;
  const national = role === Role.NationalAdmin || role === Role.NationalManager;
  const institutionId = national ? null : (overrides.institutionId ?? null);
  if (!national && !institutionId)
    throw new Error('makeUser: institutionId is required for institution roles');
  const email = overrides.email ?? `${unique(role)}@uji.karya.id`;
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const rows: { id: string }[] = await ds.query(
    `INSERT INTO users (institution_id, email, display_name, role, password_hash, is_active)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [
      institutionId,
      email,
      `Pengguna ${role}`,
      role,
      await passwordHash,
      overrides.isActive ?? true,
    ],
  );
  return { id: rows[0].id, email, role, institutionId, password: TEST_PASSWORD };
}

/** A bearer token for the user without going through the login route (fast, no argon2). */
export async function makeSessionToken(ds: DataSource, userId: string): Promise<string> {
  const token = generateSessionToken();
  await ds.query(
    `INSERT INTO auth_sessions (user_id, token_hash, expires_at) VALUES ($1, $2, $3)`,
    [userId, hashSessionToken(token), new Date(Date.now() + SESSION_TTL_MS)],
  );
  return token;
}

export async function makeSignedInUser(
  ds: DataSource,
  overrides: Parameters<typeof makeUser>[1] = {},
): Promise<UserRow & { token: string; auth: { Authorization: string } }> {
  const user = await makeUser(ds, overrides);
  const token = await makeSessionToken(ds, user.id);
  return { ...user, token, auth: { Authorization: `Bearer ${token}` } };
}

export interface WorkshopRow {
  id: string;
  institutionId: string;
  name: string;
}

export async function makeWorkshop(
  ds: DataSource,
  institutionId: string,
  overrides: Partial<{ name: string; isActive: boolean }> = {},
): Promise<WorkshopRow> {
  const name = overrides.name ?? unique('Bengkel');
  const rows: { id: string }[] = await ds.query(
    `INSERT INTO workshops (institution_id, name, is_active) VALUES ($1, $2, $3) RETURNING id`,
    [institutionId, name, overrides.isActive ?? true],
  );
  return { id: rows[0].id, institutionId, name };
}

export interface ProductRow {
  id: string;
  institutionId: string;
  workshopId: string;
  name: string;
  sku: string;
}

/** A product (and, unless given, a workshop for it) inserted directly. */
export async function makeProduct(
  ds: DataSource,
  institutionId: string,
  overrides: Partial<{
    workshopId: string;
    name: string;
    sku: string;
    priceRupiah: number;
    tags: string[];
    status: 'active' | 'archived';
  }> = {},
): Promise<ProductRow> {
  const workshopId = overrides.workshopId ?? (await makeWorkshop(ds, institutionId)).id;
  const name = overrides.name ?? unique('Produk');
  const sku = overrides.sku ?? unique('SKU').toUpperCase();
  const status = overrides.status ?? 'active';
  const rows: { id: string }[] = await ds.query(
    `INSERT INTO products (institution_id, workshop_id, name, price_rupiah, sku, tags, status, archived_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [
      institutionId,
      workshopId,
      name,
      overrides.priceRupiah ?? 50_000,
      sku,
      overrides.tags ?? [],
      status,
      status === 'archived' ? new Date() : null,
    ],
  );
  return { id: rows[0].id, institutionId, workshopId, name, sku };
}

export interface SocialAccountRow {
  id: string;
  institutionId: string;
  network: 'instagram' | 'facebook' | 'x';
}

export interface RenderRow {
  id: string;
  publicToken: string;
}

/**
 * A rendered 1080×1350 JPEG row as publishing reads it (no file behind it: tests that need the
 * bytes serve them under `publicToken` themselves).
 */
export async function makeRender(
  ds: DataSource,
  institutionId: string,
  overrides: Partial<{ altText: string; publicToken: string }> = {},
): Promise<RenderRow> {
  const [row]: { id: string; public_token: string }[] = await ds.query(
    `INSERT INTO renders (institution_id, cache_key, image_template_id, storage_key, public_token,
       mime_type, width, height, byte_size, alt_text)
     SELECT $1, gen_random_uuid()::text, id, 'renders/test.jpg',
       coalesce($2, gen_random_uuid()::text), 'image/jpeg', 1080, 1350, 1000, $3
     FROM image_templates LIMIT 1
     RETURNING id, public_token`,
    [institutionId, overrides.publicToken ?? null, overrides.altText ?? 'Kemeja batik'],
  );
  return { id: row.id, publicToken: row.public_token };
}

/** A social account inserted directly (sandbox by default, so nothing reaches a platform). */
export async function makeSocialAccount(
  ds: DataSource,
  institutionId: string,
  overrides: Partial<{
    network: 'instagram' | 'facebook' | 'x';
    kind: 'live' | 'sandbox';
    status: 'connected' | 'needs_reauth' | 'disabled';
    displayName: string;
  }> = {},
): Promise<SocialAccountRow> {
  const network = overrides.network ?? 'instagram';
  const rows: { id: string }[] = await ds.query(
    `INSERT INTO social_accounts (institution_id, network, kind, display_name, status)
     VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [
      institutionId,
      network,
      overrides.kind ?? 'sandbox',
      overrides.displayName ?? unique(`Akun ${network}`),
      overrides.status ?? 'connected',
    ],
  );
  return { id: rows[0].id, institutionId, network };
}

export interface LiveSocialAccountRow extends SocialAccountRow {
  externalId: string;
}

/** A connected live account whose credentials are stored encrypted, as a sign-in leaves them. */
export async function makeLiveSocialAccount(
  app: TestApp,
  institution: { id: string },
  network: 'instagram' | 'facebook' | 'x',
  credentials: PlatformCredentials,
  overrides: Partial<{ externalId: string; displayName: string }> = {},
): Promise<LiveSocialAccountRow> {
  const externalId = overrides.externalId ?? unique(`${network}-user`);
  return app.dataSource.transaction(async (manager) => {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO social_accounts (institution_id, network, kind, display_name, external_id, status)
       VALUES ($1, $2, 'live', $3, $4, 'connected') RETURNING id`,
      [institution.id, network, overrides.displayName ?? unique(`Akun ${network}`), externalId],
    );
    await app.app.get(AccountCredentialsService).store(manager, rows[0].id, credentials);
    return { id: rows[0].id, institutionId: institution.id, network, externalId };
  });
}
