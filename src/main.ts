// Fonts for rendered images must be configured before sharp is first loaded.
import './config/fontconfig';
import { join } from 'node:path';
import { createApp } from './app.factory';
import { describeConfig, loadConfig } from './config/config';
import { startEmbeddedPostgres } from './database/embedded-postgres';
import { runMigrations } from './database/migrate';
import { DemoLogin, DemoSeedService } from './demo/demo-seed.service';

function printDemoLogins(logins: DemoLogin[]): void {
  console.log(`Demo logins (password for all: ${logins[0].password}):`);
  for (const login of logins) console.log(`  ${login.role.padEnd(17)} ${login.email}`);
}

async function main(): Promise<void> {
  const startedAt = Date.now();
  const config = loadConfig();
  const embedded = config.databaseUrl
    ? undefined
    : await startEmbeddedPostgres(join(config.dataDir, 'pglite'));
  const database = { url: config.databaseUrl ?? embedded!.url, embedded: !!embedded };
  await runMigrations(database);

  const app = await createApp(config, database);
  let closing = false;
  const shutdown = async (): Promise<void> => {
    if (closing) return;
    closing = true;
    await app.close();
    await embedded?.stop();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown());
  process.once('SIGINT', () => void shutdown());

  await app.listen(config.port);
  const demo = app.get(DemoSeedService);
  if (config.demoSeed && config.role !== 'worker') await demo.seedIfEmpty();
  const settings = describeConfig(config);
  console.log(
    `Karya is running at ${config.publicBaseUrl} (${settings.database}, ready in ${Date.now() - startedAt} ms)`,
  );
  if (!config.isProduction && (await demo.isSeeded())) printDemoLogins(demo.logins);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
