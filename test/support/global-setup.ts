/**
 * One database per test run: the real PostgreSQL named by TEST_DATABASE_URL (schema reset
 * first), or an in-memory PGlite served over the wire protocol. Migrations run once here;
 * tests isolate themselves by creating their own institutions.
 */
// Before sharp loads anywhere: rendered text must use the bundled fonts.
import '../../src/config/fontconfig';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { Client } from 'pg';
import { runMigrations } from '../../src/database/migrate';

declare global {
  var __KARYA_PGLITE__: { server: PGLiteSocketServer; db: PGlite } | undefined;
}

export default async function globalSetup(): Promise<void> {
  let url = process.env.TEST_DATABASE_URL;
  if (url) {
    const client = new Client({ connectionString: url });
    await client.connect();
    await client.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
    await client.end();
  } else {
    const db = await PGlite.create();
    const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 10 });
    await server.start();
    url = `postgresql://postgres:postgres@${server.getServerConn()}/postgres`;
    globalThis.__KARYA_PGLITE__ = { server, db };
  }
  process.env.KARYA_TEST_DATABASE_URL = url;
  await runMigrations({ url, embedded: !process.env.TEST_DATABASE_URL });
  console.log(
    `\nTests use ${process.env.TEST_DATABASE_URL ? 'PostgreSQL (TEST_DATABASE_URL)' : 'embedded PGlite'}`,
  );
}
