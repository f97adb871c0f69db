import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalDiskMediaStorage } from '../../src/media/storage/local-disk.storage';
import { contentKey, isStorageKey, sha256Hex } from '../../src/media/storage/media-storage';

describe('local disk media storage', () => {
  let root: string;
  let storage: LocalDiskMediaStorage;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'karya-storage-'));
    storage = new LocalDiskMediaStorage(root);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const bytes = Buffer.from('isi foto');
  const key = contentKey('photos', sha256Hex(bytes), 'jpg');

  it('names objects by content hash, fanned out into two folder levels', () => {
    const hash = sha256Hex(bytes);
    expect(key).toBe(`photos/${hash.slice(0, 2)}/${hash.slice(2, 4)}/${hash}.jpg`);
    expect(isStorageKey(key)).toBe(true);
  });

  it('stores, reads, streams and deletes, leaving no temporary file', async () => {
    expect(await storage.exists(key)).toBe(false);
    await storage.put(key, bytes);
    await storage.put(key, bytes); // idempotent
    expect(await storage.exists(key)).toBe(true);
    expect((await storage.get(key)).equals(bytes)).toBe(true);
    const chunks: Buffer[] = [];
    for await (const chunk of await storage.stream(key)) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).equals(bytes)).toBe(true);
    const folder = join(root, ...key.split('/').slice(0, -1));
    expect(readdirSync(folder)).toEqual([key.split('/').pop()]);
    await storage.delete(key);
    await storage.delete(key); // a missing key is not an error
    expect(await storage.exists(key)).toBe(false);
  });

  it('copies from a file path', async () => {
    const source = join(root, 'upload.tmp');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(source, 'dari berkas');
    const fileKey = contentKey('consent-evidence', sha256Hex(Buffer.from('dari berkas')), 'pdf');
    await storage.put(fileKey, { filePath: source });
    expect((await storage.get(fileKey)).toString()).toBe('dari berkas');
  });

  it('refuses keys that could leave the root', async () => {
    for (const bad of [
      '../etc/passwd',
      'photos/../../x.jpg',
      '/abs/path.jpg',
      'photos/ab/cd/short.jpg',
    ]) {
      expect(isStorageKey(bad)).toBe(false);
      await expect(storage.put(bad, bytes)).rejects.toThrow(/Invalid media storage key/);
    }
    await expect(storage.stream('photos/zz/../x')).rejects.toThrow(/Invalid media storage key/);
  });
});
