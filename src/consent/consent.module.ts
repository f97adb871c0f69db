import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MediaAsset } from '../media/media-asset.entity';
import { MediaStorageModule } from '../media/storage/media-storage.module';
import { ConsentRecord } from './consent-record.entity';
import { ConsentWithdrawalService } from './consent-withdrawal.service';
import { ConsentController } from './consent.controller';
import { ConsentRepository } from './consent.repository';
import { ConsentService } from './consent.service';
import { TakedownTask, TakedownTaskItem } from './takedown-task.entity';
import { TakedownController } from './takedown.controller';
import { TakedownRepository } from './takedown.repository';
import { TakedownService } from './takedown.service';
import { ConsentWithdrawalHooks } from './withdrawal-hooks';

/**
 * The consent register and takedown tasks. The media library depends on this module (to link
 * and check consents), never the reverse: photos are read here through their table only.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([ConsentRecord, TakedownTask, TakedownTaskItem, MediaAsset]),
    MediaStorageModule,
  ],
  controllers: [ConsentController, TakedownController],
  providers: [
    ConsentRepository,
    TakedownRepository,
    ConsentService,
    ConsentWithdrawalService,
    TakedownService,
    ConsentWithdrawalHooks,
  ],
  exports: [ConsentService, ConsentWithdrawalService, TakedownService, ConsentWithdrawalHooks],
})
export class ConsentModule {}
