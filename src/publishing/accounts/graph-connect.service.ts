import { Inject, Injectable } from '@nestjs/common';
import type { RequestScope } from '../../auth/request-scope';
import { AppError, ErrorCode } from '../../common/app-error';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { GraphConnector, GraphPageChoice, MetaAppKeys } from '../../platforms/graph/graph-connect';
import {
  GraphConnectionResponse,
  GraphConnectPageDto,
  GraphConnectStartDto,
} from './account-connect.dto';
import { missingConfig, signInFailure } from './connect-errors';
import { ConnectSessions } from './connect-sessions';
import { LiveAccountsService, SignedInAccount } from './live-accounts.service';
import type { SocialAccountResponse } from './social-account.dto';

interface GraphSession {
  pages: GraphPageChoice[];
}

/**
 * Facebook Login in two steps. First: the person's short-lived user token is exchanged for a
 * long-lived one, which lists their Pages (with Page tokens) and linked Instagram business
 * accounts; the tokens stay in an encrypted connect session, the choices go back. Second: the
 * chosen Page and/or its Instagram account are connected with the Page token.
 */
@Injectable()
export class GraphConnectService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly graph: GraphConnector,
    private readonly sessions: ConnectSessions,
    private readonly live: LiveAccountsService,
  ) {}

  async start(scope: RequestScope, dto: GraphConnectStartDto): Promise<GraphConnectionResponse> {
    const institutionId = scope.requireInstitution();
    const app = this.app();
    let pages: GraphPageChoice[];
    try {
      const userToken = await this.graph.longLivedUserToken(app, dto.userAccessToken);
      pages = await this.graph.pages(userToken.accessToken);
    } catch (error) {
      throw signInFailure(error, 'userAccessToken');
    }
    const session = await this.sessions.open({ institutionId, userId: scope.user.id }, 'graph', {
      pages,
    } satisfies GraphSession);
    return {
      connectionId: session.id,
      expiresAt: session.expiresAt.toISOString(),
      pages: pages.map((page) => ({
        id: page.id,
        name: page.name,
        instagramAccount: page.instagram,
      })),
    };
  }

  async connect(scope: RequestScope, dto: GraphConnectPageDto): Promise<SocialAccountResponse[]> {
    const institutionId = scope.requireInstitution();
    const session = await this.sessions.read<GraphSession>(
      { institutionId, userId: scope.user.id },
      'graph',
      { id: dto.connectionId },
    );
    if (!session) {
      throw AppError.notFound(
        { id: 'Sambungan Facebook (sudah kedaluwarsa?)', en: 'Facebook connection (expired?)' },
        'connectionId',
      );
    }
    const page = session.payload.pages.find((p) => p.id === dto.pageId);
    if (!page) {
      throw AppError.notFound({ id: 'Halaman Facebook', en: 'Facebook Page' }, 'pageId');
    }
    const chosen: SignedInAccount[] = [];
    if (dto.networks.includes('facebook')) {
      chosen.push({
        network: 'facebook',
        externalId: page.id,
        displayName: page.name,
        handle: null,
        credentials: { type: 'graph', accessToken: page.accessToken },
      });
    }
    if (dto.networks.includes('instagram')) {
      if (!page.instagram) {
        throw new AppError(
          ErrorCode.UnprocessableEntity,
          {
            id: `Halaman ${page.name} tidak terhubung dengan akun bisnis Instagram`,
            en: `The Page ${page.name} has no linked Instagram business account`,
          },
          'networks',
        );
      }
      chosen.push({
        network: 'instagram',
        externalId: page.instagram.id,
        displayName: page.instagram.username ?? page.name,
        handle: page.instagram.username,
        // The Instagram business account is published to with its Page's token.
        credentials: { type: 'graph', accessToken: page.accessToken },
      });
    }
    const connected: SocialAccountResponse[] = [];
    for (const account of chosen) connected.push(await this.live.connect(scope, account));
    return connected;
  }

  /** Whether Facebook Login can run here: it needs both META_APP_ID and META_APP_SECRET. */
  configured(): boolean {
    const { appId, appSecret } = this.config.metaApp;
    return Boolean(appId && appSecret);
  }

  private app(): MetaAppKeys {
    const { appId, appSecret } = this.config.metaApp;
    if (!appId) throw missingConfig('META_APP_ID');
    if (!appSecret) throw missingConfig('META_APP_SECRET');
    return { appId, appSecret };
  }
}
