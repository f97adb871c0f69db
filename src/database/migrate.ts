import { DataSource } from 'typeorm';
import { buildDataSourceOptions, DatabaseTarget } from './data-source-options';

/** Arbitrary constant: serialises migration runs of several processes starting at once. */
const MIGRATION_LOCK_KEY = 4_202_611;

export async function withDataSource<T>(
  target: DatabaseTarget,
  work: (ds: DataSource) => Promise<T>,
): Promise<T> {
  const dataSource = new DataSource(buildDataSourceOptions(target, 2));
  await dataSource.initialize();
  try {
    return await work(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

/** The embedded database has one owner process and one connection, so it needs no lock. */
async function underMigrationLock<T>(
  ds: DataSource,
  target: DatabaseTarget,
  work: () => Promise<T>,
): Promise<T> {
  if (target.embedded) return work();
  const lock = ds.createQueryRunner();
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    return await work();
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    await lock.release();
  }
}

export async function runMigrations(target: DatabaseTarget): Promise<string[]> {
  return withDataSource(target, (ds) =>
    underMigrationLock(ds, target, async () => (await ds.runMigrations()).map((m) => m.name)),
  );
}

export async function revertLastMigration(target: DatabaseTarget): Promise<void> {
  await withDataSource(target, (ds) =>
    underMigrationLock(ds, target, () => ds.undoLastMigration()),
  );
}
