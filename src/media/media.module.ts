import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConsentModule } from '../consent/consent.module';
import { MediaAsset } from './media-asset.entity';
import { MediaClearanceService } from './media-clearance.service';
import { MediaPresenter } from './media-presenter';
import { MediaQueryService } from './media-query.service';
import { MediaController } from './media.controller';
import { MediaRepository } from './media.repository';
import { MediaService } from './media.service';
import { MediaStorageModule } from './storage/media-storage.module';

/** The media library: photos, their files and thumbnails, and their clearance. */
@Module({
  imports: [TypeOrmModule.forFeature([MediaAsset]), MediaStorageModule, ConsentModule],
  controllers: [MediaController],
  providers: [
    MediaRepository,
    MediaPresenter,
    MediaService,
    MediaQueryService,
    MediaClearanceService,
  ],
  exports: [MediaService, MediaQueryService, MediaClearanceService, MediaStorageModule],
})
export class MediaModule {}
