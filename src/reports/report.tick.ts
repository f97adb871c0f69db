import { Inject, Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { WorkerTick } from '../common/worker-tick';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { ReportService } from './report.service';

export const REPORT_TICK = 'monthly-reports';
/** Hourly: the 1st begins at a different UTC hour in each of Indonesia's three zones. */
export const REPORT_TICK_MS = 60 * 60_000;

/** The schedule only; ReportService.generateDue decides what is due (the unique month keeps processes apart). */
@Injectable()
export class ReportTick extends WorkerTick {
  private readonly log = new Logger(ReportTick.name);

  constructor(
    private readonly reports: ReportService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    super(config, 'Monthly reports');
  }

  @Interval(REPORT_TICK, REPORT_TICK_MS)
  tick(): Promise<void> {
    return this.run();
  }

  protected async work(): Promise<void> {
    const stored = await this.reports.generateDue();
    if (stored > 0) this.log.log(`Stored ${stored} monthly report(s)`);
  }
}
