/**
 * Graph API failures (Instagram and Facebook) → the platform-error taxonomy. Pure: the adapters
 * turn whatever the SDK threw into a `GraphFailure` and ask here what it means.
 *
 * The phase of the failed call matters. `commit` is the one call that makes a post visible
 * (media_publish, POST /photos, POST /feed): there a timeout, a 5xx or a transient error may hide
 * a success, so it is `unknown_outcome`. In `prepare` (containers, unpublished photos: invisible
 * and expiring) and `read`, the same failures are simply `retry_later`. Refusals — rate limits,
 * quota, auth, bad content — mean nothing happened, in any phase.
 */
import type { LocalizedText } from '../../common/app-error';
import type { SocialNetwork } from '../../content/rendering/template';
import { PlatformError, type PlatformErrorKind } from '../platform-adapter';

export type CallPhase = 'read' | 'prepare' | 'commit';

/** `timeout`: no answer in time; `connection`: no (complete) answer; `malformed`: not JSON. */
export type TransportFailure = 'timeout' | 'connection' | 'malformed';

export interface GraphErrorBody {
  message?: string;
  type?: string;
  code?: number;
  error_subcode?: number;
  is_transient?: boolean;
  error_user_msg?: string;
  fbtrace_id?: string;
}

export interface GraphFailure {
  /** HTTP status; null when no response arrived. */
  status: number | null;
  body: GraphErrorBody | null;
  /** Response headers, lower-case names. */
  headers: Record<string, string | undefined>;
  transport?: TransportFailure;
}

const MINUTE = 60_000;
export const GRAPH_DELAYS = {
  transient: MINUTE,
  rateLimit: 15 * MINUTE,
  containerNotReady: 30_000,
  downloadRetry: 2 * MINUTE,
  quota: 60 * MINUTE,
  policyBlock: 24 * 60 * MINUTE,
} as const;

const RATE_LIMIT_CODES = new Set([4, 17, 32, 341, 613]);
const AUTH_CODES = new Set([190, 102]);

interface Rule {
  kind: PlatformErrorKind;
  reason: LocalizedText;
  /** For retry_later: the wait when no header says better. */
  delayMs?: number;
}

const ig = (id: string, en: string): LocalizedText => ({
  id: `Instagram: ${id}`,
  en: `Instagram: ${en}`,
});

/** Instagram content-publishing subcodes (PLATFORMS.md), checked before the generic code. */
const IG_SUBCODES: Record<number, Rule> = {
  2207001: {
    kind: 'retry_later',
    delayMs: GRAPH_DELAYS.downloadRetry,
    reason: ig('galat server Instagram, dicoba lagi', 'Instagram server error, will retry'),
  },
  2207003: {
    kind: 'retry_later',
    delayMs: GRAPH_DELAYS.downloadRetry,
    reason: ig(
      'waktu habis saat Instagram mengunduh gambar, dicoba lagi',
      'timed out downloading the image, will retry',
    ),
  },
  2207008: {
    kind: 'retry_later',
    delayMs: GRAPH_DELAYS.containerNotReady,
    reason: ig('kontainer media belum tersedia', 'the media container is not available yet'),
  },
  2207027: {
    kind: 'retry_later',
    delayMs: GRAPH_DELAYS.containerNotReady,
    reason: ig('media belum siap diterbitkan', 'the media is not ready to publish yet'),
  },
  2207042: {
    kind: 'retry_later',
    delayMs: GRAPH_DELAYS.quota,
    reason: ig(
      'batas unggahan 24 jam akun tercapai',
      'the account reached its 24-hour publishing limit',
    ),
  },
  2207052: {
    kind: 'rejected',
    reason: ig(
      'gambar tidak dapat diambil dari URL-nya (harus dapat diakses publik)',
      'the image could not be fetched from its URL (it must be publicly reachable)',
    ),
  },
  2207004: {
    kind: 'rejected',
    reason: ig('gambar terlalu besar (paling besar 8 MB)', 'the image is too large (at most 8 MB)'),
  },
  2207005: {
    kind: 'rejected',
    reason: ig('format gambar tidak didukung (hanya JPEG)', 'unsupported image format (JPEG only)'),
  },
  2207009: {
    kind: 'rejected',
    reason: ig(
      'rasio aspek gambar harus antara 4:5 dan 1,91:1',
      'the image aspect ratio must be between 4:5 and 1.91:1',
    ),
  },
  2207010: {
    kind: 'rejected',
    reason: ig(
      'keterangan terlalu panjang (paling banyak 2.200 karakter)',
      'the caption is too long (at most 2,200 characters)',
    ),
  },
  2207040: {
    kind: 'rejected',
    reason: ig(
      'tagar atau sebutan terlalu banyak (paling banyak 30 tagar, 20 sebutan)',
      'too many hashtags or mentions (at most 30 hashtags, 20 mentions)',
    ),
  },
  2207051: {
    kind: 'rejected',
    reason: ig(
      'Instagram menahan unggahan ini sebagai aktivitas mencurigakan (spam)',
      'Instagram blocked this post as suspicious activity (spam)',
    ),
  },
  2207050: {
    kind: 'rejected',
    reason: ig(
      'akun dibatasi atau tidak aktif; periksa akun di aplikasi Instagram',
      'the account is restricted or inactive; check it in the Instagram app',
    ),
  },
};

const TOKEN_SUBCODE_REASONS: Record<number, LocalizedText> = {
  458: { id: 'aplikasi Karya dicabut dari akun', en: 'Karya was removed from the account' },
  460: { id: 'kata sandi akun diganti', en: 'the account password was changed' },
  463: { id: 'token akses kedaluwarsa', en: 'the access token expired' },
  464: { id: 'akun belum dikonfirmasi', en: 'the account is not confirmed' },
  467: { id: 'token akses tidak sah', en: 'the access token is invalid' },
};

const LABEL: Record<SocialNetwork, string> = {
  instagram: 'Instagram',
  facebook: 'Facebook',
  x: 'X',
};

export function classifyGraphError(
  network: SocialNetwork,
  failure: GraphFailure,
  phase: CallPhase,
  now: Date,
): PlatformError {
  const label = LABEL[network];
  const body = failure.body;
  const detail = body?.message;
  const make = (kind: PlatformErrorKind, reason: LocalizedText, code: string, delayMs = 0) =>
    new PlatformError(kind, {
      network,
      reason,
      platformCode: code,
      detail,
      retryAt: kind === 'retry_later' ? retryAt(failure.headers, now, delayMs) : undefined,
    });
  const uncertain = (code: string): PlatformError =>
    phase === 'commit'
      ? make(
          'unknown_outcome',
          {
            id: `${label}: hasil tidak pasti — unggahan mungkin sudah terbit; diperiksa sebelum dicoba lagi`,
            en: `${label}: outcome unknown — the post may be live; checking before any retry`,
          },
          code,
        )
      : make(
          'retry_later',
          {
            id: `${label}: layanan sedang terganggu, dicoba lagi`,
            en: `${label}: the service is having trouble, will retry`,
          },
          code,
          GRAPH_DELAYS.transient,
        );

  if (failure.transport) return uncertain(`network:${failure.transport}`);
  if (!body || body.code === undefined) {
    const status = failure.status ?? 0;
    if (status >= 500 || status === 0) return uncertain(`http:${status}`);
    return make('rejected', refusedReason(label, detail), `http:${status}`);
  }

  const code = body.code;
  const subcode = body.error_subcode;
  const platformCode = subcode ? `graph:${code}/${subcode}` : `graph:${code}`;
  const igRule = subcode !== undefined ? IG_SUBCODES[subcode] : undefined;
  if (igRule) {
    // A server error on the publishing call itself may still have published.
    if (subcode === 2207001) return uncertain(platformCode);
    return make(igRule.kind, igRule.reason, platformCode, igRule.delayMs);
  }
  if (AUTH_CODES.has(code)) {
    const why = (subcode && TOKEN_SUBCODE_REASONS[subcode]) || {
      id: 'token akses tidak berlaku',
      en: 'the access token is no longer valid',
    };
    return make(
      'reauthenticate',
      {
        id: `${label}: ${why.id}; hubungkan ulang akun`,
        en: `${label}: ${why.en}; reconnect the account`,
      },
      platformCode,
    );
  }
  if (RATE_LIMIT_CODES.has(code) || (code >= 80001 && code <= 80014)) {
    return make(
      'retry_later',
      {
        id: `${label}: batas panggilan API tercapai, dicoba lagi nanti`,
        en: `${label}: API rate limit reached, will retry later`,
      },
      platformCode,
      GRAPH_DELAYS.rateLimit,
    );
  }
  if (code === 9) {
    const quota = IG_SUBCODES[2207042];
    return make('retry_later', quota.reason, platformCode, quota.delayMs);
  }
  if (code === 368) {
    return make(
      'retry_later',
      {
        id: `${label}: akun sementara diblokir karena kebijakan; dicoba lagi besok`,
        en: `${label}: temporarily blocked for a policy reason; will retry tomorrow`,
      },
      platformCode,
      GRAPH_DELAYS.policyBlock,
    );
  }
  if (code === 506) {
    // "Duplicate status message": after an uncertain attempt this may be our own post.
    if (phase === 'commit') {
      return new PlatformError('unknown_outcome', {
        network,
        platformCode,
        detail,
        duplicate: true,
        reason: {
          id: `${label}: ditolak sebagai unggahan ganda — diperiksa apakah sudah terbit`,
          en: `${label}: refused as a duplicate post — checking whether it is already live`,
        },
      });
    }
    return make('rejected', refusedReason(label, detail), platformCode);
  }
  if (code >= 200 && code <= 299) {
    // A permission the account never granted (or withdrew): reconnecting grants it.
    return make(
      'reauthenticate',
      {
        id: `${label}: izin akun kurang (${detail ?? code}); hubungkan ulang dan berikan izinnya`,
        en: `${label}: the account lacks a permission (${detail ?? code}); reconnect and grant it`,
      },
      platformCode,
    );
  }
  if (code === 1 || code === 2 || body.is_transient === true || (failure.status ?? 0) >= 500) {
    return uncertain(platformCode);
  }
  // 3, 10, 100 and anything else unexplained: the request itself is refused.
  return make('rejected', refusedReason(label, body.error_user_msg ?? detail), platformCode);
}

function refusedReason(label: string, detail: string | undefined): LocalizedText {
  const suffix = detail ? `: ${detail}` : '';
  return {
    id: `${label} menolak unggahan${suffix}`,
    en: `${label} refused the post${suffix}`,
  };
}

/**
 * When to retry: Meta's `estimated_time_to_regain_access` (minutes) in X-Business-Use-Case-Usage
 * when present, otherwise the rule's own delay.
 */
export function retryAt(
  headers: Record<string, string | undefined>,
  now: Date,
  defaultDelayMs: number,
): Date {
  const minutes = regainAccessMinutes(headers['x-business-use-case-usage']);
  const delay = minutes > 0 ? minutes * MINUTE : defaultDelayMs;
  return new Date(now.getTime() + delay);
}

/** The largest estimated_time_to_regain_access over all business ids; 0 when absent or bad. */
export function regainAccessMinutes(header: string | undefined): number {
  if (!header) return 0;
  let parsed: unknown;
  try {
    parsed = JSON.parse(header);
  } catch {
    return 0;
  }
  if (!parsed || typeof parsed !== 'object') return 0;
  let max = 0;
  for (const entries of Object.values(parsed as Record<string, unknown>)) {
    if (!Array.isArray(entries)) continue;
    for (const entry of entries as Array<Record<string, unknown>>) {
      const value = Number(entry?.estimated_time_to_regain_access);
      if (Number.isFinite(value) && value > max) max = value;
    }
  }
  return max;
}
