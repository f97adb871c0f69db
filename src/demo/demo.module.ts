import { Module } from '@nestjs/common';
import { CatalogueModule } from '../catalogue/catalogue.module';
import { LibraryModule } from '../content/library/library.module';
import { InstitutionModule } from '../institutions/institution.module';
import { MediaModule } from '../media/media.module';
import { AccountsModule } from '../publishing/accounts/accounts.module';
import { UserModule } from '../users/user.module';
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
  ],
  providers: [DemoSeedService, DemoRepository],
  exports: [DemoSeedService],
})
export class DemoModule {}
