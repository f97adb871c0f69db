import { Inject, Injectable } from '@nestjs/common';
import type { RequestScope } from '../../auth/request-scope';
import { AppError, ErrorCode } from '../../common/app-error';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { XConnector, XUser } from '../../platforms/x/x-connect';
import type { PlatformCredentials } from '../../platforms/platform-adapter';
import {
  ConnectOptionsResponse,
  XAuthorizeDto,
  XAuthorizeResponse,
  XCallbackDto,
  XUserKeysDto,
} from './account-connect.dto';
import { missingConfig, signInFailure } from './connect-errors';
import { ConnectSessions } from './connect-sessions';
import { LiveAccountsService } from './live-accounts.service';
import type { SocialAccountResponse } from './social-account.dto';

interface XSession {
  codeVerifier: string;
  redirectUri: string;
}

/**
 * X sign-in: OAuth 2.0 with PKCE (the verifier stays in an encrypted connect session; the state
 * finds it again at the callback, once), or OAuth 1.0a user keys checked against /2/users/me.
 */
@Injectable()
export class XConnectService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly x: XConnector,
    private readonly sessions: ConnectSessions,
    private readonly live: LiveAccountsService,
  ) {}

  /** The X flows this server can run: the sign-in needs X_CLIENT_ID, user keys the consumer keys. */
  configuredFlows(): Pick<ConnectOptionsResponse, 'xOAuth2' | 'xUserKeys'> {
    const { clientId, consumerKey, consumerSecret } = this.config.xApp;
    return { xOAuth2: Boolean(clientId), xUserKeys: Boolean(consumerKey && consumerSecret) };
  }

  async authorize(scope: RequestScope, dto: XAuthorizeDto): Promise<XAuthorizeResponse> {
    const institutionId = scope.requireInstitution();
    const link = this.x.authorizeLink(dto.redirectUri);
    if (!link) throw missingConfig('X_CLIENT_ID');
    const session = await this.sessions.open(
      { institutionId, userId: scope.user.id },
      'x_oauth2',
      { codeVerifier: link.codeVerifier, redirectUri: dto.redirectUri } satisfies XSession,
      link.state,
    );
    return {
      authorizeUrl: link.url,
      state: link.state,
      expiresAt: session.expiresAt.toISOString(),
    };
  }

  async callback(scope: RequestScope, dto: XCallbackDto): Promise<SocialAccountResponse> {
    const institutionId = scope.requireInstitution();
    const session = await this.sessions.read<XSession>(
      { institutionId, userId: scope.user.id },
      'x_oauth2',
      { state: dto.state },
    );
    if (!session) {
      throw AppError.notFound(
        { id: 'Proses masuk X (sudah kedaluwarsa?)', en: 'X sign-in (expired?)' },
        'state',
      );
    }
    // A code works once: so does its session, whatever the outcome.
    await this.sessions.close(session.id);
    let signedIn: Awaited<ReturnType<XConnector['exchangeCode']>>;
    try {
      signedIn = await this.x.exchangeCode({ code: dto.code, ...session.payload });
    } catch (error) {
      throw signInFailure(error, 'code');
    }
    if (!signedIn) throw missingConfig('X_CLIENT_ID');
    if (!signedIn.credentials.refreshToken) {
      throw new AppError(
        ErrorCode.UnprocessableEntity,
        {
          id: 'X tidak memberi izin offline.access; tanpa itu Karya tidak dapat tetap tersambung',
          en: 'X did not grant offline.access; without it Karya cannot stay connected',
        },
        'code',
      );
    }
    return this.connect(scope, signedIn.user, signedIn.credentials);
  }

  async connectUserKeys(scope: RequestScope, dto: XUserKeysDto): Promise<SocialAccountResponse> {
    scope.requireInstitution();
    if (!this.config.xApp.consumerKey) throw missingConfig('X_CONSUMER_KEY');
    if (!this.config.xApp.consumerSecret) throw missingConfig('X_CONSUMER_SECRET');
    const credentials = {
      type: 'x_oauth1' as const,
      accessToken: dto.accessToken,
      accessSecret: dto.accessSecret,
    };
    let user: XUser | null;
    try {
      user = await this.x.verifyOAuth1(credentials);
    } catch (error) {
      throw signInFailure(error, 'accessToken');
    }
    if (!user) throw missingConfig('X_CONSUMER_KEY');
    return this.connect(scope, user, credentials);
  }

  private connect(
    scope: RequestScope,
    user: XUser,
    credentials: PlatformCredentials,
  ): Promise<SocialAccountResponse> {
    return this.live.connect(scope, {
      network: 'x',
      externalId: user.id,
      displayName: user.name,
      handle: user.username,
      credentials,
    });
  }
}
