/** Shared set-up for the calendar tests: posts inserted directly in a chosen state. */
import { Role } from '../../src/auth/roles';
import type { TestApp } from '../support/app';
import {
  makeInstitution,
  makeProduct,
  makeSignedInUser,
  makeSocialAccount,
  makeWorkshop,
} from '../support/factories';

export type Auth = { Authorization: string };

export interface CalendarWorld {
  institutionId: string;
  staff: { id: string; auth: Auth };
  admin: { id: string; auth: Auth };
  accountId: string;
  productId: string;
  workshopId: string;
}

export async function buildCalendarWorld(t: TestApp, timeZone = 'Asia/Jakarta') {
  const ds = t.dataSource;
  const institutionId = (await makeInstitution(ds, { timeZone })).id;
  const staff = await makeSignedInUser(ds, { role: Role.Staff, institutionId });
  const admin = await makeSignedInUser(ds, { role: Role.Admin, institutionId });
  const workshop = await makeWorkshop(ds, institutionId);
  const product = await makeProduct(ds, institutionId, { workshopId: workshop.id });
  const account = await makeSocialAccount(ds, institutionId, { network: 'instagram' });
  return {
    institutionId,
    staff: { id: staff.id, auth: staff.auth },
    admin: { id: admin.id, auth: admin.auth },
    accountId: account.id,
    productId: product.id,
    workshopId: workshop.id,
  } satisfies CalendarWorld;
}

/** A post with one pending target per account (and an Instagram caption), as Content leaves it. */
export async function insertPost(
  t: TestApp,
  w: CalendarWorld,
  options: {
    status?: string;
    plannedAt?: string | null;
    accountIds?: string[];
    caption?: string;
    title?: string;
  } = {},
): Promise<string> {
  const plannedAt = options.plannedAt ?? null;
  const rows: { id: string }[] = await t.dataSource.query(
    `INSERT INTO posts (institution_id, product_id, title, status, planned_at, drafted_by,
                        last_edited_by, approved_by, approved_at)
     VALUES ($1, $2, $3, $4, $5, $6, $6, $6, now()) RETURNING id`,
    [
      w.institutionId,
      w.productId,
      options.title ?? 'Kemeja batik',
      options.status ?? 'scheduled',
      plannedAt,
      w.staff.id,
    ],
  );
  const id = rows[0].id;
  await t.dataSource.query(
    `INSERT INTO post_variants (post_id, institution_id, network, caption) VALUES ($1, $2, 'instagram', $3)`,
    [id, w.institutionId, options.caption ?? `Karya warga binaan ${id}`],
  );
  for (const accountId of options.accountIds ?? [w.accountId]) {
    await t.dataSource.query(
      `INSERT INTO post_targets (post_id, institution_id, social_account_id, network, status, planned_at, next_attempt_at)
       VALUES ($1, $2, $3, 'instagram', 'pending', $4, $4)`,
      [id, w.institutionId, accountId, plannedAt],
    );
  }
  return id;
}
