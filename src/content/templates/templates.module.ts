import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BuiltInTemplateSync } from './builtin-template-sync';
import { ImageTemplateController } from './image-template.controller';
import { ImageTemplate } from './image-template.entity';
import { ImageTemplateRepository } from './image-template.repository';
import { ImageTemplateService } from './image-template.service';

/** Image templates: built-ins synced at start-up, and the institutions' own versioned ones. */
@Module({
  imports: [TypeOrmModule.forFeature([ImageTemplate])],
  controllers: [ImageTemplateController],
  providers: [ImageTemplateRepository, ImageTemplateService, BuiltInTemplateSync],
  exports: [ImageTemplateService],
})
export class TemplatesModule {}
