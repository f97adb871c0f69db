import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { Client } from 'pg';
import { MIGRATIONS } from '../../migrations';
import { revertLastMigration, runMigrations, withDataSource } from '../../src/database/migrate';

/** A scratch database of the same kind as the test run's, so up/down never touches shared data. */
async function scratchDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const name = `karya_migrations_${process.pid}`;
    const admin = new Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      drop: async () => {
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      },
    };
  }
  const db = await PGlite.create();
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 4 });
  await server.start();
  return {
    url: `postgresql://postgres:postgres@${server.getServerConn()}/postgres`,
    drop: async () => {
      await server.stop();
      await db.close();
    },
  };
}

async function tableNames(url: string): Promise<string[]> {
  return withDataSource(url, async (ds) => {
    const rows: { table_name: string }[] = await ds.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations' ORDER BY 1`,
    );
    return rows.map((r) => r.table_name);
  });
}

describe('migrations', () => {
  let scratch: { url: string; drop: () => Promise<void> };
  beforeAll(async () => {
    scratch = await scratchDatabase();
  }, 60_000);
  afterAll(async () => scratch.drop());

  it('run up, down to nothing, and up again', async () => {
    const applied = await runMigrations(scratch.url);
    expect(applied).toHaveLength(MIGRATIONS.length);
    const tables = await tableNames(scratch.url);
    expect(tables).toEqual(
      expect.arrayContaining(['institutions', 'users', 'products', 'media_assets', 'audit_log']),
    );

    for (let i = 0; i < MIGRATIONS.length; i++) await revertLastMigration(scratch.url);
    expect(await tableNames(scratch.url)).toEqual([]);

    expect(await runMigrations(scratch.url)).toHaveLength(MIGRATIONS.length);
    expect(await tableNames(scratch.url)).toEqual(tables);
    expect(await runMigrations(scratch.url)).toEqual([]);
  }, 120_000);
});
