import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../migrations';

export const MIGRATIONS_TABLE = 'migrations';

/** One set of options for the app, the migration CLI and the tests. */
export function buildDataSourceOptions(url: string, poolSize = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    synchronize: false,
    migrationsRun: false,
    migrations: MIGRATIONS,
    migrationsTableName: MIGRATIONS_TABLE,
    migrationsTransactionMode: 'each',
    // PGlite has no uuid-ossp; the schema uses gen_random_uuid().
    installExtensions: false,
    extra: {
      max: poolSize,
      // Turns a hang (e.g. a transaction waiting on PGlite's single session) into an error.
      connectionTimeoutMillis: 15_000,
    },
  };
}
