import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { InstitutionModule } from '../../institutions/institution.module';
import { SocialAccountController } from './social-account.controller';
import { SocialAccount } from './social-account.entity';
import { SocialAccountRepository } from './social-account.repository';
import { SocialAccountService } from './social-account.service';

/**
 * Social accounts, minimal for the Content phase: sandbox accounts, listing and disabling, and
 * the check posts use for their targets. Connecting live accounts (OAuth, encrypted tokens,
 * refresh) comes with the Publishing feature.
 */
@Module({
  imports: [TypeOrmModule.forFeature([SocialAccount]), InstitutionModule],
  controllers: [SocialAccountController],
  providers: [SocialAccountRepository, SocialAccountService],
  exports: [SocialAccountService],
})
export class AccountsModule {}
