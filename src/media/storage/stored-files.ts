import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { MEDIA_STORAGE, type MediaStorage } from './media-storage';
import { StoredFileRepository } from './stored-file.repository';

export interface ObjectToStore {
  key: string;
  bytes: Buffer;
}

/**
 * Keeps files and rows in step: files are written under content-hash keys inside the
 * transaction that inserts the rows naming them, and removed again when that transaction fails
 * or the last row naming them is deleted. Nothing is left that no row references.
 */
@Injectable()
export class StoredFiles {
  private readonly logger = new Logger(StoredFiles.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(MEDIA_STORAGE) private readonly storage: MediaStorage,
    private readonly references: StoredFileRepository,
  ) {}

  /** Stores `objects`, then runs `work` (row inserts, audit) in the same transaction. */
  async writeWithin<T>(
    objects: readonly ObjectToStore[],
    work: (manager: EntityManager) => Promise<T>,
  ): Promise<T> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        await this.references.lockKeys(
          manager,
          objects.map((o) => o.key),
        );
        for (const object of objects) await this.storage.put(object.key, object.bytes);
        return work(manager);
      });
    } catch (error) {
      await this.release(objects.map((o) => o.key));
      throw error;
    }
  }

  /** Deletes each object no row references any more. Failures are logged, never thrown. */
  async release(keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    try {
      await this.dataSource.transaction(async (manager) => {
        await this.references.lockKeys(manager, keys);
        for (const key of keys) {
          if (!(await this.references.isReferenced(manager, key))) await this.storage.delete(key);
        }
      });
    } catch (error) {
      this.logger.warn({ err: error, keys }, 'Could not remove unreferenced media files');
    }
  }
}
