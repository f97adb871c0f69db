import { Logger, OnModuleDestroy } from '@nestjs/common';
import type { AppConfig } from '../config/config';

/** Whether this process runs the background jobs (ROLE=all or ROLE=worker). */
export function runsBackgroundJobs(config: AppConfig): boolean {
  return config.role === 'all' || config.role === 'worker';
}

/**
 * A periodic job: runs only in processes that run background jobs, one run at a time in each
 * (other processes are kept apart by the job's own locks), and shutdown waits for the run in
 * progress. Subclasses put the schedule (@Interval) on a method that calls `run()`.
 */
export abstract class WorkerTick implements OnModuleDestroy {
  private readonly logger: Logger;
  private readonly active: boolean;
  private running: Promise<void> | null = null;

  protected constructor(
    config: AppConfig,
    private readonly job: string,
  ) {
    this.logger = new Logger(job);
    this.active = runsBackgroundJobs(config);
  }

  /** One run of the job; what it logs on success is its own business. */
  protected abstract work(): Promise<void>;

  protected run(): Promise<void> {
    if (!this.active || this.running) return Promise.resolve();
    this.running = this.work()
      .catch((error: unknown) => this.logger.error({ err: error }, `${this.job} failed`))
      .finally(() => (this.running = null));
    return this.running;
  }

  async onModuleDestroy(): Promise<void> {
    await this.running;
  }
}
