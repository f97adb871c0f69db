/**
 * The facebook-nodejs-business-sdk, pointed at GRAPH_API_BASE_URL, one API instance per account
 * token (never the global `FacebookAdsApi.init`, which would share one token process-wide).
 *
 * - `crash_log` is off: otherwise the SDK installs an uncaughtException handler that reports to Meta.
 * - Every object call goes through `call(...)`, which accepts a base URL override: we always pass ours.
 * - The SDK has no timeout option (its axios call has none), so a call is raced against a timer.
 *   The abandoned request is left to finish or fail on its own; its result is ignored.
 * - Its error type is not exported: failures are recognised by `name` and turned into a
 *   `GraphFailure` for the pure classifier.
 */
import { FacebookAdsApi } from 'facebook-nodejs-business-sdk';
import type { Clock } from '../../common/clock';
import type { SocialNetwork } from '../../content/rendering/template';
import { PlatformError } from '../platform-adapter';
import {
  CallPhase,
  classifyGraphError,
  GraphErrorBody,
  GraphFailure,
  TransportFailure,
} from './graph-errors';

export interface GraphOptions {
  /** GRAPH_API_BASE_URL without a trailing slash. */
  baseUrl: string;
  /** Per request; Graph answers publishing calls within seconds when healthy. */
  timeoutMs: number;
}

class GraphTimeoutError extends Error {
  constructor(ms: number) {
    super(`Graph API call timed out after ${ms} ms`);
    this.name = 'GraphTimeoutError';
  }
}

export class GraphApi extends FacebookAdsApi {
  constructor(
    accessToken: string,
    private readonly options: GraphOptions,
  ) {
    super(accessToken, 'en_US', false);
  }

  override call<T>(
    method: string,
    path: string | string[],
    params?: Record<string, unknown>,
    files?: Record<string, unknown>,
    useMultipartFormData?: boolean,
  ): Promise<T> {
    const request = super.call<T>(
      method,
      path,
      params,
      files,
      useMultipartFormData,
      this.options.baseUrl,
    );
    return withTimeout(request, this.options.timeoutMs);
  }
}

function withTimeout<T>(request: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new GraphTimeoutError(ms)), ms);
  });
  // The loser of the race may still reject later; that is expected and ignored.
  request.catch(() => undefined);
  return Promise.race([request, timeout]).finally(() => clearTimeout(timer));
}

/** The SDK's FacebookRequestError, as far as we read it. */
interface SdkRequestError {
  name: 'FacebookRequestError';
  status: number | null;
  response: unknown;
  headers: unknown;
}

function isSdkRequestError(error: unknown): error is SdkRequestError {
  return error instanceof Error && error.name === 'FacebookRequestError';
}

export function toGraphFailure(error: unknown): GraphFailure {
  if (error instanceof GraphTimeoutError) return transport('timeout');
  if (!isSdkRequestError(error)) {
    // The SDK throws a bare SyntaxError when an error body is not JSON.
    return transport(error instanceof SyntaxError ? 'malformed' : 'connection');
  }
  if (error.status === null || error.status === undefined) return transport('connection');
  const body =
    error.response && typeof error.response === 'object'
      ? (error.response as GraphErrorBody)
      : null;
  return { status: error.status, body, headers: plainHeaders(error.headers) };
}

function transport(kind: TransportFailure): GraphFailure {
  return { status: null, body: null, headers: {}, transport: kind };
}

function plainHeaders(headers: unknown): Record<string, string | undefined> {
  if (!headers || typeof headers !== 'object') return {};
  const source =
    typeof (headers as { toJSON?: unknown }).toJSON === 'function'
      ? (headers as { toJSON: () => Record<string, unknown> }).toJSON()
      : (headers as Record<string, unknown>);
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(source)) {
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return out;
}

/** Runs SDK calls for one network and turns every failure into a `PlatformError`. */
export class GraphCaller {
  constructor(
    private readonly network: SocialNetwork,
    private readonly clock: Clock,
  ) {}

  async run<T>(phase: CallPhase, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof PlatformError) throw error;
      throw classifyGraphError(this.network, toGraphFailure(error), phase, this.clock.now());
    }
  }

  /** A failure's raw shape, for callers that read some errors as answers (deleted, no data). */
  async attempt<T>(call: () => Promise<T>): Promise<{ ok: T } | { failure: GraphFailure }> {
    try {
      return { ok: await call() };
    } catch (error) {
      return { failure: toGraphFailure(error) };
    }
  }

  classify(failure: GraphFailure, phase: CallPhase): PlatformError {
    return classifyGraphError(this.network, failure, phase, this.clock.now());
  }
}

/** A success body must carry an id; anything else from a publishing call is not an answer. */
export function requireId(value: unknown): string {
  const id = (value as { id?: unknown } | null)?.id;
  if (typeof id === 'string' && id) return id;
  if (typeof id === 'number') return String(id);
  throw new SyntaxError('Graph answer without an id');
}
