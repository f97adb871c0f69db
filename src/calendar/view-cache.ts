import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';

/**
 * A calendar view as sent: the JSON, also gzipped once (a week of a busy institution is some
 * 200 kB of JSON and 10 % of that gzipped), and an ETag from a hash of the JSON, weak because
 * both encodings share it.
 */
export interface SerialisedView {
  json: Buffer;
  gzip: Buffer;
  etag: string;
}

export function serialiseView(view: unknown): SerialisedView {
  const json = Buffer.from(JSON.stringify(view));
  const etag = `W/"${createHash('sha256').update(json).digest('base64url').slice(0, 27)}"`;
  return { json, gzip: gzipSync(json), etag };
}

function sizeOf(view: SerialisedView): number {
  return view.json.length + view.gzip.length;
}

/**
 * Least-recently-used store of serialised views, bounded by their total size in bytes. Keys carry the
 * institution's calendar version, which the database bumps on every committed change, so an
 * entry never needs invalidating: a change makes new keys and old entries age out.
 */
export class ViewCache {
  private readonly entries = new Map<string, SerialisedView>();
  private size = 0;

  constructor(private readonly maxBytes: number) {}

  get(key: string): SerialisedView | undefined {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  set(key: string, view: SerialisedView): void {
    if (sizeOf(view) > this.maxBytes) return;
    this.delete(key);
    this.entries.set(key, view);
    this.size += sizeOf(view);
    for (const oldest of this.entries.keys()) {
      if (this.size <= this.maxBytes) break;
      this.delete(oldest);
    }
  }

  get totalBytes(): number {
    return this.size;
  }

  private delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.size -= sizeOf(entry);
  }
}
