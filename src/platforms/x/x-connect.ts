/**
 * Connecting X accounts: OAuth 2.0 with PKCE (authorize link → code → tokens, `offline.access`
 * for a refresh token) or OAuth 1.0a user keys the person brings. Either way `/2/users/me` tells
 * who signed in. The authorize link points at x.com itself (the person's browser goes there);
 * API calls go through X_API_BASE_URL.
 */
import type { TwitterApi } from 'twitter-api-v2';
import type { Clock } from '../../common/clock';
import type { XOAuth1Credentials, XOAuth2Credentials } from '../platform-adapter';
import { toXFailure, XClientFactory } from './x-client';
import { classifyXError } from './x-errors';

/** What Karya needs to post, read metrics and stay signed in. */
export const X_OAUTH2_SCOPES = [
  'tweet.read',
  'tweet.write',
  'users.read',
  'media.write',
  'offline.access',
];

export interface XAuthorizeLink {
  url: string;
  state: string;
  codeVerifier: string;
}

export interface XUser {
  id: string;
  username: string;
  name: string;
}

export class XConnector {
  constructor(
    private readonly clients: XClientFactory,
    private readonly clock: Clock,
  ) {}

  /** Null when no OAuth 2.0 client id is configured. */
  authorizeLink(redirectUri: string): XAuthorizeLink | null {
    const app = this.clients.oauth2App();
    if (!app) return null;
    const link = app.generateOAuth2AuthLink(redirectUri, { scope: X_OAUTH2_SCOPES });
    return { url: link.url, state: link.state, codeVerifier: link.codeVerifier };
  }

  /**
   * The code for tokens, and who signed in. Null when no client id is configured. Without a
   * refresh token (offline.access refused) `refreshToken` is empty.
   */
  async exchangeCode(input: {
    code: string;
    codeVerifier: string;
    redirectUri: string;
  }): Promise<{ credentials: XOAuth2Credentials; user: XUser } | null> {
    const app = this.clients.oauth2App();
    if (!app) return null;
    const login = await this.run(() => app.loginWithOAuth2(input));
    const credentials: XOAuth2Credentials = {
      type: 'x_oauth2',
      accessToken: login.accessToken,
      refreshToken: login.refreshToken ?? '',
      expiresAt: new Date(this.clock.now().getTime() + login.expiresIn * 1000).toISOString(),
      scope: login.scope,
    };
    return { credentials, user: await this.me(this.clients.bearer(login.accessToken)) };
  }

  /** Who the user keys belong to; null when the app's consumer keys are not configured. */
  async verifyOAuth1(credentials: XOAuth1Credentials): Promise<XUser | null> {
    const client = this.clients.oauth1(credentials.accessToken, credentials.accessSecret);
    if (!client) return null;
    return this.me(client);
  }

  private async me(client: TwitterApi): Promise<XUser> {
    const me = await this.run(() => client.v2.me());
    return { id: me.data.id, username: me.data.username, name: me.data.name };
  }

  private async run<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw classifyXError(toXFailure(error), 'read', this.clock.now());
    }
  }
}
