import { Module } from '@nestjs/common';
import { join } from 'node:path';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { LocalDiskMediaStorage } from './local-disk.storage';
import { MEDIA_STORAGE } from './media-storage';
import { StoredFileRepository } from './stored-file.repository';
import { StoredFiles } from './stored-files';

/** Provides MEDIA_STORAGE; an S3-compatible implementation can be chosen here from config. */
@Module({
  providers: [
    {
      provide: MEDIA_STORAGE,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new LocalDiskMediaStorage(join(config.dataDir, 'media')),
    },
    StoredFileRepository,
    StoredFiles,
  ],
  exports: [MEDIA_STORAGE, StoredFiles],
})
export class MediaStorageModule {}
