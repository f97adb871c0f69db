/**
 * Shared set-up for the posts tests: an institution with a staff drafter, two approvers, one
 * sandbox account per network, a product with a marketplace link and cleared photos.
 */
import sharp from 'sharp';
import { Role } from '../../src/auth/roles';
import type { TestApp } from '../support/app';
import {
  makeInstitution,
  makeSignedInUser,
  makeSocialAccount,
  makeWorkshop,
} from '../support/factories';

// 10 March 2026, 09:00 WIB.
export const NOW = new Date('2026-03-10T02:00:00Z');
// Monday 16 March 2026: clear of the Nyepi and Idul Fitri blackout dates.
export const LATER = '2026-03-16T10:00:00+07:00';

export type Auth = { Authorization: string };

export interface PostWorld {
  institutionId: string;
  staff: Auth & { id: string };
  approver: Auth & { id: string };
  otherApprover: Auth & { id: string };
  accounts: { instagram: string; facebook: string; x: string };
  productId: string;
  productName: string;
  workshopName: string;
}

let colour = 0;

function signed(user: { id: string; auth: Auth }): Auth & { id: string } {
  return { ...user.auth, id: user.id };
}

export function headers(user: Auth & { id: string }): Auth {
  return { Authorization: user.Authorization };
}

export async function buildPostWorld(t: TestApp): Promise<PostWorld> {
  const ds = t.dataSource;
  const institutionId = (await makeInstitution(ds)).id;
  const staff = signed(await makeSignedInUser(ds, { role: Role.Staff, institutionId }));
  const approver = signed(await makeSignedInUser(ds, { role: Role.Approver, institutionId }));
  const otherApprover = signed(await makeSignedInUser(ds, { role: Role.Approver, institutionId }));
  const workshop = await makeWorkshop(ds, institutionId, { name: `Konveksi ${++colour}` });
  const productName = `Kemeja Batik Lintas ${colour}`;
  const product = await t
    .http()
    .post('/api/products')
    .set(headers(staff))
    .send({
      name: productName,
      priceRupiah: 150000,
      sku: `PST-${institutionId.slice(0, 8)}`,
      workshopId: workshop.id,
      marketplaceLinks: [
        { marketplace: 'tokopedia', url: 'https://www.tokopedia.com/lapas/kemeja' },
      ],
    })
    .expect(201);
  return {
    institutionId,
    staff,
    approver,
    otherApprover,
    accounts: {
      instagram: (await makeSocialAccount(ds, institutionId, { network: 'instagram' })).id,
      facebook: (await makeSocialAccount(ds, institutionId, { network: 'facebook' })).id,
      x: (await makeSocialAccount(ds, institutionId, { network: 'x' })).id,
    },
    productId: product.body.id as string,
    productName,
    workshopName: workshop.name,
  };
}

/** A JPEG with distinct bytes, uploaded; cleared as "no identifiable person" unless told. */
export async function uploadPhoto(
  t: TestApp,
  auth: Auth,
  clearance:
    'none' | 'no_identifiable_person' | { consentRecordId: string } = 'no_identifiable_person',
): Promise<string> {
  colour += 1;
  const jpeg = await sharp({
    create: {
      width: 480,
      height: 600,
      channels: 3,
      background: { r: colour % 256, g: 120, b: (colour * 7) % 256 },
    },
  })
    .jpeg()
    .toBuffer();
  let request = t.http().post('/api/media').set(auth).attach('file', jpeg, 'kemeja.jpg');
  if (clearance === 'no_identifiable_person') {
    request = request.field('clearance', 'no_identifiable_person').field('attestation', 'true');
  } else if (clearance !== 'none') {
    request = request
      .field('clearance', 'consent')
      .field('consentRecordId', clearance.consentRecordId)
      .field('attestation', 'true');
  }
  const res = await request.expect(201);
  return res.body.id as string;
}

export async function builtInTemplateId(t: TestApp, key: string): Promise<string> {
  const rows: { id: string }[] = await t.dataSource.query(
    `SELECT id FROM image_templates WHERE key = $1 AND is_builtin ORDER BY version DESC LIMIT 1`,
    [key],
  );
  if (!rows[0]) throw new Error(`built-in image template ${key} is missing`);
  return rows[0].id;
}

export async function makeCaptionTemplate(t: TestApp, auth: Auth, body: string): Promise<string> {
  const res = await t
    .http()
    .post('/api/caption-templates')
    .set(auth)
    .send({ name: `Templat ${++colour}`, body })
    .expect(201);
  return res.body.id as string;
}

export const auditActions = async (t: TestApp, postId: string): Promise<string[]> => {
  const rows: { action: string; event: string | null }[] = await t.dataSource.query(
    `SELECT action, after->>'event' AS event FROM audit_log
     WHERE entity_type = 'post' AND entity_id = $1 ORDER BY id`,
    [postId],
  );
  return rows.map((r) => (r.event ? `${r.action}:${r.event}` : r.action));
};
