import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { Response } from 'express';

/**
 * A cached view (a calendar week, a dashboard) as sent: the JSON, also gzipped once (a week of
 * a busy institution is some 200 kB of JSON and 10 % of that gzipped), and an ETag from a hash
 * of the JSON, weak because both encodings share it.
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
 * A serialised view as is, gzipped when the client takes gzip (browsers do). Express answers
 * 304 itself when If-None-Match holds the ETag.
 */
export function sendView(res: Response, view: SerialisedView): void {
  const gzip = res.req.acceptsEncodings('gzip', 'identity') === 'gzip';
  res.setHeader('ETag', view.etag);
  res.setHeader('Cache-Control', 'private, no-cache');
  res.setHeader('Vary', 'Accept-Encoding');
  if (gzip) res.setHeader('Content-Encoding', 'gzip');
  res.type('application/json').send(gzip ? view.gzip : view.json);
}

/**
 * Least-recently-used store of serialised views, bounded by their total size in bytes. Keys carry
 * a version the database bumps on every change to what the view shows (the institution's
 * calendar version, its dashboard version), so an entry never needs invalidating: a change makes
 * new keys and old entries age out.
 */
export class ViewCache {
  private readonly entries = new Map<string, SerialisedView>();
  private readonly building = new Map<string, Promise<SerialisedView>>();
  private size = 0;

  constructor(private readonly maxBytes: number) {}

  /**
   * The view under `key`, built, serialised and kept on a miss. After a change everyone looking
   * misses at once: concurrent misses of a key share one build.
   */
  view(key: string, build: () => Promise<unknown>): Promise<SerialisedView> {
    const cached = this.get(key);
    if (cached) return Promise.resolve(cached);
    let building = this.building.get(key);
    if (!building) {
      building = build()
        .then((view) => {
          const serialised = serialiseView(view);
          this.set(key, serialised);
          return serialised;
        })
        .finally(() => this.building.delete(key));
      this.building.set(key, building);
    }
    return building;
  }

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
