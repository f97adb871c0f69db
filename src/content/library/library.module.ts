import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { InstitutionModule } from '../../institutions/institution.module';
import { CaptionTemplateController } from './caption-template.controller';
import { CaptionTemplate } from './caption-template.entity';
import { CaptionTemplateService } from './caption-template.service';
import { DignityWordController } from './dignity-word.controller';
import { DignityWord } from './dignity-word.entity';
import { DignityWordService } from './dignity-word.service';
import { DignityController } from './dignity.controller';
import { DignityService } from './dignity.service';
import { HashtagGroupController } from './hashtag-group.controller';
import { HashtagGroup } from './hashtag-group.entity';
import { HashtagGroupService } from './hashtag-group.service';
import { LibraryDefaultsService } from './library-defaults.service';
import { LibraryRepository } from './library.repository';
import { ProtectedNameController } from './protected-name.controller';
import { ProtectedName } from './protected-name.entity';
import { ProtectedNameService } from './protected-name.service';

/**
 * The content library: caption templates, hashtag groups, and the dignity check's institution
 * data (protected names, word list) with the check endpoint. Consent subjects are read straight
 * from their table, so this module does not depend on the consent module's services.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([CaptionTemplate, HashtagGroup, ProtectedName, DignityWord]),
    InstitutionModule,
  ],
  controllers: [
    CaptionTemplateController,
    HashtagGroupController,
    ProtectedNameController,
    DignityWordController,
    DignityController,
  ],
  providers: [
    LibraryRepository,
    CaptionTemplateService,
    HashtagGroupService,
    ProtectedNameService,
    DignityWordService,
    DignityService,
    LibraryDefaultsService,
  ],
  exports: [CaptionTemplateService, HashtagGroupService, DignityService, LibraryDefaultsService],
})
export class LibraryModule {}
