import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../migrations';

export const MIGRATIONS_TABLE = 'migrations';

/** Where the data lives: a PostgreSQL server, or the embedded PGlite behind its socket. */
export interface DatabaseTarget {
  url: string;
  embedded: boolean;
}

const SERVER_POOL_SIZE = 10;

/**
 * One set of options for the app, the migration CLI and the tests. The embedded database gets a
 * single connection: PGlite is one session underneath, and its socket server interleaves the
 * extended-protocol messages of concurrent connections (an open upstream bug), so several
 * connections would buy no throughput and risk mixed-up statements.
 */
export function buildDataSourceOptions(
  target: DatabaseTarget,
  serverPoolSize = SERVER_POOL_SIZE,
): DataSourceOptions {
  return {
    type: 'postgres',
    url: target.url,
    synchronize: false,
    migrationsRun: false,
    migrations: MIGRATIONS,
    migrationsTableName: MIGRATIONS_TABLE,
    migrationsTransactionMode: 'each',
    // PGlite has no uuid-ossp; the schema uses gen_random_uuid().
    installExtensions: false,
    extra: {
      max: target.embedded ? 1 : serverPoolSize,
      // Turns a hang (e.g. a query waiting for the single embedded connection) into an error.
      connectionTimeoutMillis: 15_000,
    },
  };
}
