import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from './data-source-options';

/** Arbitrary constant: serialises migration runs of several processes starting at once. */
const MIGRATION_LOCK_KEY = 4_202_611;

export async function withDataSource<T>(
  url: string,
  work: (ds: DataSource) => Promise<T>,
): Promise<T> {
  const dataSource = new DataSource(buildDataSourceOptions(url, 2));
  await dataSource.initialize();
  try {
    return await work(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

async function underMigrationLock<T>(ds: DataSource, work: () => Promise<T>): Promise<T> {
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

export async function runMigrations(url: string): Promise<string[]> {
  return withDataSource(url, (ds) =>
    underMigrationLock(ds, async () => (await ds.runMigrations()).map((m) => m.name)),
  );
}

export async function revertLastMigration(url: string): Promise<void> {
  await withDataSource(url, (ds) => underMigrationLock(ds, () => ds.undoLastMigration()));
}
