/**
 * Facebook Login on the Graph fake: the app's token exchange (`GET /oauth/access_token` with
 * grant_type=fb_exchange_token, checked against the app id and secret) and the person's Pages
 * (`GET /me/accounts`) with their Page tokens and linked Instagram business accounts. Page and
 * Instagram tokens are registered on the Graph fake itself (addPage / addInstagramAccount).
 */
import type { Reply } from './fake-http';
import { graphErrorReply, invalidParameter, ok } from './graph-rules';

export interface FakeManagedPage {
  id: string;
  name: string;
  accessToken: string;
  instagram?: { id: string; username: string };
}

const LONG_LIVED_SECONDS = 60 * 86_400;

export class GraphOAuthFake {
  /** Successful token exchanges, by person. */
  readonly exchanges: string[] = [];
  private readonly apps = new Map<string, string>();
  private readonly userTokens = new Map<string, { person: string; longLived: boolean }>();
  private readonly pages = new Map<string, FakeManagedPage[]>();
  private seq = 0;

  addApp(appId: string, secret: string): void {
    this.apps.set(appId, secret);
  }

  /** A short-lived user token (as Facebook Login hands out) of a person managing `pages`. */
  userToken(person: string, pages: FakeManagedPage[]): string {
    const token = `EAAshort-${person}-${++this.seq}`;
    this.userTokens.set(token, { person, longLived: false });
    this.pages.set(person, pages);
    return token;
  }

  /** Answers the Facebook Login paths; null for every other path. */
  route(method: string, path: string, params: Record<string, unknown>): Reply | null {
    if (method === 'GET' && path === '/oauth/access_token') return this.exchange(params);
    if (method === 'GET' && path === '/me/accounts') return this.accounts(params);
    return null;
  }

  private exchange(params: Record<string, unknown>): Reply {
    if (params.grant_type !== 'fb_exchange_token') {
      return invalidParameter('Unsupported grant_type');
    }
    const secret = this.apps.get(String(params.client_id ?? ''));
    if (secret === undefined || secret !== params.client_secret) {
      return graphErrorReply({ code: 1, message: 'Error validating client secret.' });
    }
    const user = this.userTokens.get(String(params.fb_exchange_token ?? ''));
    if (!user) {
      return graphErrorReply({
        code: 190,
        message: 'Invalid OAuth access token - Cannot parse access token',
      });
    }
    const token = `EAAlong-${user.person}-${++this.seq}`;
    this.userTokens.set(token, { person: user.person, longLived: true });
    this.exchanges.push(user.person);
    return ok({ access_token: token, token_type: 'bearer', expires_in: LONG_LIVED_SECONDS });
  }

  private accounts(params: Record<string, unknown>): Reply {
    const user = this.userTokens.get(String(params.access_token ?? ''));
    if (!user) {
      return graphErrorReply({
        code: 190,
        message: 'Invalid OAuth access token - Cannot parse access token',
      });
    }
    const withInstagram = String(params.fields ?? '').includes('instagram_business_account');
    const data = (this.pages.get(user.person) ?? []).map((page) => ({
      id: page.id,
      name: page.name,
      access_token: page.accessToken,
      category: 'Community',
      tasks: ['CREATE_CONTENT', 'MANAGE'],
      ...(withInstagram && page.instagram
        ? { instagram_business_account: { ...page.instagram } }
        : {}),
    }));
    return ok({ data, paging: { cursors: { before: 'MAZDZD', after: 'MjQZD' } } });
  }
}
