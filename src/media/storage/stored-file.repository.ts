import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { StorageNamespace } from './media-storage';

/** Which column holds the keys of each namespace; an object no row names may be deleted. */
const REFERENCES: Record<StorageNamespace, { table: string; column: string }> = {
  photos: { table: 'media_assets', column: 'storage_key' },
  thumbnails: { table: 'media_assets', column: 'thumbnail_key' },
  'consent-evidence': { table: 'consent_records', column: 'evidence_key' },
};

@Injectable()
export class StoredFileRepository {
  /**
   * Transaction-scoped advisory locks on storage keys, taken in sorted order (no deadlocks).
   * Writers and the clean-up both take them, so clean-up never deletes an object that a
   * concurrent upload of the same bytes is about to reference.
   */
  async lockKeys(manager: EntityManager, keys: readonly string[]): Promise<void> {
    for (const key of [...new Set(keys)].sort()) {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`karya-media:${key}`]);
    }
  }

  async isReferenced(manager: EntityManager, key: string): Promise<boolean> {
    const namespace = key.split('/')[0] as StorageNamespace;
    const reference = REFERENCES[namespace];
    if (!reference) return true;
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM ${reference.table} WHERE ${reference.column} = $1 LIMIT 1`,
      [key],
    );
    return rows.length > 0;
  }
}
