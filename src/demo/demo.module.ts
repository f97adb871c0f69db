import { Module } from '@nestjs/common';
import { CatalogueModule } from '../catalogue/catalogue.module';
import { LibraryModule } from '../content/library/library.module';
import { InstitutionModule } from '../institutions/institution.module';
import { MediaModule } from '../media/media.module';
import { MetricsModule } from '../metrics/metrics.module';
import { AccountsModule } from '../publishing/accounts/accounts.module';
import { UserModule } from '../users/user.module';
import { DemoMetricsHistory } from './demo-metrics-history';
import { DemoSeedService } from './demo-seed.service';
import { DemoRepository } from './demo.repository';

@Module({
  imports: [
    InstitutionModule,
    UserModule,
    CatalogueModule,
    MediaModule,
    LibraryModule,
    AccountsModule,
    MetricsModule,
  ],
  providers: [DemoSeedService, DemoRepository, DemoMetricsHistory],
  exports: [DemoSeedService],
})
export class DemoModule {}
