import { Module } from '@nestjs/common';
import { ReportController } from './report.controller';
import { ReportRepository } from './report.repository';
import { ReportService } from './report.service';
import { ReportTick } from './report.tick';
import { ReportsModule } from './reports.module';

/** Monthly reports (PDF, CSV, XLSX) drawn from DashboardService.build and kept per month. */
@Module({
  imports: [ReportsModule],
  controllers: [ReportController],
  providers: [ReportRepository, ReportService, ReportTick],
})
export class MonthlyReportsModule {}
