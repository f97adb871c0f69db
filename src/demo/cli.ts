/** `npm run seed:demo`: creates the demo institution on DATABASE_URL or the embedded database. */
import { NestFactory } from '@nestjs/core';
import { join } from 'node:path';
import { AppModule } from '../app.module';
import { loadConfig } from '../config/config';
import { startEmbeddedPostgres } from '../database/embedded-postgres';
import { runMigrations } from '../database/migrate';
import { DemoSeedService } from './demo-seed.service';

async function main(): Promise<void> {
  const config = loadConfig();
  if (config.isProduction) throw new Error('seed:demo is refused when NODE_ENV=production');
  const embedded = config.databaseUrl
    ? undefined
    : await startEmbeddedPostgres(join(config.dataDir, 'pglite'), 4);
  const database = { url: config.databaseUrl ?? embedded!.url, embedded: !!embedded };
  try {
    await runMigrations(database);
    const app = await NestFactory.createApplicationContext(AppModule.forRoot(config, database), {
      logger: ['error'],
    });
    const demo = app.get(DemoSeedService);
    await demo.seed();
    console.log('Demo institution ready: Lapas Kelas I Cipinang');
    for (const login of demo.logins)
      console.log(`  ${login.role.padEnd(17)} ${login.email} / ${login.password}`);
    await app.close();
  } finally {
    await embedded?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
