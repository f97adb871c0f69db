import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogueModule } from '../../catalogue/catalogue.module';
import { InstitutionModule } from '../../institutions/institution.module';
import { MediaModule } from '../../media/media.module';
import { TemplatesModule } from '../templates/templates.module';
import { PublicRenderController } from './public-render.controller';
import { RenderInputLoader } from './render-input.loader';
import { RenderPreviewService } from './render-preview.service';
import { RenderController } from './render.controller';
import { Render } from './render.entity';
import { RenderRepository } from './render.repository';
import { RenderService } from './render.service';
import { PublicRenderService } from './public-render.service';

/** Rendered images: cached by content, served publicly by unguessable token. */
@Module({
  imports: [
    TypeOrmModule.forFeature([Render]),
    TemplatesModule,
    CatalogueModule,
    InstitutionModule,
    MediaModule,
  ],
  controllers: [RenderController, PublicRenderController],
  providers: [
    RenderRepository,
    RenderInputLoader,
    RenderService,
    RenderPreviewService,
    PublicRenderService,
  ],
  exports: [RenderService],
})
export class RendersModule {}
