import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { Client, ClientConfig } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDataSourceOptions } from 'typeorm/driver/postgres/PostgresDataSourceOptions';
import { runsBackgroundJobs } from '../../common/worker-tick';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { backoffMs, RetryPolicy } from '../dispatcher/retry-policy';
import { DueSignal } from './due-signal';
import { DUE_CHANNEL, parseDueTime } from './due-time';

/** Names the connection in pg_stat_activity, so it can be told apart from the pool's. */
export const DUE_LISTENER_APPLICATION_NAME = 'karya-due-listener';

/**
 * A lost connection is retried after ½–1 s, doubling to at most 30 s and never giving up; the
 * jitter keeps workers that lost the server together from returning together.
 */
const RECONNECT: RetryPolicy = {
  baseDelayMs: 1_000,
  maxDelayMs: 30_000,
  maxAttempts: Infinity,
};

/**
 * Worker processes on a PostgreSQL server hear the doorbell rung in other processes: one
 * dedicated connection (LISTEN holds its session, so it cannot come from the pool) passes every
 * due time on the channel to this process's DueSignal. While the connection is down, rings are
 * missed and the dispatcher's tick finds those targets instead. A process also hears its own
 * rings; that is harmless: the dispatcher keeps its earliest wake-up, and a second pump at the
 * same time finds nothing more to claim.
 */
@Injectable()
export class DueSignalListener implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(DueSignalListener.name);
  private readonly active: boolean;
  /** The current connection; an event from any other (replaced or closed) one is ignored. */
  private client: Client | null = null;
  private failures = 0;
  private reconnect: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly due: DueSignal,
  ) {
    this.active = Boolean(config.databaseUrl) && runsBackgroundJobs(config);
  }

  /** Waits for the first attempt, so a booted worker hears rings; a failure retries later. */
  async onApplicationBootstrap(): Promise<void> {
    if (this.active) await this.connect();
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    if (this.reconnect) clearTimeout(this.reconnect);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    // The app's own connection settings, whatever built them; TypeORM hands `ssl` to pg as is.
    const { url, ssl, extra } = this.dataSource.options as PostgresDataSourceOptions;
    const client = new Client({
      connectionString: url,
      ssl: ssl as ClientConfig['ssl'],
      connectionTimeoutMillis: extra?.connectionTimeoutMillis,
      application_name: DUE_LISTENER_APPLICATION_NAME,
      // The connection idles between rings: keepalives notice a peer that vanished silently.
      keepAlive: true,
    });
    this.client = client;
    client.on('notification', ({ channel, payload }) => {
      const at = channel === DUE_CHANNEL ? parseDueTime(payload) : null;
      if (at) this.due.wake(at);
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('connection closed')));
    try {
      await client.connect();
      await client.query(`LISTEN ${DUE_CHANNEL}`);
      if (this.failures > 0) this.logger.log('listening for due times again');
      this.failures = 0;
    } catch (error) {
      this.lost(client, error);
    }
  }

  private lost(client: Client, error: unknown): void {
    if (client !== this.client) return;
    this.client = null;
    void client.end().catch(() => undefined);
    if (this.closed) return;
    this.failures += 1;
    const delay = backoffMs(this.failures, Math.random(), RECONNECT);
    this.logger.warn(`due-time listener lost (${String(error)}); reconnecting in ${delay} ms`);
    this.reconnect = setTimeout(() => {
      this.reconnect = null;
      void this.connect();
    }, delay);
    this.reconnect.unref();
  }
}
