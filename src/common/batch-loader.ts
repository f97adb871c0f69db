import DataLoader from 'dataloader';

/** Keys per statement: large claimed batches still make short statements. */
const MAX_BATCH = 500;

/**
 * Calls made in the same event-loop turn share one statement: the targets of one claim read their
 * accounts and images, and write their attempt rows, in one round trip each instead of one per
 * target, so a burst of due posts does not queue hundreds of tiny queries for the connection pool.
 * Nothing is cached between batches: rows change.
 *
 * `batch` answers in the order of its keys (DataLoader's contract).
 */
export class BatchLoader<K, V> {
  private readonly loader: DataLoader<K, V>;

  constructor(batch: (keys: readonly K[]) => Promise<V[]>) {
    this.loader = new DataLoader<K, V>(batch, {
      cache: false,
      maxBatchSize: MAX_BATCH,
      // After all the callbacks of this event-loop turn, not after each one.
      batchScheduleFn: (dispatch) => setImmediate(dispatch),
    });
  }

  load(key: K): Promise<V> {
    return this.loader.load(key);
  }

  /** All or nothing: a failed batch throws instead of leaving Error values in the result. */
  async loadMany(keys: readonly K[]): Promise<V[]> {
    if (keys.length === 0) return [];
    const results = await this.loader.loadMany(keys);
    const failed = results.find((r): r is Error => r instanceof Error);
    if (failed) throw failed;
    return results as V[];
  }
}
