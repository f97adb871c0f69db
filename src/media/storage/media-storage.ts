import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';

/** Nest injection token: `@Inject(MEDIA_STORAGE) storage: MediaStorage`. */
export const MEDIA_STORAGE = Symbol('MEDIA_STORAGE');

/** What to store: bytes in memory, or a file on local disk (copied, the source is left alone). */
export type StorageSource = Buffer | { filePath: string };

/**
 * Where media bytes live. Keys are opaque, path-free strings (`photos/ab/cd/<sha256>.jpg`);
 * implementations map them to disk files or object-store keys. Keys are content-addressed, so
 * `put` of an existing key is a no-op and two rows may share one object: delete an object only
 * after checking that nothing references it.
 */
export interface MediaStorage {
  /** Stores atomically: readers see the whole object or none. Idempotent for a key. */
  put(key: string, source: StorageSource): Promise<void>;
  get(key: string): Promise<Buffer>;
  stream(key: string): Promise<Readable>;
  exists(key: string): Promise<boolean>;
  /** Removes the object; a missing key is not an error. */
  delete(key: string): Promise<void>;
}

/** Namespaces keep content-addressed objects of different owners apart. */
export type StorageNamespace = 'photos' | 'thumbnails' | 'consent-evidence';

const KEY = /^[a-z][a-z0-9-]*\/[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{64}\.[a-z0-9]{2,5}$/;

export function isStorageKey(key: string): boolean {
  return KEY.test(key);
}

export function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** `photos/ab/cd/abcd….jpg`: fans out into folders so no directory grows huge. */
export function contentKey(namespace: StorageNamespace, hash: string, extension: string): string {
  return `${namespace}/${hash.slice(0, 2)}/${hash.slice(2, 4)}/${hash}.${extension}`;
}
