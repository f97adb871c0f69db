import { Module } from '@nestjs/common';
import { MediaModule } from '../../media/media.module';
import { LinksModule } from '../../metrics/links/links.module';
import { PublicCatalogueController } from './public-catalogue.controller';
import { PublicCatalogueRepository } from './public-catalogue.repository';
import { PublicCatalogueService } from './public-catalogue.service';

/** The public, server-rendered catalogue: the "link in bio" and the search-engine entry. */
@Module({
  imports: [MediaModule, LinksModule],
  controllers: [PublicCatalogueController],
  providers: [PublicCatalogueRepository, PublicCatalogueService],
})
export class PublicCatalogueModule {}
