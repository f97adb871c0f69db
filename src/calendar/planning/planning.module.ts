import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogueModule } from '../../catalogue/catalogue.module';
import { InstitutionModule } from '../../institutions/institution.module';
import { LibraryModule } from '../../content/library/library.module';
import { PostsModule } from '../../content/posts/posts.module';
import { TemplatesModule } from '../../content/templates/templates.module';
import { MediaModule } from '../../media/media.module';
import { AccountsModule } from '../../publishing/accounts/accounts.module';
import { IcsFeedController } from '../ics/ics-feed.controller';
import { IcsFeedToken } from '../ics/ics-feed.entity';
import { IcsFeedService } from '../ics/ics-feed.service';
import { PlanImport } from './plan-import.entity';
import { PlanImportService } from './plan-import.service';
import { PlanRowChecker } from './plan-row-checker';
import { PlanWeekService } from './plan-week.service';
import { PlanningController } from './planning.controller';
import { PlanningRepository } from './planning.repository';

/**
 * Planning a week in bulk: import and export of the plan file, copying a week, the week's
 * summary, and the per-user ICS feed. Drafts are composed with the posts feature's own
 * composer (PostDrafts), exported by PostsModule.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([PlanImport, IcsFeedToken]),
    CatalogueModule,
    InstitutionModule,
    MediaModule,
    AccountsModule,
    LibraryModule,
    TemplatesModule,
    PostsModule,
  ],
  controllers: [PlanningController, IcsFeedController],
  providers: [
    PlanningRepository,
    PlanRowChecker,
    PlanImportService,
    PlanWeekService,
    IcsFeedService,
  ],
})
export class PlanningModule {}
