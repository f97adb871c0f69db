/**
 * Interleaving two transactions on a PostgreSQL server: a lock held on a connection of its own
 * stops the first one at a chosen statement while the second catches up, then lets it go.
 */
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { testDatabaseUrl } from './db';
import { waitUntil } from './live-fixtures';

export interface HeldLock {
  /** The backend holding the lock. */
  pid: number;
  release: () => Promise<void>;
}

/** Runs `sql` in a transaction on a new connection and keeps it open until `release()`. */
export async function holdLock(sql: string, params: unknown[] = []): Promise<HeldLock> {
  const client = new Client({ connectionString: testDatabaseUrl() });
  await client.connect();
  await client.query('BEGIN');
  await client.query(sql, params);
  const [{ pid }] = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows;
  return {
    pid,
    release: async () => {
      await client.query('ROLLBACK');
      await client.end();
    },
  };
}

/**
 * Resolves once `count` sessions wait behind `held`, directly or behind one another (other test
 * files may be waiting for locks of their own in the same database).
 */
export async function lockWaiters(
  dataSource: DataSource,
  held: HeldLock,
  count: number,
): Promise<void> {
  await waitUntil(
    async () => {
      const [{ waiting }]: { waiting: number }[] = await dataSource.query(
        `WITH RECURSIVE behind (pid) AS (
           SELECT pid FROM pg_stat_activity WHERE $1 = ANY (pg_blocking_pids(pid))
           UNION
           SELECT a.pid FROM pg_stat_activity a JOIN behind b ON b.pid = ANY (pg_blocking_pids(a.pid)))
         SELECT count(*)::int AS waiting FROM behind`,
        [held.pid],
      );
      return waiting >= count;
    },
    10_000,
    `${count} sessions waiting behind the held lock`,
  );
}
