import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { InstitutionModule } from '../../institutions/institution.module';
import { PlatformsModule } from '../../platforms/platforms.module';
import { AccountCredentialsRepository } from './account-credentials.repository';
import { AccountCredentialsService } from './account-credentials.service';
import { ConnectSessionRepository } from './connect-session.repository';
import { ConnectSessions } from './connect-sessions';
import { GraphConnectService } from './graph-connect.service';
import { LiveAccountsService } from './live-accounts.service';
import { SocialAccountController } from './social-account.controller';
import { SocialAccount } from './social-account.entity';
import { SocialAccountRepository } from './social-account.repository';
import { SocialAccountService } from './social-account.service';
import { XConnectService } from './x-connect.service';

/**
 * Social accounts: sandbox accounts, listing and disabling, the check posts use for their
 * targets, and live accounts: platform sign-ins (Facebook Login, X OAuth 2.0 or 1.0a) and their
 * encrypted credentials (stored, refreshed one process at a time).
 */
@Module({
  imports: [TypeOrmModule.forFeature([SocialAccount]), InstitutionModule, PlatformsModule],
  controllers: [SocialAccountController],
  providers: [
    SocialAccountRepository,
    SocialAccountService,
    AccountCredentialsRepository,
    AccountCredentialsService,
    ConnectSessionRepository,
    ConnectSessions,
    LiveAccountsService,
    GraphConnectService,
    XConnectService,
  ],
  exports: [SocialAccountService, AccountCredentialsService],
})
export class AccountsModule {}
