/**
 * Child process that serves an embedded, file-backed PGlite over the PostgreSQL wire protocol,
 * so the app uses the very same `pg` driver, SQL and migrations as on a real server.
 * Started by embedded-postgres.ts; reports its port over IPC and stops when the parent goes.
 */
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface PgliteServerReady {
  type: 'ready';
  port: number;
}

async function main(): Promise<void> {
  const [dataDir, maxConnectionsArg] = process.argv.slice(2);
  mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir);
  const maxConnections = Number(maxConnectionsArg) || 10;
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections });
  await server.start();
  const address = server.getServerConn();
  const port = Number(address.split(':').pop());

  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await server.stop();
    // Closing flushes PGlite's files; skipping it risks a dirty data directory.
    await db.close();
    process.exit(0);
  };
  process.on('disconnect', () => void stop());
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
  process.on('message', (message) => {
    if (message === 'stop') void stop();
  });
  process.send?.({ type: 'ready', port } satisfies PgliteServerReady);
}

main().catch((error: unknown) => {
  console.error('Embedded PostgreSQL failed to start:', error);
  process.exit(1);
});
