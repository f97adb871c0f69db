/**
 * One small interface per outside world: every network (and the sandbox) is reached only through
 * a `PlatformAdapter`, selected by the registry. Nothing outside src/platforms imports an SDK.
 *
 * Retry contract — what the caller (the dispatcher) must do with a `PlatformError` from `publish`:
 * - `retry_later`: nothing became visible on the platform. Publish again at or after `retryAt`
 *   (a reset time, a quota window end, or a short backoff the adapter chose). Add jitter.
 * - `reauthenticate`: the credentials are expired, revoked or lack a permission. Do not retry.
 *   If the credentials are refreshable, call `refreshCredentials(account, { force: true })` once;
 *   if that throws `reauthenticate` too, mark the account and notify its admins.
 * - `rejected`: permanent for this content on this account (bad image, caption, policy). Fail the
 *   target with `reason` (Bahasa Indonesia and English). Retrying the same content cannot succeed.
 * - `unknown_outcome`: the request may have taken effect (timeout or connection lost after the
 *   request was sent, a 5xx or transient error on the one call that makes the post visible, X's
 *   "duplicate content" refusal). Never publish again before `reconcile` says `not_found`.
 *   `containerId` (Instagram) is set when known: pass it to `reconcile`. When `duplicate` is set
 *   and reconcile finds nothing, the platform holds an older identical post: fail the target.
 *
 * Every other method is safe to repeat and never throws `unknown_outcome`: a timeout while
 * reading, refreshing or deleting is `retry_later`. `refreshCredentials` is the exception to
 * "safe to repeat" on X: refresh tokens rotate, so run one refresh per account at a time and store
 * the new credentials before anything else uses them.
 */
import type { LocalizedText } from '../common/app-error';
import type { SocialNetwork } from '../content/rendering/template';

/** A Graph API token (Instagram business account or Facebook Page). */
export interface GraphCredentials {
  type: 'graph';
  accessToken: string;
  /** ISO time; absent for Page tokens, which do not expire. */
  expiresAt?: string;
}

/** X with OAuth 2.0 (PKCE, offline.access): the access token lives two hours. */
export interface XOAuth2Credentials {
  type: 'x_oauth2';
  accessToken: string;
  refreshToken: string;
  /** ISO time the access token expires. */
  expiresAt: string;
  scope?: string[];
}

/** X with OAuth 1.0a user keys; the app's consumer keys come from the adapter's configuration. */
export interface XOAuth1Credentials {
  type: 'x_oauth1';
  accessToken: string;
  accessSecret: string;
}

export interface SandboxCredentials {
  type: 'sandbox';
}

export type PlatformCredentials =
  GraphCredentials | XOAuth2Credentials | XOAuth1Credentials | SandboxCredentials;

export interface PlatformAccount {
  /** The platform's id: IG user id, Page id, X user id; a local key for sandboxes. */
  externalId: string;
  credentials: PlatformCredentials;
}

export interface PublishImage {
  /** Publicly reachable until publishing is done: Instagram and Facebook fetch it themselves. */
  url: string;
  altText: string;
  /** The encoded image; X uploads bytes (fetched from `url` when absent). */
  bytes?: Buffer;
}

export interface PublishContent {
  caption: string;
  images: PublishImage[];
  /**
   * The caller's stable key for this publication (the post target id). Live networks cannot
   * carry an invisible marker (X counts every character), so they reconcile by caption; the
   * sandbox derives its post id from it, which makes a repeated sandbox publish idempotent.
   */
  marker: string;
}

export interface PublishedPost {
  platformPostId: string;
  /** Null when the post is live but its permalink could not be read yet (fetch it later). */
  permalink: string | null;
}

export interface ReconcileQuery {
  marker: string;
  /** The caption exactly as it was sent. */
  caption: string;
  /** When the uncertain attempt started: only posts created after it (less clock skew) match. */
  since: Date;
  platformPostId?: string;
  containerId?: string;
}

export type ReconcileResult = ({ status: 'found' } & PublishedPost) | { status: 'not_found' };

export type RefreshResult =
  { status: 'refreshed'; credentials: PlatformCredentials } | { status: 'not_needed' };

export type DeleteResult = 'deleted' | 'already_gone' | 'unsupported';

/** Metric name → value; null means unknown (not reported, too early, no access), never 0. */
export type PostMetrics = Record<string, number | null>;

/** One platform answer behind a metrics reading: the request (no token) and its body. */
export interface PlatformResponse {
  request: string;
  /** The body as the platform sent it (an error body for a tolerated refusal), tokens removed. */
  body: unknown;
}

export interface MetricsReading {
  metrics: PostMetrics;
  /** What the platform answered, in call order, kept for audit; never holds credentials. */
  responses: PlatformResponse[];
}

export interface PlatformViolation {
  rule: string;
  message: LocalizedText;
  /** Index into `images` when the rule concerns one image. */
  imageIndex?: number;
}

export interface PlatformAdapter {
  readonly network: SocialNetwork;
  /** The network's rules for this content; empty when it may be published. No network calls. */
  validate(content: PublishContent): PlatformViolation[];
  publish(account: PlatformAccount, content: PublishContent): Promise<PublishedPost>;
  /** Is the post of an uncertain attempt on the platform? */
  reconcile(account: PlatformAccount, query: ReconcileQuery): Promise<ReconcileResult>;
  refreshCredentials(
    account: PlatformAccount,
    options?: { force?: boolean },
  ): Promise<RefreshResult>;
  fetchMetrics(account: PlatformAccount, platformPostId: string): Promise<MetricsReading>;
  /** For takedowns; `unsupported` means a person must remove it by hand (via the permalink). */
  deletePost(account: PlatformAccount, platformPostId: string): Promise<DeleteResult>;
  /** Null when the platform does not say. */
  fetchFollowers(account: PlatformAccount): Promise<number | null>;
}

export const PLATFORM_ERROR_KINDS = [
  'retry_later',
  'reauthenticate',
  'rejected',
  'unknown_outcome',
] as const;
export type PlatformErrorKind = (typeof PLATFORM_ERROR_KINDS)[number];

interface PlatformErrorInit {
  network: SocialNetwork;
  reason: LocalizedText;
  /** The platform's own code, e.g. `graph:190/463`, `x:429`, `network:timeout`. */
  platformCode: string;
  retryAt?: Date;
  containerId?: string;
  duplicate?: boolean;
  /** The platform's message, for the publishing log (never contains tokens). */
  detail?: string;
}

export class PlatformError extends Error {
  readonly network: SocialNetwork;
  readonly reason: LocalizedText;
  readonly platformCode: string;
  /** Set for `retry_later`. */
  readonly retryAt?: Date;
  readonly containerId?: string;
  readonly duplicate: boolean;
  readonly detail?: string;

  constructor(
    readonly kind: PlatformErrorKind,
    init: PlatformErrorInit,
  ) {
    super(`${init.network} ${kind} (${init.platformCode}): ${init.reason.en}`);
    this.name = 'PlatformError';
    this.network = init.network;
    this.reason = init.reason;
    this.platformCode = init.platformCode;
    this.retryAt = init.retryAt;
    this.containerId = init.containerId;
    this.duplicate = init.duplicate ?? false;
    this.detail = init.detail;
  }

  /** The same error with the Instagram container that an uncertain publish used. */
  withContainer(containerId: string): PlatformError {
    return new PlatformError(this.kind, { ...this, containerId });
  }
}

export function isPlatformError(error: unknown): error is PlatformError {
  return error instanceof PlatformError;
}
