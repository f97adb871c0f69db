import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from './data-source-options';

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

export async function runMigrations(url: string): Promise<string[]> {
  return withDataSource(url, async (ds) => (await ds.runMigrations()).map((m) => m.name));
}

export async function revertLastMigration(url: string): Promise<void> {
  await withDataSource(url, (ds) => ds.undoLastMigration());
}
