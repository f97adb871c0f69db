import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { DUE_CHANNEL } from './due-time';

/**
 * Publishing's doorbell. Whatever makes post targets fall due — scheduling, moving or queueing a
 * post, resuming after a pause, the retry button — rings it once its transaction has committed,
 * and this process's dispatcher wakes at that time instead of at its next tick. On a PostgreSQL
 * server the ring is also a NOTIFY, which DueSignalListener hands to the dispatchers of the
 * worker processes; the embedded database belongs to one process, so there it stays local.
 */
@Injectable()
export class DueSignal {
  private readonly logger = new Logger(DueSignal.name);
  private readonly notifies: boolean;
  private listener: ((at: Date) => void) | null = null;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly dataSource: DataSource,
  ) {
    this.notifies = Boolean(config.databaseUrl);
  }

  /** The dispatcher listens; there is one per process. */
  listen(listener: (at: Date) => void): void {
    this.listener = listener;
  }

  /** Targets fall due at these times (call after the commit that set them). */
  fallsDue(...times: Date[]): void {
    if (times.length === 0) return;
    const at = new Date(Math.min(...times.map((time) => time.getTime())));
    this.wake(at);
    if (this.notifies) this.notify(at);
  }

  /** Wakes this process only: for rings heard from the database, which must not be sent on. */
  wake(at: Date): void {
    this.listener?.(at);
  }

  /**
   * Fire and forget: the change has committed and the ring is only a shortcut (the workers' tick
   * finds the targets anyway), so a failure is logged and never reaches the caller.
   */
  private notify(at: Date): void {
    this.dataSource
      .query('SELECT pg_notify($1, $2)', [DUE_CHANNEL, at.toISOString()])
      .catch((error: unknown) =>
        this.logger.warn(`due-time notification not sent: ${String(error)}`),
      );
  }
}
