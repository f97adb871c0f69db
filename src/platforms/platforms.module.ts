import { Module } from '@nestjs/common';
import { Clock } from '../common/clock';
import { APP_CONFIG, AppConfig } from '../config/config';
import { GraphConnector } from './graph/graph-connect';
import {
  createPlatformRegistry,
  DEFAULT_REQUEST_TIMEOUT_MS,
  PlatformRegistry,
  PlatformSettings,
} from './platform-registry';
import { TokenCrypto } from './token-crypto';
import { XClientFactory } from './x/x-client';
import { XConnector } from './x/x-connect';

function platformSettings(config: AppConfig): PlatformSettings {
  return {
    graphApiBaseUrl: config.graphApiBaseUrl,
    xApiBaseUrl: config.xApiBaseUrl,
    publicBaseUrl: config.publicBaseUrl,
    requestTimeoutMs: config.platformRequestTimeoutMs,
    x: {
      clientId: config.xApp.clientId,
      clientSecret: config.xApp.clientSecret,
      appKey: config.xApp.consumerKey,
      appSecret: config.xApp.consumerSecret,
    },
  };
}

/**
 * The platform adapters (behind `PlatformRegistry`), the sign-in connectors and the credential
 * cipher. No controllers: publishing, accounts and metrics use these; nothing else talks to a
 * platform.
 */
@Module({
  providers: [
    {
      provide: PlatformRegistry,
      inject: [APP_CONFIG, Clock],
      useFactory: (config: AppConfig, clock: Clock) =>
        createPlatformRegistry(platformSettings(config), clock),
    },
    {
      provide: GraphConnector,
      inject: [APP_CONFIG, Clock],
      useFactory: (config: AppConfig, clock: Clock) =>
        new GraphConnector(
          { baseUrl: config.graphApiBaseUrl, timeoutMs: DEFAULT_REQUEST_TIMEOUT_MS },
          clock,
        ),
    },
    {
      provide: XConnector,
      inject: [APP_CONFIG, Clock],
      useFactory: (config: AppConfig, clock: Clock) => {
        const { xApiBaseUrl, x } = platformSettings(config);
        return new XConnector(
          new XClientFactory({ baseUrl: xApiBaseUrl, timeoutMs: DEFAULT_REQUEST_TIMEOUT_MS, ...x }),
          clock,
        );
      },
    },
    {
      provide: TokenCrypto,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new TokenCrypto(config.tokenEncryptionKeys),
    },
  ],
  exports: [PlatformRegistry, GraphConnector, XConnector, TokenCrypto],
})
export class PlatformsModule {}
