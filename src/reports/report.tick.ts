import { Inject, Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { ReportService } from './report.service';

export const REPORT_TICK = 'monthly-reports';
/** Hourly: the 1st begins at a different UTC hour in each of Indonesia's three zones. */
export const REPORT_TICK_MS = 60 * 60_000;

/** The schedule only (worker processes only); ReportService.generateDue decides what is due. */
@Injectable()
export class ReportTick {
  private readonly logger = new Logger(ReportTick.name);
  private readonly active: boolean;
  private running = false;

  constructor(
    private readonly reports: ReportService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.active = config.role === 'all' || config.role === 'worker';
  }

  @Interval(REPORT_TICK, REPORT_TICK_MS)
  async tick(): Promise<void> {
    // One run at a time in this process; other processes are kept apart by the unique month.
    if (!this.active || this.running) return;
    this.running = true;
    try {
      const stored = await this.reports.generateDue();
      if (stored > 0) this.logger.log(`Stored ${stored} monthly report(s)`);
    } catch (error) {
      this.logger.error(`Listing the monthly reports due failed: ${String(error)}`);
    } finally {
      this.running = false;
    }
  }
}
