/**
 * Connecting Instagram business accounts and Facebook Pages (Facebook Login): the person's
 * short-lived user token is exchanged for a long-lived one (about 60 days), which lists the Pages
 * they manage with a Page token each and the Instagram business account linked to each Page.
 * Page tokens obtained from a long-lived user token do not expire; the Instagram account is
 * reached with its Page's token.
 */
import type { Clock } from '../../common/clock';
import { GraphApi, GraphCaller, GraphOptions } from './graph-api';
import { collectPages, compact, GraphPage } from './graph-account';

export interface MetaAppKeys {
  appId: string;
  appSecret: string;
}

export interface GraphUserToken {
  accessToken: string;
  /** ISO time; absent when Graph does not say. */
  expiresAt?: string;
}

export interface GraphPageChoice {
  id: string;
  name: string;
  accessToken: string;
  instagram: { id: string; username: string | null } | null;
}

interface TokenAnswer {
  access_token?: string;
  expires_in?: number;
}

interface AccountAnswer {
  id: string;
  name?: string;
  access_token?: string;
  instagram_business_account?: { id: string; username?: string };
}

const PAGE_FIELDS = 'id,name,access_token,instagram_business_account{id,username}';
const MAX_PAGE_REQUESTS = 10;

export class GraphConnector {
  private readonly caller: GraphCaller;

  constructor(
    private readonly options: GraphOptions,
    private readonly clock: Clock,
  ) {
    this.caller = new GraphCaller('facebook', clock);
  }

  /** `GET /oauth/access_token` with grant_type=fb_exchange_token. */
  async longLivedUserToken(app: MetaAppKeys, shortLivedToken: string): Promise<GraphUserToken> {
    const api = new GraphApi(shortLivedToken, this.options);
    const answer = await this.caller.run('read', () =>
      api.call<TokenAnswer>('GET', ['oauth', 'access_token'], {
        grant_type: 'fb_exchange_token',
        client_id: app.appId,
        client_secret: app.appSecret,
        fb_exchange_token: shortLivedToken,
      }),
    );
    if (!answer.access_token) throw new SyntaxError('Graph answer without an access token');
    const expiresAt =
      typeof answer.expires_in === 'number'
        ? new Date(this.clock.now().getTime() + answer.expires_in * 1000).toISOString()
        : undefined;
    return { accessToken: answer.access_token, expiresAt };
  }

  /** The Pages the person manages (`GET /me/accounts`), each with its token and IG account. */
  async pages(userToken: string): Promise<GraphPageChoice[]> {
    const api = new GraphApi(userToken, this.options);
    const accounts = await collectPages<AccountAnswer>(
      (after) =>
        this.caller.run('read', () =>
          api.call<GraphPage<AccountAnswer>>(
            'GET',
            ['me', 'accounts'],
            compact({ fields: PAGE_FIELDS, limit: 100, after }),
          ),
        ),
      () => false,
      MAX_PAGE_REQUESTS,
    );
    return accounts
      .filter((page) => page.access_token)
      .map((page) => ({
        id: String(page.id),
        name: page.name ?? String(page.id),
        accessToken: page.access_token!,
        instagram: page.instagram_business_account
          ? {
              id: String(page.instagram_business_account.id),
              username: page.instagram_business_account.username ?? null,
            }
          : null,
      }));
  }
}
