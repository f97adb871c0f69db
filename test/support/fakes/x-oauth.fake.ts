/**
 * Signing in to the X fake: the OAuth 2.0 authorization-code grant with PKCE (S256) — the test
 * plays the person consenting at the authorize URL and gets the code X would send back — and
 * OAuth 1.0a user keys (the `Authorization: OAuth …` header: consumer key and token must match a
 * registered pair; the signature itself is not checked).
 */
import { createHash } from 'node:crypto';
import type { RecordedRequest, Reply } from './fake-http';

interface PendingCode {
  userId: string;
  clientId: string;
  redirectUri: string;
  challenge: string;
}

export class XOAuthFake {
  private readonly codes = new Map<string, PendingCode>();
  private readonly userKeys = new Map<string, { userId: string; consumerKey: string }>();
  private seq = 0;

  /**
   * The person `userId` approves the app at `authorizeUrl` (as the library generated it): the
   * code and state X appends to the redirect URI.
   */
  consent(authorizeUrl: string, userId: string): { code: string; state: string } {
    const url = new URL(authorizeUrl);
    const q = url.searchParams;
    if (q.get('response_type') !== 'code' || q.get('code_challenge_method') !== 's256') {
      throw new Error(`Not a PKCE authorize URL: ${authorizeUrl}`);
    }
    const code = `xcode-${userId}-${++this.seq}`;
    this.codes.set(code, {
      userId,
      clientId: q.get('client_id') ?? '',
      redirectUri: q.get('redirect_uri') ?? '',
      challenge: q.get('code_challenge') ?? '',
    });
    return { code, state: q.get('state') ?? '' };
  }

  /** OAuth 1.0a user keys of `userId` for the app with `consumerKey`. */
  addUserKeys(userId: string, consumerKey: string, accessToken: string): void {
    this.userKeys.set(accessToken, { userId, consumerKey });
  }

  /** The authorization_code grant: the code works once, with its verifier and redirect URI. */
  redeem(body: Record<string, unknown>, clientId: string): { userId: string } | Reply {
    const code = String(body.code ?? '');
    const pending = this.codes.get(code);
    this.codes.delete(code);
    const verifier = String(body.code_verifier ?? '');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    if (
      !pending ||
      pending.clientId !== clientId ||
      pending.redirectUri !== body.redirect_uri ||
      pending.challenge !== challenge
    ) {
      return {
        status: 400,
        body: {
          error: 'invalid_request',
          error_description: 'Value passed for the authorization code was invalid.',
        },
      };
    }
    return { userId: pending.userId };
  }

  /** The user an `Authorization: OAuth …` header speaks for, if its keys are known. */
  oauth1User(req: RecordedRequest): string | undefined {
    const header = String(req.headers.authorization ?? '');
    if (!header.startsWith('OAuth ')) return undefined;
    const params = Object.fromEntries(
      [...header.slice(6).matchAll(/(\w+)="([^"]*)"/g)].map(([, k, v]) => [
        k,
        decodeURIComponent(v),
      ]),
    );
    const keys = this.userKeys.get(params.oauth_token ?? '');
    if (!keys || keys.consumerKey !== params.oauth_consumer_key) return undefined;
    return keys.userId;
  }
}
