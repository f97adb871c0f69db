/** What Instagram and Facebook adapters share about accounts and paging. */
import type { Clock } from '../../common/clock';
import type { SocialNetwork } from '../../content/rendering/template';
import type { GraphApi, GraphCaller } from './graph-api';
import type { GraphFailure } from './graph-errors';
import {
  PlatformAccount,
  PlatformError,
  ReconcileResult,
  RefreshResult,
  type GraphCredentials,
} from '../platform-adapter';

const LABEL = { instagram: 'Instagram', facebook: 'Facebook', x: 'X' } as const;

export function graphCredentials(
  network: SocialNetwork,
  account: PlatformAccount,
): GraphCredentials {
  if (account.credentials.type === 'graph') return account.credentials;
  throw new PlatformError('reauthenticate', {
    network,
    platformCode: 'karya:credentials',
    reason: {
      id: `${LABEL[network]}: akun belum terhubung dengan token Graph; hubungkan ulang`,
      en: `${LABEL[network]}: the account holds no Graph token; reconnect it`,
    },
  });
}

/**
 * Page tokens (which the Instagram business account also uses) do not expire; a long-lived user
 * token cannot be renewed without the person, so expiry means reconnecting.
 */
export function graphRefresh(
  network: SocialNetwork,
  account: PlatformAccount,
  clock: Clock,
): RefreshResult {
  const credentials = graphCredentials(network, account);
  if (credentials.expiresAt && Date.parse(credentials.expiresAt) <= clock.now().getTime()) {
    throw new PlatformError('reauthenticate', {
      network,
      platformCode: 'karya:token-expired',
      reason: {
        id: `${LABEL[network]}: token akses kedaluwarsa; hubungkan ulang akun`,
        en: `${LABEL[network]}: the access token expired; reconnect the account`,
      },
    });
  }
  return { status: 'not_needed' };
}

export interface GraphPage<T> {
  data?: T[];
  paging?: { cursors?: { after?: string }; next?: string };
}

/** Pages of an edge until `enough` says stop or `maxPages` is reached; follows `after` cursors. */
export async function collectPages<T>(
  fetchPage: (after: string | undefined) => Promise<GraphPage<T>>,
  enough: (items: T[]) => boolean,
  maxPages = 4,
): Promise<T[]> {
  const items: T[] = [];
  let after: string | undefined;
  for (let i = 0; i < maxPages; i++) {
    const page = await fetchPage(after);
    items.push(...(page.data ?? []));
    after = page.paging?.next ? page.paging.cursors?.after : undefined;
    if (!after || enough(items)) break;
  }
  return items;
}

/** Parses Graph times (`2026-07-01T03:00:00+0000`); invalid → epoch, so it never matches. */
export function graphTime(value: string | undefined): Date {
  const ms = value ? Date.parse(value) : NaN;
  return new Date(Number.isNaN(ms) ? 0 : ms);
}

/** Graph's "object does not exist" (100/33) or a plain 404. */
/**
 * Reconcile by a known id: the post when Graph still has it, null when it is gone; any other
 * failure is classified and thrown. Instagram names the link `permalink`, Pages `permalink_url`.
 */
export async function findPostById(
  caller: GraphCaller,
  api: GraphApi,
  id: string,
  permalinkField: 'permalink' | 'permalink_url',
): Promise<ReconcileResult | null> {
  const post = await caller.attempt(() =>
    api.call<{ id: string } & Partial<Record<typeof permalinkField, string>>>('GET', [id], {
      fields: `id,${permalinkField}`,
    }),
  );
  if ('ok' in post) {
    return {
      status: 'found',
      platformPostId: post.ok.id,
      permalink: post.ok[permalinkField] ?? null,
    };
  }
  if (!isMissing(post.failure)) throw caller.classify(post.failure, 'read');
  return null;
}

export function isMissing(failure: GraphFailure): boolean {
  return (
    (failure.body?.code === 100 && failure.body.error_subcode === 33) || failure.status === 404
  );
}

/** Drops undefined values: the SDK would send them as the string "undefined". */
export function compact(params: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined));
}
