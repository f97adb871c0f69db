import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { Client } from 'pg';
import { MIGRATIONS } from '../../migrations';
import { DatabaseTarget } from '../../src/database/data-source-options';
import { revertLastMigration, runMigrations, withDataSource } from '../../src/database/migrate';

/** A scratch database of the same kind as the test run's, so up/down never touches shared data. */
async function scratchDatabase(): Promise<DatabaseTarget & { drop: () => Promise<void> }> {
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
      embedded: false,
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
    embedded: true,
    drop: async () => {
      await server.stop();
      await db.close();
    },
  };
}

async function tableNames(target: DatabaseTarget): Promise<string[]> {
  return withDataSource(target, async (ds) => {
    const rows: { table_name: string }[] = await ds.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations' ORDER BY 1`,
    );
    return rows.map((r) => r.table_name);
  });
}

describe('migrations', () => {
  let scratch: DatabaseTarget & { drop: () => Promise<void> };
  beforeAll(async () => {
    scratch = await scratchDatabase();
  }, 60_000);
  afterAll(async () => scratch.drop());

  it('run up, down to nothing, and up again', async () => {
    const applied = await runMigrations(scratch);
    expect(applied).toHaveLength(MIGRATIONS.length);
    const tables = await tableNames(scratch);
    expect(tables).toEqual(
      expect.arrayContaining(['institutions', 'users', 'products', 'media_assets', 'audit_log']),
    );

    for (let i = 0; i < MIGRATIONS.length; i++) await revertLastMigration(scratch);
    expect(await tableNames(scratch)).toEqual([]);

    expect(await runMigrations(scratch)).toHaveLength(MIGRATIONS.length);
    expect(await tableNames(scratch)).toEqual(tables);
    expect(await runMigrations(scratch)).toEqual([]);
  }, 120_000);
});
