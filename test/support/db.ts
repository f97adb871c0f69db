import { DataSource } from 'typeorm';
import { buildDataSourceOptions, DatabaseTarget } from '../../src/database/data-source-options';

export function testDatabaseUrl(): string {
  const url = process.env.KARYA_TEST_DATABASE_URL;
  if (!url) throw new Error('KARYA_TEST_DATABASE_URL is not set: run tests through npm test');
  return url;
}

/** The run's database: embedded PGlite unless TEST_DATABASE_URL names a server. */
export function testDatabase(): DatabaseTarget {
  return { url: testDatabaseUrl(), embedded: !process.env.TEST_DATABASE_URL };
}

/** A plain DataSource on the test database, for tests that need SQL without the app. */
export async function openTestDataSource(): Promise<DataSource> {
  const dataSource = new DataSource(buildDataSourceOptions(testDatabase(), 4));
  await dataSource.initialize();
  return dataSource;
}
