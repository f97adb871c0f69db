/** `npm run migration:run` / `migration:revert`, on DATABASE_URL or the embedded database. */
import { loadConfig } from '../config/config';
import { startEmbeddedPostgres } from './embedded-postgres';
import { DatabaseTarget } from './data-source-options';
import { revertLastMigration, runMigrations } from './migrate';

async function main(): Promise<void> {
  const command = process.argv[2];
  if (command !== 'run' && command !== 'revert') {
    throw new Error('usage: cli.js run|revert');
  }
  const config = loadConfig();
  const embedded = config.databaseUrl
    ? undefined
    : await startEmbeddedPostgres(`${config.dataDir}/pglite`, 2);
  const target: DatabaseTarget = { url: config.databaseUrl ?? embedded!.url, embedded: !!embedded };
  try {
    if (command === 'run') {
      const applied = await runMigrations(target);
      console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'No pending migrations.');
    } else {
      await revertLastMigration(target);
      console.log('Reverted the last migration.');
    }
  } finally {
    await embedded?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
