import { ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import type { PgliteServerReady } from './pglite-server';

export interface EmbeddedPostgres {
  readonly url: string;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 60_000;

/**
 * Starts PGlite in a child process (keeps the app process small and its event loop free)
 * and resolves with a postgres:// URL for it.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  maxConnections = 10,
): Promise<EmbeddedPostgres> {
  const child: ChildProcess = fork(
    join(__dirname, 'pglite-server.js'),
    [dataDir, String(maxConnections)],
    {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('Embedded PostgreSQL did not start in time')),
      START_TIMEOUT_MS,
    );
    child.once('message', (message: PgliteServerReady) => {
      clearTimeout(timer);
      resolve(message.port);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Embedded PostgreSQL exited with code ${code}`));
    });
  });
  return {
    url: `postgresql://postgres:postgres@127.0.0.1:${port}/postgres`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.send('stop');
      }),
  };
}
