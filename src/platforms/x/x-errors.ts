/**
 * X API failures → the platform-error taxonomy. Pure; the adapter turns what twitter-api-v2 threw
 * into an `XFailure`. As for Graph, the phase matters: only `commit` (POST /2/tweets) can leave
 * the outcome unknown; media uploads are invisible until a post uses them.
 *
 * - `refused`: the connection was never made (refused, DNS): nothing was sent, retry.
 * - 429: retry at the reset of the exhausted window (x-rate-limit-reset, or the 24-hour
 *   user/app windows when those are the ones at zero).
 * - 401: the token is expired or revoked; 403 other than duplicates: the token lacks a scope or
 *   the account is locked — both mean reconnecting.
 * - 403 "duplicate content" on a post: after an uncertain attempt this may be our own post, so
 *   it is `unknown_outcome` with `duplicate`; reconcile decides.
 */
import type { LocalizedText } from '../../common/app-error';
import { PlatformError, type PlatformErrorKind } from '../platform-adapter';
import type { CallPhase } from '../graph/graph-errors';

export type XTransportFailure = 'timeout' | 'connection' | 'refused' | 'malformed';

export interface XFailure {
  /** HTTP status; null when no response arrived. */
  status: number | null;
  /** The response body as parsed (v2 problem, v1 errors or OAuth error). */
  data: unknown;
  /** Response headers, lower-case names. */
  headers: Record<string, string | undefined>;
  transport?: XTransportFailure;
}

const MINUTE = 60_000;
export const X_DELAYS = { transient: MINUTE, rateLimit: 15 * MINUTE } as const;

/** v2: "…create a Tweet with duplicate content."; v1.1: "Status is a duplicate." */
const DUPLICATE = /duplicate/i;

export function classifyXError(failure: XFailure, phase: CallPhase, now: Date): PlatformError {
  const detail = describe(failure.data);
  const make = (kind: PlatformErrorKind, reason: LocalizedText, code: string, retryAt?: Date) =>
    new PlatformError(kind, { network: 'x', reason, platformCode: code, detail, retryAt });
  const later = (code: string) =>
    make(
      'retry_later',
      {
        id: 'X: layanan sedang terganggu, dicoba lagi',
        en: 'X: the service is having trouble, will retry',
      },
      code,
      new Date(now.getTime() + X_DELAYS.transient),
    );
  const uncertain = (code: string) =>
    phase === 'commit'
      ? make(
          'unknown_outcome',
          {
            id: 'X: hasil tidak pasti — unggahan mungkin sudah terbit; diperiksa sebelum dicoba lagi',
            en: 'X: outcome unknown — the post may be live; checking before any retry',
          },
          code,
        )
      : later(code);

  if (failure.transport === 'refused') return later('network:refused');
  if (failure.transport) return uncertain(`network:${failure.transport}`);
  const status = failure.status ?? 0;
  const code = `x:${status}`;
  if (status === 429) {
    return make(
      'retry_later',
      {
        id: 'X: batas laju tercapai, dicoba lagi setelah batas direset',
        en: 'X: rate limit reached, will retry after it resets',
      },
      code,
      rateLimitReset(failure.headers, now),
    );
  }
  if (status === 403 && detail && DUPLICATE.test(detail)) {
    if (phase !== 'commit') return make('rejected', refused(detail), code);
    return new PlatformError('unknown_outcome', {
      network: 'x',
      platformCode: 'x:403:duplicate',
      detail,
      duplicate: true,
      reason: {
        id: 'X: ditolak sebagai unggahan ganda — diperiksa apakah sudah terbit',
        en: 'X: refused as duplicate content — checking whether it is already live',
      },
    });
  }
  if (status === 401 || status === 403) {
    return make(
      'reauthenticate',
      {
        id: `X: akses ditolak (${detail ?? status}); hubungkan ulang akun`,
        en: `X: access refused (${detail ?? status}); reconnect the account`,
      },
      code,
    );
  }
  if (status >= 500 || status === 0) return uncertain(code);
  return make('rejected', refused(detail ?? String(status)), code);
}

function refused(detail: string): LocalizedText {
  return { id: `X menolak unggahan: ${detail}`, en: `X refused the post: ${detail}` };
}

/** The latest reset among exhausted windows; the 15-minute reset otherwise; 15 minutes if none. */
export function rateLimitReset(headers: Record<string, string | undefined>, now: Date): Date {
  const windows = ['x-rate-limit', 'x-user-limit-24hour', 'x-app-limit-24hour'];
  const resets = windows
    .filter((w) => headers[`${w}-remaining`] === '0')
    .map((w) => Number(headers[`${w}-reset`]))
    .filter((s) => Number.isFinite(s) && s > 0);
  const fallback = Number(headers['x-rate-limit-reset']);
  const seconds = resets.length ? Math.max(...resets) : fallback;
  if (!Number.isFinite(seconds) || seconds <= 0)
    return new Date(now.getTime() + X_DELAYS.rateLimit);
  // Never earlier than a second from now: a reset in the past means "now", not "in a loop".
  return new Date(Math.max(seconds * 1000, now.getTime() + 1000));
}

/** The human part of an X error body, whatever its shape. */
export function describe(data: unknown): string | undefined {
  if (!data || typeof data !== 'object') return typeof data === 'string' && data ? data : undefined;
  const d = data as {
    detail?: unknown;
    title?: unknown;
    errors?: Array<{ message?: unknown; detail?: unknown }>;
    error_description?: unknown;
    error?: unknown;
  };
  const first = d.errors?.[0];
  const text =
    first?.message ?? d.detail ?? first?.detail ?? d.error_description ?? d.error ?? d.title;
  return typeof text === 'string' ? text : undefined;
}
