import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { Role } from '../../src/auth/roles';
import { createTestApp, TestApp } from '../support/app';
import { makeInstitution, makeProduct, makeSignedInUser } from '../support/factories';

const MAX_BYTES = 300_000;

/** A 300×200 JPEG whose EXIF says "rotate 90° clockwise" and carries a GPS position. */
async function jpegWithGpsAndOrientation(): Promise<Buffer> {
  return sharp({ create: { width: 300, height: 200, channels: 3, background: '#b5432a' } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'KameraUji' },
      IFD3: { GPSLatitudeRef: 'S', GPSLatitude: '6/1 13/1 0/1' },
    })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

/** Tag ids of the first EXIF IFD (0x8825 is the GPS IFD pointer). */
function exifIfd0Tags(exif: Buffer): number[] {
  const tiff = exif.subarray(6); // after "Exif\0\0"
  const le = tiff.toString('latin1', 0, 2) === 'II';
  const u16 = (o: number) => (le ? tiff.readUInt16LE(o) : tiff.readUInt16BE(o));
  const u32 = (o: number) => (le ? tiff.readUInt32LE(o) : tiff.readUInt32BE(o));
  const ifd = u32(4);
  return Array.from({ length: u16(ifd) }, (_, i) => u16(ifd + 2 + i * 12));
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/**
 * A real 20000×20000 PNG (1-bit grey, all black) that compresses to a few tens of KB: a
 * decompression bomb. Written by hand because sharp needs ~12 s to encode 400 megapixels.
 */
function pngBomb(side = 20_000): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header.set([1, 0, 0, 0, 0], 8); // bit depth 1, greyscale, deflate, no filter, no interlace
  const rows = Buffer.alloc(side * (1 + Math.ceil(side / 8))); // filter byte 0 + zero pixels
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(rows, { level: 9 })),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('media upload', () => {
  let t: TestApp;
  let institutionId: string;
  let staff: { Authorization: string };
  let manager: { Authorization: string };
  let mediaDir: string;

  beforeAll(async () => {
    t = await createTestApp({ env: { MEDIA_MAX_BYTES: String(MAX_BYTES) } });
    institutionId = (await makeInstitution(t.dataSource)).id;
    staff = (await makeSignedInUser(t.dataSource, { role: Role.Staff, institutionId })).auth;
    manager = (await makeSignedInUser(t.dataSource, { role: Role.Manager, institutionId })).auth;
    mediaDir = join(t.config.dataDir, 'media');
  });
  afterAll(async () => t.close());

  const storedFiles = (): string[] => {
    try {
      return readdirSync(mediaDir, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => relative(mediaDir, join(entry.parentPath, entry.name)))
        .sort();
    } catch {
      return [];
    }
  };

  const countRows = async (): Promise<number> => {
    const rows: { n: number }[] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM media_assets WHERE institution_id = $1`,
      [institutionId],
    );
    return rows[0].n;
  };

  const upload = (bytes: Buffer, filename: string, contentType: string) =>
    t.http().post('/api/media').set(staff).attach('file', bytes, { filename, contentType });

  it('strips EXIF and GPS, applies the orientation and serves the file and a thumbnail', async () => {
    const original = await jpegWithGpsAndOrientation();
    const meta = await sharp(original).metadata();
    expect(meta.orientation).toBe(6);
    expect(exifIfd0Tags(meta.exif as Buffer)).toContain(0x8825);

    const res = await upload(original, 'IMG_0001.JPG', 'image/jpeg')
      .field('altText', ' Kaos sablon merah ')
      .expect(201);
    expect(res.body).toMatchObject({
      mimeType: 'image/jpeg',
      width: 200,
      height: 300,
      altText: 'Kaos sablon merah',
      originalFilename: 'IMG_0001.JPG',
      clearance: 'uncleared',
      usable: false,
      blockedReason: 'uncleared',
      fileUrl: `/api/media/${res.body.id}/file`,
    });
    expect(res.body.blockedMessage.en).toMatch(/not cleared/);

    const file = await t.http().get(res.body.fileUrl).set(staff).buffer(true).expect(200);
    expect(file.headers['content-type']).toBe('image/jpeg');
    expect(file.headers['cache-control']).toBe('private, max-age=31536000, immutable');
    const stored = await sharp(file.body as Buffer).metadata();
    expect(stored).toMatchObject({ format: 'jpeg', width: 200, height: 300 });
    expect(stored.exif).toBeUndefined();
    expect(stored.orientation).toBeUndefined();

    const thumb = await t.http().get(res.body.thumbnailUrl).set(staff).buffer(true).expect(200);
    expect(thumb.headers['content-type']).toBe('image/jpeg');
    const thumbMeta = await sharp(thumb.body as Buffer).metadata();
    expect(Math.max(thumbMeta.width ?? 0, thumbMeta.height ?? 0)).toBeLessThanOrEqual(400);
    expect(thumbMeta.exif).toBeUndefined();

    const hash = res.body.contentHash as string;
    expect(storedFiles()).toContain(
      join('photos', hash.slice(0, 2), hash.slice(2, 4), `${hash}.jpg`),
    );
    expect(storedFiles().some((f) => f.endsWith('.tmp'))).toBe(false);

    const audit: { action: string }[] = await t.dataSource.query(
      `SELECT action FROM audit_log WHERE entity_type = 'media_asset' AND entity_id = $1`,
      [res.body.id],
    );
    expect(audit.map((a) => a.action)).toEqual(['create']);
  });

  it('keeps a PNG with transparency as PNG, with its alpha channel', async () => {
    const png = await sharp({
      create: {
        width: 64,
        height: 48,
        channels: 4,
        background: { r: 0, g: 90, b: 200, alpha: 0.5 },
      },
    })
      .png()
      .toBuffer();
    const res = await upload(png, 'logo.png', 'image/png').expect(201);
    expect(res.body).toMatchObject({ mimeType: 'image/png', width: 64, height: 48 });
    const file = await t.http().get(res.body.fileUrl).set(staff).buffer(true).expect(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect(await sharp(file.body as Buffer).metadata()).toMatchObject({
      format: 'png',
      hasAlpha: true,
    });
  });

  it('takes the type from the bytes: a PNG named .jpg and sent as image/jpeg is read as PNG', async () => {
    const png = await sharp({
      create: {
        width: 40,
        height: 30,
        channels: 4,
        background: { r: 10, g: 200, b: 10, alpha: 0.2 },
      },
    })
      .png()
      .toBuffer();
    const res = await upload(png, 'foto.jpg', 'image/jpeg').expect(201);
    expect(res.body.mimeType).toBe('image/png');
  });

  it('caps the long side of large photos at 4096 px', async () => {
    const wide = await sharp({
      create: { width: 5000, height: 1000, channels: 3, background: '#777' },
    })
      .jpeg({ quality: 30 })
      .toBuffer();
    const res = await upload(wide, 'panorama.jpg', 'image/jpeg').expect(201);
    expect(res.body).toMatchObject({ width: 4096, height: 819 });
  });

  it('stores identical bytes once and deletes the file only with its last row', async () => {
    const bytes = await sharp({
      create: { width: 50, height: 50, channels: 3, background: '#123456' },
    })
      .jpeg()
      .toBuffer();
    const first = await upload(bytes, 'a.jpg', 'image/jpeg').expect(201);
    const second = await upload(bytes, 'b.jpg', 'image/jpeg').expect(201);
    expect(second.body.contentHash).toBe(first.body.contentHash);
    const hash = first.body.contentHash as string;
    const isStored = () => storedFiles().some((f) => f.includes(hash));

    await t.http().delete(`/api/media/${first.body.id}`).set(staff).expect(204);
    expect(isStored()).toBe(true);
    await t.http().get(second.body.fileUrl).set(staff).expect(200);
    await t.http().delete(`/api/media/${second.body.id}`).set(staff).expect(204);
    expect(isStored()).toBe(false);
    await t.http().get(`/api/media/${second.body.id}`).set(staff).expect(404);

    const audit: { action: string }[] = await t.dataSource.query(
      `SELECT action FROM audit_log WHERE entity_type = 'media_asset' AND entity_id = $1 ORDER BY id`,
      [second.body.id],
    );
    expect(audit.map((a) => a.action)).toEqual(['create', 'delete']);
  });

  describe('refuses bad files with a 4xx naming the field, storing nothing', () => {
    const goodJpeg = () =>
      sharp({ create: { width: 120, height: 80, channels: 3, background: '#9a9' } })
        .jpeg()
        .toBuffer();

    const cases: [string, () => Promise<Buffer> | Buffer, string, string, number][] = [
      ['a text file', () => Buffer.from('bukan gambar\n'), 'catatan.jpg', 'image/jpeg', 415],
      [
        'a truncated JPEG',
        async () => {
          const jpeg = await goodJpeg();
          return jpeg.subarray(0, jpeg.length - 300);
        },
        'potong.jpg',
        'image/jpeg',
        400,
      ],
      ['a 20000×20000 PNG bomb', () => pngBomb(), 'bom.png', 'image/png', 422],
      [
        'an SVG with a script',
        () =>
          Buffer.from(
            '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script><rect width="10" height="10"/></svg>',
          ),
        'gambar.png',
        'image/png',
        415,
      ],
      [
        'a GIF',
        () =>
          sharp({ create: { width: 8, height: 8, channels: 3, background: '#f00' } })
            .gif()
            .toBuffer(),
        'anim.gif',
        'image/gif',
        415,
      ],
      [
        'a PDF',
        () => Buffer.from('%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\n'),
        'doc.pdf',
        'application/pdf',
        415,
      ],
      ['a 0-byte file', () => Buffer.alloc(0), 'kosong.jpg', 'image/jpeg', 400],
      [
        'a file over the size limit',
        async () => Buffer.concat([await goodJpeg(), Buffer.alloc(MAX_BYTES)]),
        'besar.jpg',
        'image/jpeg',
        413,
      ],
    ];

    it.each(cases)('%s', async (_name, make, filename, contentType, status) => {
      const bytes = await make();
      const rowsBefore = await countRows();
      const filesBefore = storedFiles();
      const res = await upload(bytes, filename, contentType).expect(status);
      expect(res.body).toMatchObject({ field: 'file' });
      expect(typeof res.body.message).toBe('string');
      expect(await countRows()).toBe(rowsBefore);
      expect(storedFiles()).toEqual(filesBefore);
    });

    it('the bomb really is a small 20000×20000 PNG', async () => {
      const bomb = pngBomb();
      expect(bomb.length).toBeLessThan(200_000);
      expect(await sharp(bomb, { limitInputPixels: false }).metadata()).toMatchObject({
        format: 'png',
        width: 20_000,
        height: 20_000,
      });
    });

    it('a request without a file, or with two files', async () => {
      const none = await t.http().post('/api/media').set(staff).send({ altText: 'x' }).expect(400);
      expect(none.body.field).toBe('file');
      const jpeg = await goodJpeg();
      const two = await t
        .http()
        .post('/api/media')
        .set(staff)
        .attach('file', jpeg, 'a.jpg')
        .attach('file', jpeg, 'b.jpg')
        .expect(400);
      expect(two.body.field).toBe('file');
      const elsewhere = await t.http().post('/api/media').set(staff).attach('photo', jpeg, 'a.jpg');
      expect(elsewhere.status).toBe(400);
      expect(elsewhere.body.field).toBe('file');
    });

    it('unknown or malformed form fields', async () => {
      const jpeg = await goodJpeg();
      const unknown = await upload(jpeg, 'a.jpg', 'image/jpeg').field('owner', 'x').expect(400);
      expect(unknown.body.field).toBe('owner');
      const badProduct = await upload(jpeg, 'a.jpg', 'image/jpeg')
        .field('productId', 'abc')
        .expect(400);
      expect(badProduct.body.field).toBe('productId');
    });

    it('still answers afterwards', async () => {
      await t.http().get('/api/health').expect(200);
    });
  });

  it('links a photo to a product of the same institution only', async () => {
    const jpeg = await sharp({
      create: { width: 90, height: 90, channels: 3, background: '#c0ffee' },
    })
      .jpeg()
      .toBuffer();
    const own = await makeProduct(t.dataSource, institutionId);
    const linked = await upload(jpeg, 'p.jpg', 'image/jpeg').field('productId', own.id).expect(201);
    expect(linked.body.productId).toBe(own.id);

    const other = await makeInstitution(t.dataSource);
    const foreign = await makeProduct(t.dataSource, other.id);
    const fresh = await sharp({
      create: { width: 91, height: 91, channels: 3, background: '#facade' },
    })
      .jpeg()
      .toBuffer();
    const rowsBefore = await countRows();
    const filesBefore = storedFiles();
    const refused = await upload(fresh, 'p.jpg', 'image/jpeg')
      .field('productId', foreign.id)
      .expect(404);
    expect(refused.body.field).toBe('productId');
    expect(await countRows()).toBe(rowsBefore);
    // The files were written inside the refused transaction and removed with it.
    expect(storedFiles()).toEqual(filesBefore);

    const patched = await t
      .http()
      .patch(`/api/media/${linked.body.id}`)
      .set(staff)
      .send({ productId: foreign.id })
      .expect(404);
    expect(patched.body.field).toBe('productId');
    const list = await t.http().get(`/api/media?productId=${own.id}`).set(staff).expect(200);
    expect(list.body.items.map((m: { id: string }) => m.id)).toEqual([linked.body.id]);
  });

  it('edits alt text and product link, audited', async () => {
    const jpeg = await sharp({ create: { width: 70, height: 60, channels: 3, background: '#0a0' } })
      .jpeg()
      .toBuffer();
    const created = await upload(jpeg, 'e.jpg', 'image/jpeg').expect(201);
    const product = await makeProduct(t.dataSource, institutionId);
    const res = await t
      .http()
      .patch(`/api/media/${created.body.id}`)
      .set(staff)
      .send({ altText: 'Tas kulit cokelat', productId: product.id })
      .expect(200);
    expect(res.body).toMatchObject({ altText: 'Tas kulit cokelat', productId: product.id });
    const unlinked = await t
      .http()
      .patch(`/api/media/${created.body.id}`)
      .set(staff)
      .send({ productId: null })
      .expect(200);
    expect(unlinked.body.productId).toBeNull();
    await t.http().patch(`/api/media/${created.body.id}`).set(staff).send({ width: 5 }).expect(400);
    const audit: { action: string; after: { altText: string } }[] = await t.dataSource.query(
      `SELECT action, after FROM audit_log WHERE entity_type = 'media_asset' AND entity_id = $1 ORDER BY id`,
      [created.body.id],
    );
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'update']);
    expect(audit[1].after.altText).toBe('Tas kulit cokelat');
  });

  it('lets read-only roles list and view, but not upload or delete', async () => {
    const jpeg = await sharp({ create: { width: 30, height: 30, channels: 3, background: '#333' } })
      .jpeg()
      .toBuffer();
    await t.http().post('/api/media').set(manager).attach('file', jpeg, 'm.jpg').expect(403);
    const created = await upload(jpeg, 'm.jpg', 'image/jpeg').expect(201);
    await t.http().get(`/api/media/${created.body.id}`).set(manager).expect(200);
    await t.http().get(`/api/media/${created.body.id}/thumbnail`).set(manager).expect(200);
    await t.http().delete(`/api/media/${created.body.id}`).set(manager).expect(403);
    await t.http().get(`/api/media/${created.body.id}`).expect(401);
  });

  it("gives 404 for another institution's photo on every route", async () => {
    const jpeg = await sharp({ create: { width: 33, height: 33, channels: 3, background: '#456' } })
      .jpeg()
      .toBuffer();
    const created = await upload(jpeg, 'x.jpg', 'image/jpeg').expect(201);
    const otherInstitution = await makeInstitution(t.dataSource);
    const outsider = (
      await makeSignedInUser(t.dataSource, { role: Role.Admin, institutionId: otherInstitution.id })
    ).auth;
    const id = created.body.id as string;
    await t.http().get(`/api/media/${id}`).set(outsider).expect(404);
    const missing = await t.http().get(`/api/media/${id}/file`).set(outsider).expect(404);
    expect(missing.headers['cache-control'] ?? '').not.toContain('immutable');
    await t.http().get(`/api/media/${id}/thumbnail`).set(outsider).expect(404);
    await t.http().patch(`/api/media/${id}`).set(outsider).send({ altText: 'x' }).expect(404);
    await t
      .http()
      .post(`/api/media/${id}/clearance`)
      .set(outsider)
      .send({ clearance: 'no_identifiable_person', attestation: true })
      .expect(404);
    await t.http().delete(`/api/media/${id}`).set(outsider).expect(404);
    const list = await t.http().get('/api/media').set(outsider).expect(200);
    expect(list.body.total).toBe(0);
    await t.http().get(`/api/media/${id}`).set(staff).expect(200);
    const bad = await t.http().get('/api/media/not-a-uuid').set(staff).expect(400);
    expect(bad.body.field).toBe('id');
  });
});
