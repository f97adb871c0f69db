import { Module } from '@nestjs/common';
import { Clock } from '../common/clock';
import { APP_CONFIG, AppConfig } from '../config/config';
import { createPlatformRegistry, PlatformRegistry } from './platform-registry';
import { TokenCrypto } from './token-crypto';

/**
 * The platform adapters (behind `PlatformRegistry`) and the credential cipher. No controllers:
 * publishing, accounts and metrics use these; nothing else talks to a platform.
 */
@Module({
  providers: [
    {
      provide: PlatformRegistry,
      inject: [APP_CONFIG, Clock],
      useFactory: (config: AppConfig, clock: Clock) =>
        createPlatformRegistry(
          {
            graphApiBaseUrl: config.graphApiBaseUrl,
            xApiBaseUrl: config.xApiBaseUrl,
            publicBaseUrl: config.publicBaseUrl,
          },
          clock,
        ),
    },
    {
      provide: TokenCrypto,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new TokenCrypto(config.tokenEncryptionKeys),
    },
  ],
  exports: [PlatformRegistry, TokenCrypto],
})
export class PlatformsModule {}
