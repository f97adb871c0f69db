import { Module } from '@nestjs/common';
import { SalesImportController } from '../metrics/sales/sales-import.controller';
import { SalesImportRepository } from '../metrics/sales/sales-import.repository';
import { SalesImportService } from '../metrics/sales/sales-import.service';
import { DashboardController } from './dashboard.controller';
import { DashboardRepository } from './dashboard.repository';
import { DashboardService } from './dashboard.service';

/**
 * Management's view: sales figures imported beside interest, the interest ranking, and the
 * monthly dashboards (institution and national). Reads the rollups kept by triggers (see the
 * ReportsSchema migration); DashboardService.build is the one source of the month's numbers.
 */
@Module({
  controllers: [DashboardController, SalesImportController],
  providers: [DashboardRepository, DashboardService, SalesImportRepository, SalesImportService],
  exports: [DashboardService],
})
export class ReportsModule {}
