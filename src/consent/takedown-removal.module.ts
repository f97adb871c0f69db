import { Module } from '@nestjs/common';
import { PlatformsModule } from '../platforms/platforms.module';
import { AccountsModule } from '../publishing/accounts/accounts.module';
import { TakedownRemovalController } from './takedown-removal.controller';
import { TakedownRemovalRepository } from './takedown-removal.repository';
import { TakedownRemovalService } from './takedown-removal.service';

/**
 * Takedown through the platforms. Apart from ConsentModule because it needs the adapters and the
 * account credentials, which depend (through media) on consent.
 */
@Module({
  imports: [PlatformsModule, AccountsModule],
  controllers: [TakedownRemovalController],
  providers: [TakedownRemovalRepository, TakedownRemovalService],
})
export class TakedownRemovalModule {}
