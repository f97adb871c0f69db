import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { configureApp } from '../../src/app.factory';
import { Clock, FrozenClock, SystemClock } from '../../src/common/clock';
import { AppConfig, loadConfig } from '../../src/config/config';
import { testDatabase } from './db';

export interface TestApp {
  app: NestExpressApplication;
  config: AppConfig;
  dataSource: DataSource;
  clock: Clock;
  /** supertest against the app's HTTP server */
  http: () => ReturnType<typeof request>;
  close: () => Promise<void>;
}

export interface TestAppOptions {
  clock?: FrozenClock;
  env?: Record<string, string>;
}

/** The whole AppModule on the test database, with a private DATA_DIR. */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'karya-test-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    DEMO_SEED: 'false',
    // No scheduled ticks unless a test asks for them (it then calls the jobs itself or sets ROLE).
    ROLE: 'api',
    PUBLIC_BASE_URL: 'http://127.0.0.1:3999',
    ...options.env,
  });
  const clock = options.clock ?? new SystemClock();
  const moduleRef = await Test.createTestingModule({
    imports: [AppModule.forRoot(config, testDatabase())],
  })
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({
    bodyParser: false,
    logger: false,
  });
  configureApp(app);
  await app.init();
  return {
    app,
    config,
    dataSource: app.get(DataSource),
    clock,
    http: () => request(app.getHttpServer()),
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
