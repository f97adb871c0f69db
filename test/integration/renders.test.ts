import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import sharp from 'sharp';
import { Role } from '../../src/auth/roles';
import { RenderService } from '../../src/content/renders/render.service';
import { createTestApp, TestApp } from '../support/app';
import { makeInstitution, makeProduct, makeSignedInUser } from '../support/factories';

type Json = Record<string, any>;

describe('renders', () => {
  let t: TestApp;
  let institutionId: string;
  let staff: { Authorization: string };
  let productId: string;
  let templates: Map<string, string>;
  const cleared: string[] = [];
  let uncleared: string;
  let foreignPhoto: string;

  const photo = (seed: number): Promise<Buffer> =>
    sharp({
      create: {
        width: 900,
        height: 700,
        channels: 3,
        background: { r: (seed * 53) % 256, g: (seed * 97) % 256, b: (seed * 31) % 256 },
      },
    })
      .jpeg()
      .toBuffer();

  const upload = async (
    auth: { Authorization: string },
    seed: number,
    clear: boolean,
  ): Promise<string> => {
    let request = t
      .http()
      .post('/api/media')
      .set(auth)
      .attach('file', await photo(seed), {
        filename: `foto-${seed}.jpg`,
        contentType: 'image/jpeg',
      });
    if (clear) {
      request = request.field('clearance', 'no_identifiable_person').field('attestation', 'true');
    }
    const res = await request.expect(201);
    return res.body.id as string;
  };

  const preview = (body: Json) => t.http().post('/api/renders/preview').set(staff).send(body);

  const mediaFiles = (): string[] => {
    const dir = join(t.config.dataDir, 'media');
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
      .sort();
  };

  const renderCount = async (): Promise<number> => {
    const rows: { n: number }[] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM renders WHERE institution_id = $1`,
      [institutionId],
    );
    return rows[0].n;
  };

  const pathOf = (url: string): string => new URL(url).pathname;

  beforeAll(async () => {
    t = await createTestApp();
    institutionId = (await makeInstitution(t.dataSource, { name: 'Lapas Kelas I Uji' })).id;
    staff = (await makeSignedInUser(t.dataSource, { role: Role.Staff, institutionId })).auth;
    productId = (
      await makeProduct(t.dataSource, institutionId, {
        name: 'Kemeja Batik Lintas',
        priceRupiah: 150_000,
      })
    ).id;
    for (let seed = 1; seed <= 4; seed++) cleared.push(await upload(staff, seed, true));
    uncleared = await upload(staff, 5, false);
    const other = (await makeInstitution(t.dataSource)).id;
    const otherStaff = (
      await makeSignedInUser(t.dataSource, { role: Role.Staff, institutionId: other })
    ).auth;
    foreignPhoto = await upload(otherStaff, 6, true);
    const list = await t.http().get('/api/image-templates?pageSize=100').set(staff).expect(200);
    templates = new Map((list.body.items as Json[]).map((i) => [i.key as string, i.id as string]));
  });
  afterAll(async () => t?.close());

  it('renders once, reuses the cached render, and serves it publicly as the JPEG it claims', async () => {
    const body = {
      imageTemplateId: templates.get('ig-portrait'),
      productId,
      mediaAssetIds: [cleared[0]],
      variables: { tagline: 'Dijahit rapi' },
    };
    const first = await preview(body).expect(200);
    const second = await preview(body).expect(200);
    expect(first.body.images).toHaveLength(1);
    expect(second.body.images).toEqual(first.body.images);
    const image = first.body.images[0] as Json;
    expect(image).toMatchObject({
      width: 1080,
      height: 1350,
      mimeType: 'image/jpeg',
      networkViolations: { instagram: [], facebook: [], x: [] },
    });
    expect(image.altText).toContain('Kemeja Batik Lintas');
    expect(image.altText).toContain('Rp 150.000');
    expect(image.publicUrl).toMatch(/^http:\/\/127\.0\.0\.1:3999\/r\/[A-Za-z0-9_-]{32}\.jpg$/);
    expect(first.body.unusablePhotos).toEqual([]);

    const rows: { alt_text: string; public_token: string }[] = await t.dataSource.query(
      `SELECT alt_text, public_token FROM renders WHERE id = $1`,
      [image.id],
    );
    expect(rows).toEqual([{ alt_text: image.altText, public_token: expect.any(String) }]);

    // No session: Instagram and Facebook fetch it anonymously.
    const file = await t.http().get(pathOf(image.publicUrl)).buffer(true).expect(200);
    expect(file.headers['content-type']).toBe('image/jpeg');
    expect(file.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(Number(file.headers['content-length'])).toBe(image.byteSize);
    const meta = await sharp(file.body as Buffer).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 1080, height: 1350 });
    const head = await t.http().head(pathOf(image.publicUrl)).expect(200);
    expect(head.headers['content-type']).toBe('image/jpeg');

    // The API itself still lives under /api; only the image route is outside it.
    await t.http().get('/api/health').expect(200);
    await t.http().get('/r/health').expect(404);
    await t
      .http()
      .get(`/api${pathOf(image.publicUrl)}`)
      .expect(404);
    const doc = await t.http().get('/api/docs-json').expect(200);
    expect(doc.body.paths['/r/{file}'].get['x-karya-permission']).toBe('public');
    expect(doc.body.paths['/api/renders/preview'].post).toBeDefined();
  });

  it('renders a carousel of 3 photos as 3 images, one per slide', async () => {
    const res = await preview({
      imageTemplateId: templates.get('carousel'),
      productId,
      mediaAssetIds: cleared.slice(0, 3),
      variables: { tagline: 'Motif khas', cta: 'Pesan di Tokopedia' },
    }).expect(200);
    const images = res.body.images as Json[];
    expect(images).toHaveLength(3);
    expect(new Set(images.map((i) => i.id)).size).toBe(3);
    expect(images.map((i) => (i.altText as string).slice(0, 12))).toEqual([
      'Foto 1 dari ',
      'Foto 2 dari ',
      'Foto 3 dari ',
    ]);
    for (const image of images) {
      const file = await t.http().get(pathOf(image.publicUrl)).buffer(true).expect(200);
      expect(await sharp(file.body as Buffer).metadata()).toMatchObject({
        width: 1080,
        height: 1350,
      });
    }
  });

  it('renders uncleared photos in a preview but lists them as unusable per network', async () => {
    const res = await preview({
      imageTemplateId: templates.get('ig-square'),
      productId,
      mediaAssetIds: [uncleared],
    }).expect(200);
    expect(res.body.images).toHaveLength(1);
    expect(res.body.unusablePhotos).toEqual(
      ['instagram', 'facebook', 'x'].map((network) => ({
        mediaAssetId: uncleared,
        network,
        reason: 'uncleared',
        message: { id: expect.any(String), en: expect.stringMatching(/not cleared/) },
      })),
    );
  });

  it('serves a render publicly only while its photos are cleared', async () => {
    const previewOfUncleared = await preview({
      imageTemplateId: templates.get('ig-portrait'),
      productId,
      mediaAssetIds: [uncleared],
    }).expect(200);
    await t.http().get(pathOf(previewOfUncleared.body.images[0].publicUrl)).expect(404);

    const consent = await t
      .http()
      .post('/api/consents')
      .set(staff)
      .send({
        subjectName: 'Warga Binaan Uji Render',
        subjectIsMinor: false,
        purpose: 'Promosi produk di media sosial',
        channels: ['instagram', 'facebook', 'x'],
        validFrom: '2025-01-01',
      })
      .expect(201);
    const consented = await upload(staff, 7, false);
    await t
      .http()
      .post(`/api/media/${consented}/clearance`)
      .set(staff)
      .send({ clearance: 'consent', consentRecordId: consent.body.id, attestation: true })
      .expect(200);
    const rendered = await preview({
      imageTemplateId: templates.get('ig-portrait'),
      productId,
      mediaAssetIds: [consented],
    }).expect(200);
    const path = pathOf(rendered.body.images[0].publicUrl);
    await t.http().get(path).expect(200);

    await t
      .http()
      .post(`/api/consents/${consent.body.id}/withdraw`)
      .set(staff)
      .send({ reason: 'Yang bersangkutan menarik persetujuan' })
      .expect(200);
    await t.http().get(path).expect(404);
  });

  it("answers 404 naming mediaAssetIds for another institution's photo", async () => {
    const res = await preview({
      imageTemplateId: templates.get('ig-square'),
      productId,
      mediaAssetIds: [foreignPhoto],
    }).expect(404);
    expect(res.body.field).toBe('mediaAssetIds');
    expect(res.body.details.missing).toEqual([foreignPhoto]);
  });

  it('names the field for an unknown template, a wrong photo count or a missing product', async () => {
    const unknown = await preview({
      imageTemplateId: '00000000-0000-4000-8000-000000000000',
      productId,
      mediaAssetIds: [cleared[0]],
    }).expect(404);
    expect(unknown.body.field).toBe('imageTemplateId');

    const none = await preview({
      imageTemplateId: templates.get('ig-square'),
      productId,
      mediaAssetIds: [],
    }).expect(400);
    expect(none.body.field).toBe('mediaAssetIds');
    const tooMany = await preview({
      imageTemplateId: templates.get('ig-square'),
      productId,
      mediaAssetIds: cleared.slice(0, 2),
    }).expect(400);
    expect(tooMany.body.field).toBe('mediaAssetIds');
    const single = await preview({
      imageTemplateId: templates.get('carousel'),
      productId,
      mediaAssetIds: [cleared[0]],
    }).expect(400);
    expect(single.body.field).toBe('mediaAssetIds');

    const noProduct = await preview({
      imageTemplateId: templates.get('ig-square'),
      mediaAssetIds: [cleared[0]],
    }).expect(400);
    expect(noProduct.body.field).toBe('productId');
  });

  it('leaves no row and no file when the render fails (text overflow is a 422 naming the variable)', async () => {
    const filesBefore = mediaFiles();
    const rowsBefore = await renderCount();
    const res = await preview({
      imageTemplateId: templates.get('new-product'),
      productId,
      mediaAssetIds: [cleared[3]],
      variables: {
        tagline:
          'Kerajinan tangan kulit asli buatan warga binaan dengan jahitan rapi dan tahan lama sekali',
      },
    }).expect(422);
    expect(res.body.field).toBe('variables.tagline');
    expect(await renderCount()).toBe(rowsBefore);
    expect(mediaFiles()).toEqual(filesBefore);
  });

  it('answers 404 for unknown or malformed tokens, with nothing but the error', async () => {
    for (const path of [
      '/r/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.jpg',
      '/r/not-a-token.jpg',
      '/r/..%2F..%2Fsecrets.json',
    ]) {
      const res = await t.http().get(path).expect(404);
      expect(Object.keys(res.body).sort()).toEqual(expect.arrayContaining(['code', 'message']));
      expect(JSON.stringify(res.body)).not.toMatch(/stack|institution|storage/i);
    }
  });

  it('returns the same render to identical concurrent and in-transaction calls', async () => {
    const renders = t.app.get(RenderService);
    const request = {
      institutionId,
      imageTemplateId: templates.get('x-landscape')!,
      productId,
      mediaAssetIds: [cleared[2]],
      variables: { cta: 'Kunjungi galeri kami' },
    };
    const [a, b] = await Promise.all([
      renders.renderForPost(request),
      renders.renderForPost(request),
    ]);
    expect(a[0].id).toBe(b[0].id);
    expect(a[0]).toMatchObject({ width: 1600, height: 900 });
    const inTransaction = await t.dataSource.transaction((manager) =>
      renders.renderForPost(request, manager),
    );
    expect(inTransaction[0].publicUrl).toBe(a[0].publicUrl);
  });
});
