/**
 * The doorbell across processes: on a PostgreSQL server a due time rung in one app reaches the
 * worker processes through LISTEN/NOTIFY, also after their connection drops; an app on the
 * embedded database (no DATABASE_URL) rings only itself. PostgreSQL only: the embedded database
 * belongs to one process.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { Test } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../src/config/config';
import { ConfigModule } from '../../src/config/config.module';
import { buildDataSourceOptions } from '../../src/database/data-source-options';
import { DueSignal } from '../../src/publishing/due-signal/due-signal';
import { DUE_LISTENER_APPLICATION_NAME } from '../../src/publishing/due-signal/due-signal-listener';
import { DueSignalModule } from '../../src/publishing/due-signal/due-signal.module';
import { createTestApp, TestApp } from '../support/app';
import { testDatabase } from '../support/db';
import { waitUntil } from '../support/live-fixtures';

const databaseUrl = process.env.TEST_DATABASE_URL;
if (!databaseUrl)
  console.warn('due-signal: skipped, TEST_DATABASE_URL is not set (needs PostgreSQL)');
const describeOnPostgres = databaseUrl ? describe : describe.skip;

interface Doorbell {
  due: DueSignal;
  dataSource: DataSource;
  /** The times this process's dispatcher would have been woken for. */
  heard: Date[];
  close: () => Promise<void>;
}

let api: TestApp;
const opened: Doorbell[] = [];

/**
 * Another process's doorbell alone (no HTTP, no ticks). One pooled connection, so a query
 * awaited after a ring runs after that ring's notification, if one was sent.
 */
async function doorbell(config: AppConfig): Promise<Doorbell> {
  const moduleRef = await Test.createTestingModule({
    imports: [
      ConfigModule.forRoot(config),
      TypeOrmModule.forRoot(buildDataSourceOptions(testDatabase(), 1)),
      DueSignalModule,
    ],
  }).compile();
  moduleRef.useLogger(false);
  await moduleRef.init();
  const bell: Doorbell = {
    due: moduleRef.get(DueSignal),
    dataSource: moduleRef.get(DataSource),
    heard: [],
    close: () => moduleRef.close(),
  };
  bell.due.listen((at) => bell.heard.push(at));
  opened.push(bell);
  return bell;
}

const soon = (ms: number) => new Date(Date.now() + ms);

async function heardWithin(bell: Doorbell, at: Date, ms = 5_000): Promise<void> {
  await waitUntil(
    async () => bell.heard.some((time) => time.getTime() === at.getTime()),
    ms,
    `${at.toISOString()} to be heard`,
  );
}

async function listenerPids(): Promise<number[]> {
  const rows: { pid: number }[] = await api.dataSource.query(
    `SELECT pid FROM pg_stat_activity
     WHERE application_name = $1 AND datname = current_database()`,
    [DUE_LISTENER_APPLICATION_NAME],
  );
  return rows.map((row) => row.pid);
}

describeOnPostgres('due signal across processes', () => {
  beforeAll(async () => {
    api = await createTestApp({ env: { ROLE: 'api', DATABASE_URL: databaseUrl as string } });
  });

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((bell) => bell.close()));
  });

  afterAll(async () => {
    await api?.close();
  });

  it('wakes a worker process at the earliest time rung in the api process', async () => {
    const worker = await doorbell({ ...api.config, role: 'worker' });
    const earliest = soon(2_000);

    api.app.get(DueSignal).fallsDue(soon(60_000), earliest, soon(30_000));

    await heardWithin(worker, earliest);
    expect(worker.heard).toEqual([earliest]);
  });

  it('keeps one listening connection per worker process and none in api processes', async () => {
    expect(await listenerPids()).toEqual([]);
    await doorbell({ ...api.config, role: 'worker' });
    await doorbell({ ...api.config, role: 'all' });

    expect(await listenerPids()).toHaveLength(2);
  });

  it('hears rings again after its connection is cut', async () => {
    const worker = await doorbell({ ...api.config, role: 'worker' });
    const [first] = await listenerPids();
    await api.dataSource.query('SELECT pg_terminate_backend($1)', [first]);

    await waitUntil(
      async () => (await listenerPids()).some((pid) => pid !== first),
      10_000,
      'the listener to reconnect',
    );
    const at = soon(1_000);
    api.app.get(DueSignal).fallsDue(at);
    await heardWithin(worker, at);
  });

  it('on the embedded database (no DATABASE_URL) wakes only its own process', async () => {
    const worker = await doorbell({ ...api.config, role: 'worker' });
    const embedded = await doorbell({ ...api.config, databaseUrl: undefined, role: 'all' });
    const local = soon(1_000);

    embedded.due.fallsDue(local);
    // Anything the embedded app sent is delivered before a ring sent after this query.
    await embedded.dataSource.query('SELECT 1');
    const marker = soon(2_000);
    api.app.get(DueSignal).fallsDue(marker);
    await heardWithin(worker, marker);

    expect(embedded.heard).toEqual([local]);
    expect(worker.heard).toEqual([marker]);
    expect(await listenerPids()).toHaveLength(1);
  });
});
