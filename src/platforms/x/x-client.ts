/**
 * twitter-api-v2, pointed at X_API_BASE_URL. The library has no base-URL option, so a plugin
 * rewrites each request's URL (protocol, host, port, optional path prefix) and sets the request
 * timeout; plugins carry over to the clients `refreshOAuth2Token` returns. Plain-HTTP targets (the
 * fakes) need an explicit `http.Agent`, or Node refuses the protocol. OAuth 1.0a signatures are
 * computed on the original api.x.com URL, which is what a forwarding proxy needs.
 */
import { Agent } from 'node:http';
import {
  ApiPartialResponseError,
  ApiRequestError,
  ApiResponseError,
  ITwitterApiClientPlugin,
  TwitterApi,
} from 'twitter-api-v2';
import type { XFailure, XTransportFailure } from './x-errors';

export interface XOptions {
  /** X_API_BASE_URL without a trailing slash. */
  baseUrl: string;
  timeoutMs: number;
  /** The app's OAuth 2.0 client, for refreshing tokens (confidential clients have a secret). */
  clientId?: string;
  clientSecret?: string;
  /** The app's consumer keys, for accounts connected with OAuth 1.0a user keys. */
  appKey?: string;
  appSecret?: string;
}

export function baseUrlPlugin(baseUrl: string, timeoutMs: number): ITwitterApiClientPlugin {
  const target = new URL(baseUrl);
  const prefix = target.pathname.replace(/\/+$/, '');
  return {
    onBeforeRequest({ computedParams, requestOptions }) {
      const url = computedParams.url;
      url.protocol = target.protocol;
      url.hostname = target.hostname;
      url.port = target.port;
      if (prefix && !url.pathname.startsWith(`${prefix}/`)) url.pathname = prefix + url.pathname;
      requestOptions.timeout = timeoutMs;
    },
  };
}

export class XClientFactory {
  private readonly settings: ConstructorParameters<typeof TwitterApi>[1];

  constructor(readonly options: XOptions) {
    const plain = new URL(options.baseUrl).protocol === 'http:';
    this.settings = {
      plugins: [baseUrlPlugin(options.baseUrl, options.timeoutMs)],
      ...(plain ? { httpAgent: new Agent({ keepAlive: true }) } : {}),
    };
  }

  bearer(accessToken: string): TwitterApi {
    return new TwitterApi(accessToken, this.settings);
  }

  oauth1(accessToken: string, accessSecret: string): TwitterApi | null {
    const { appKey, appSecret } = this.options;
    if (!appKey || !appSecret) return null;
    return new TwitterApi({ appKey, appSecret, accessToken, accessSecret }, this.settings);
  }

  /** The app client that refreshes OAuth 2.0 tokens; null when no client id is configured. */
  oauth2App(): TwitterApi | null {
    const { clientId, clientSecret } = this.options;
    if (!clientId) return null;
    return new TwitterApi({ clientId, clientSecret }, this.settings);
  }
}

const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * What the library threw, as data. Network errors hide their cause at `_options.error` (the
 * `requestError` getter reads a key the library never sets).
 */
export function toXFailure(error: unknown): XFailure {
  if (error instanceof ApiResponseError) {
    return { status: error.code, data: error.data, headers: lowerCase(error.headers) };
  }
  if (error instanceof ApiRequestError) {
    const cause = (error as unknown as { _options?: { error?: NodeJS.ErrnoException } })._options
      ?.error;
    let kind: XTransportFailure = 'connection';
    if (cause?.code && NOT_SENT.has(cause.code)) kind = 'refused';
    else if (/timeout/i.test(cause?.message ?? '')) kind = 'timeout';
    return transport(kind);
  }
  if (error instanceof ApiPartialResponseError) return transport('connection');
  return transport('malformed');
}

function transport(kind: XTransportFailure): XFailure {
  return { status: null, data: null, headers: {}, transport: kind };
}

function lowerCase(
  headers: Record<string, unknown> | undefined,
): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    out[name.toLowerCase()] = Array.isArray(value)
      ? value.join(', ')
      : value === undefined
        ? undefined
        : String(value);
  }
  return out;
}
