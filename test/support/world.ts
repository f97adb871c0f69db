/**
 * A "world": one institution holding one object of every resource type, built through the API
 * as its own admin and staff. The isolation test points every route with a path parameter at
 * these objects while signed in as someone from another institution.
 *
 * New resource? Add a step to FIXTURE_STEPS (keyed by the path segment of its routes, e.g.
 * 'products' for /api/products/{id}) and, when its routes need a body to get past validation,
 * an entry in ISOLATION_BODIES.
 */
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import type { Test } from 'supertest';
import { Role } from '../../src/auth/roles';
import { builtInTemplate } from '../../src/content/rendering/builtins';
import { NotificationsService } from '../../src/notifications/notifications.service';
import type { TestApp } from './app';
import { makeInstitution, makeSignedInUser } from './factories';
import { ApiOperation, label } from './openapi-routes';

export type SignedInUser = Awaited<ReturnType<typeof makeSignedInUser>>;

export interface World {
  institutionId: string;
  admin: SignedInUser;
  staff: SignedInUser;
  /** Path segment of a collection (e.g. 'products') → an object of it in this institution. */
  ids: Map<string, string>;
  /** Segment → why its object could not be built (route not there yet, or it failed). */
  gaps: Map<string, string>;
}

/**
 * Bodies that pass validation, so that the institution check (not the validation pipe) answers.
 * Routes not listed get `{}`. Keyed by 'METHOD /path/{template}'.
 */
export const ISOLATION_BODIES: Readonly<Record<string, object>> = {
  'POST /api/users/{id}/reset-password': { newPassword: 'kata-sandi-baru-12345' },
  'POST /api/media/{id}/clearance': { clearance: 'no_identifiable_person', attestation: true },
  'POST /api/consents/{id}/withdraw': { reason: 'Uji isolasi antar lembaga' },
  'PATCH /api/takedown-tasks/{id}': { status: 'in_progress' },
  // The visibility check answers 404 before the definition is parsed.
  'POST /api/image-templates/{id}/versions': { definition: {} },
  'PATCH /api/posts/{id}': { version: 1 },
  'POST /api/posts/{id}/request-changes': { comment: 'Uji isolasi' },
  'POST /api/posts/{id}/overrides': {
    source: 'caption:instagram',
    category: 'location',
    match: 'Blok A',
    reason: 'Uji isolasi antar lembaga',
  },
  'POST /api/posts/{id}/comments': { body: 'Uji isolasi' },
  'POST /api/posts/{id}/schedule': { plannedAt: '2099-01-05T10:00:00+07:00' },
  'PUT /api/social-accounts/{id}/slots': { slots: [{ weekday: 1, time: '10:00' }] },
  'POST /api/social-accounts/{id}/queue/reorder': { postIds: [] },
  'POST /api/calendar/posts/{id}/move': { plannedAt: '2099-01-05T10:00:00+07:00' },
  'PATCH /api/blackouts/{id}': { label: 'Uji isolasi' },
};

class FixtureError extends Error {}

interface Builder {
  world: World;
  /** For objects no route creates (notifications, takedown removals). */
  app: TestApp;
  operations: ReadonlySet<string>;
  /** An id already built, or a FixtureError naming what is missing. */
  need: (segment: string) => string;
  /** POSTs as `user` (`fill` adds the JSON or multipart body); the answer's body, or a FixtureError. */
  post: (
    user: SignedInUser,
    route: string,
    url: string,
    fill: (request: Test) => Test,
  ) => Promise<Record<string, unknown>>;
}

interface FixtureStep {
  segment: string;
  /** Routes the step calls; while one is missing from the document the step is a gap. */
  routes: string[];
  build: (b: Builder) => Promise<string>;
}

let photoBytes: Promise<Buffer> | undefined;

/** A small product-like JPEG (no people), made once per run. */
export function samplePhoto(): Promise<Buffer> {
  photoBytes ??= sharp({
    create: { width: 64, height: 48, channels: 3, background: { r: 180, g: 90, b: 40 } },
  })
    .jpeg()
    .toBuffer();
  return photoBytes;
}

const CONSENT_FIELDS = {
  subjectName: 'Warga Binaan Uji',
  subjectIsMinor: 'false',
  purpose: 'Foto promosi produk kerajinan di media sosial',
  channels: 'instagram,facebook',
  validFrom: '2025-01-01',
};

const FIXTURE_STEPS: FixtureStep[] = [
  {
    segment: 'workshops',
    routes: ['POST /api/workshops'],
    build: async (b) => {
      const body = await b.post(b.world.staff, 'POST /api/workshops', '/api/workshops', (r) =>
        r.send({ name: `Sablon ${randomUUID().slice(0, 6)}` }),
      );
      return String(body.id);
    },
  },
  {
    segment: 'products',
    routes: ['POST /api/products'],
    build: async (b) => {
      const workshopId = b.need('workshops');
      const body = await b.post(b.world.staff, 'POST /api/products', '/api/products', (r) =>
        r.send({
          name: 'Kaos Sablon Hari Bakti',
          priceRupiah: 85000,
          sku: `ISO-${randomUUID().slice(0, 8)}`,
          workshopId,
        }),
      );
      return String(body.id);
    },
  },
  {
    // A partner link needs a product with a marketplace listing.
    segment: 'links',
    routes: ['POST /api/products', 'POST /api/links'],
    build: async (b) => {
      const product = await b.post(b.world.staff, 'POST /api/products', '/api/products', (r) =>
        r.send({
          name: 'Kemeja Batik',
          priceRupiah: 150000,
          sku: `LNK-${randomUUID().slice(0, 8)}`,
          workshopId: b.need('workshops'),
          marketplaceLinks: [
            { marketplace: 'tokopedia', url: 'https://www.tokopedia.com/uji/batik' },
          ],
        }),
      );
      const body = await b.post(b.world.staff, 'POST /api/links', '/api/links', (r) =>
        r.send({ productId: String(product.id), partner: 'Kompas.com' }),
      );
      return String(body.id);
    },
  },
  {
    segment: 'media',
    routes: ['POST /api/media'],
    build: async (b) => {
      const productId = b.need('products');
      const photo = await samplePhoto();
      const body = await b.post(b.world.staff, 'POST /api/media', '/api/media', (r) =>
        r
          .field('productId', productId)
          .attach('file', photo, { filename: 'kaos.jpg', contentType: 'image/jpeg' }),
      );
      return String(body.id);
    },
  },
  {
    segment: 'consents',
    routes: ['POST /api/consents'],
    build: async (b) => {
      const evidence = await samplePhoto();
      const body = await b.post(b.world.staff, 'POST /api/consents', '/api/consents', (r) => {
        for (const [name, value] of Object.entries(CONSENT_FIELDS)) r.field(name, value);
        return r.attach('evidence', evidence, {
          filename: 'formulir.jpg',
          contentType: 'image/jpeg',
        });
      });
      return String(body.id);
    },
  },
  {
    // Withdrawing a (second) consent is what opens a takedown task.
    segment: 'takedown-tasks',
    routes: ['POST /api/consents', 'POST /api/consents/{id}/withdraw'],
    build: async (b) => {
      const consent = await b.post(b.world.staff, 'POST /api/consents', '/api/consents', (r) =>
        r.send({ ...CONSENT_FIELDS, subjectIsMinor: false, channels: ['instagram'] }),
      );
      const withdrawal = await b.post(
        b.world.staff,
        'POST /api/consents/{id}/withdraw',
        `/api/consents/${String(consent.id)}/withdraw`,
        (r) => r.send({ reason: 'Subjek menarik persetujuan' }),
      );
      const task = withdrawal.takedownTask as { id?: unknown } | undefined;
      if (!task?.id) throw new FixtureError('withdrawal answered without takedownTask.id');
      return String(task.id);
    },
  },
  {
    // The institution's own template (built-ins are everyone's): a built-in under a new id.
    segment: 'image-templates',
    routes: ['POST /api/image-templates'],
    build: async (b) => {
      const definition = { ...builtInTemplate('ig-square'), id: `iso-${randomUUID().slice(0, 8)}` };
      const body = await b.post(
        b.world.staff,
        'POST /api/image-templates',
        '/api/image-templates',
        (r) => r.send({ definition }),
      );
      return String(body.id);
    },
  },
  {
    segment: 'caption-templates',
    routes: ['POST /api/caption-templates'],
    build: async (b) => {
      const body = await b.post(
        b.world.staff,
        'POST /api/caption-templates',
        '/api/caption-templates',
        (r) => r.send({ name: 'Produk baru (uji)', body: '{{product.name}}, {{product.price}}' }),
      );
      return String(body.id);
    },
  },
  {
    segment: 'hashtag-groups',
    routes: ['POST /api/hashtag-groups'],
    build: async (b) => {
      const body = await b.post(
        b.world.staff,
        'POST /api/hashtag-groups',
        '/api/hashtag-groups',
        (r) => r.send({ name: 'Tagar uji', tags: ['KaryaWargaBinaan'] }),
      );
      return String(body.id);
    },
  },
  {
    segment: 'protected-names',
    routes: ['POST /api/protected-names'],
    build: async (b) => {
      const body = await b.post(
        b.world.staff,
        'POST /api/protected-names',
        '/api/protected-names',
        (r) => r.send({ name: 'Nama Dilindungi Uji' }),
      );
      return String(body.id);
    },
  },
  {
    segment: 'dignity-words',
    routes: ['POST /api/dignity-words'],
    build: async (b) => {
      const body = await b.post(
        b.world.admin,
        'POST /api/dignity-words',
        '/api/dignity-words',
        (r) => r.send({ word: 'kata terlarang uji' }),
      );
      return String(body.id);
    },
  },
  {
    segment: 'social-accounts',
    routes: ['POST /api/social-accounts'],
    build: async (b) => {
      const body = await b.post(
        b.world.admin,
        'POST /api/social-accounts',
        '/api/social-accounts',
        (r) => r.send({ network: 'instagram', displayName: 'Sandbox uji' }),
      );
      return String(body.id);
    },
  },
  {
    segment: 'posts',
    routes: ['POST /api/posts'],
    build: async (b) => {
      const socialAccountId = b.need('social-accounts');
      const body = await b.post(b.world.staff, 'POST /api/posts', '/api/posts', (r) =>
        r.send({ captions: { instagram: 'Uji isolasi' }, socialAccountIds: [socialAccountId] }),
      );
      return String(body.id);
    },
  },
  {
    segment: 'blackouts',
    routes: ['POST /api/blackouts'],
    build: async (b) => {
      const body = await b.post(b.world.admin, 'POST /api/blackouts', '/api/blackouts', (r) =>
        r.send({ startDate: '2099-03-02', kind: 'incident', label: 'Uji isolasi' }),
      );
      return String(body.id);
    },
  },
  {
    // A one-row plan for a product with a known SKU, posted to the world's instagram account.
    segment: 'imports',
    routes: ['POST /api/products', 'POST /api/calendar/import'],
    build: async (b) => {
      b.need('social-accounts');
      const sku = `IMP-${randomUUID().slice(0, 8).toUpperCase()}`;
      await b.post(b.world.staff, 'POST /api/products', '/api/products', (r) =>
        r.send({ name: 'Tas Kulit', priceRupiah: 120000, sku, workshopId: b.need('workshops') }),
      );
      const plan = `tanggal,jam,sku,jaringan,caption\r\n2099-01-05,10:00,${sku},instagram,Uji\r\n`;
      const body = await b.post(
        b.world.staff,
        'POST /api/calendar/import',
        '/api/calendar/import',
        (r) => r.attach('file', Buffer.from(plan), 'rencana.csv'),
      );
      return String(body.id);
    },
  },
  {
    segment: 'notifications',
    routes: ['GET /api/notifications'],
    build: (b) =>
      b.app.dataSource.transaction((manager) =>
        b.app.app.get(NotificationsService).notify(manager, {
          institutionId: b.world.institutionId,
          kind: 'takedown',
          title: { id: 'Uji isolasi', en: 'Isolation test' },
          body: { id: 'Uji isolasi', en: 'Isolation test' },
        }),
      ),
  },
  {
    segment: 'targets',
    routes: ['POST /api/posts'],
    build: async (b) => {
      const rows: { id: string }[] = await b.app.dataSource.query(
        `SELECT id FROM post_targets WHERE post_id = $1 LIMIT 1`,
        [b.need('posts')],
      );
      if (!rows[0]) throw new FixtureError('the posts fixture has no target');
      return rows[0].id;
    },
  },
  {
    // A manual takedown item on the world's post target, as a platform without deletion leaves it.
    segment: 'removals',
    routes: ['POST /api/takedown-tasks/{id}/remove-posts'],
    build: async (b) => {
      const rows: { id: string }[] = await b.app.dataSource.query(
        `INSERT INTO takedown_removals (task_id, institution_id, post_id, post_target_id, network,
                                        status, attempted_at)
         VALUES ($1, $2, $3, $4, 'instagram', 'manual', now()) RETURNING id`,
        [b.need('takedown-tasks'), b.world.institutionId, b.need('posts'), b.need('targets')],
      );
      return rows[0].id;
    },
  },
  {
    // Generating needs reports.read, which the admin has and the staff has not.
    segment: 'reports',
    routes: ['POST /api/reports'],
    build: async (b) => {
      const body = await b.post(b.world.admin, 'POST /api/reports', '/api/reports', (r) =>
        r.send({ month: '2025-01' }),
      );
      return String(body.id);
    },
  },
];

function describeFailure(status: number, body: unknown): string {
  const error = body as { code?: string; field?: string; message?: string } | undefined;
  return `${status} ${error?.code ?? ''} field=${error?.field ?? '-'} ${error?.message ?? ''}`.trim();
}

function missingRouteReason(route: string, labels: ReadonlySet<string>): string {
  const [method, path] = route.split(' ');
  const unprefixed = `${method} ${path.replace(/^\/api(?=\/)/, '')}`;
  return labels.has(unprefixed)
    ? `${route} is served as ${unprefixed}, outside the /api prefix`
    : `${route} not in the OpenAPI document yet`;
}

/** Builds the world for a fresh institution; never throws for a missing or failing route. */
export async function buildWorld(t: TestApp, operations: ApiOperation[]): Promise<World> {
  const institutionId = (await makeInstitution(t.dataSource)).id;
  const admin = await makeSignedInUser(t.dataSource, { role: Role.Admin, institutionId });
  const staff = await makeSignedInUser(t.dataSource, { role: Role.Staff, institutionId });
  const world: World = { institutionId, admin, staff, ids: new Map(), gaps: new Map() };
  world.ids.set('institutions', institutionId);
  world.ids.set('users', staff.id);

  const builder: Builder = {
    world,
    app: t,
    operations: new Set(operations.map(label)),
    need: (segment) => {
      const id = world.ids.get(segment);
      if (!id) throw new FixtureError(`needs a '${segment}' fixture, which is missing`);
      return id;
    },
    post: async (user, route, url, fill) => {
      const res = await fill(t.http().post(url).set(user.auth));
      if (res.status < 200 || res.status >= 300) {
        throw new FixtureError(`${route} answered ${describeFailure(res.status, res.body)}`);
      }
      return res.body as Record<string, unknown>;
    },
  };

  for (const step of FIXTURE_STEPS) {
    const missing = step.routes.filter((route) => !builder.operations.has(route));
    if (missing.length > 0) {
      const reasons = missing.map((route) => missingRouteReason(route, builder.operations));
      world.gaps.set(step.segment, reasons.join('; '));
      continue;
    }
    try {
      world.ids.set(step.segment, await step.build(builder));
    } catch (error) {
      if (!(error instanceof FixtureError)) throw error;
      world.gaps.set(step.segment, error.message);
    }
  }
  return world;
}
