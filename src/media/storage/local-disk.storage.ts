import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { access, copyFile, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { isStorageKey, type MediaStorage, type StorageSource } from './media-storage';

/** Media on the local disk under one root folder (`${dataDir}/media`). */
export class LocalDiskMediaStorage implements MediaStorage {
  constructor(private readonly root: string) {}

  async put(key: string, source: StorageSource): Promise<void> {
    const target = this.pathOf(key);
    if (await this.exists(key)) return;
    await mkdir(dirname(target), { recursive: true });
    // A temp file in the same folder, then rename: atomic on one file system, so a crash or a
    // concurrent reader never sees half a file.
    const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      if (Buffer.isBuffer(source)) await writeFile(temp, source, { flag: 'wx' });
      else await copyFile(source.filePath, temp);
      await rename(temp, target);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }

  async get(key: string): Promise<Buffer> {
    return readFile(this.pathOf(key));
  }

  async stream(key: string): Promise<Readable> {
    const path = this.pathOf(key);
    await access(path);
    return createReadStream(path);
  }

  async exists(key: string): Promise<boolean> {
    try {
      await access(this.pathOf(key));
      return true;
    } catch {
      return false;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  /** Keys are validated so no key can reach outside the root. */
  private pathOf(key: string): string {
    if (!isStorageKey(key)) throw new Error(`Invalid media storage key: ${key}`);
    return join(this.root, ...key.split('/'));
  }
}
