/**
 * The one place that knows which adapter serves which network and account kind. Generic code
 * asks `adapterFor(account.network, account.kind)` and never branches on the network itself.
 */
import type { Clock } from '../common/clock';
import type { SocialNetwork } from '../content/rendering/template';
import { FacebookAdapter } from './facebook/facebook.adapter';
import {
  INSTAGRAM_DEFAULTS,
  InstagramAdapter,
  InstagramOptions,
} from './instagram/instagram.adapter';
import type { PlatformAdapter } from './platform-adapter';
import { SandboxAdapter } from './sandbox/sandbox.adapter';
import { XAdapter } from './x/x.adapter';

export const ACCOUNT_KINDS = ['live', 'sandbox'] as const;
export type AccountKind = (typeof ACCOUNT_KINDS)[number];

export interface PlatformSettings {
  graphApiBaseUrl: string;
  xApiBaseUrl: string;
  publicBaseUrl: string;
  /** Per request to a platform. */
  requestTimeoutMs?: number;
  instagram?: Partial<Pick<InstagramOptions, 'publishLimit' | 'poll'>>;
  /** The X app: OAuth 2.0 client (token refresh) and OAuth 1.0a consumer keys. */
  x?: { clientId?: string; clientSecret?: string; appKey?: string; appSecret?: string };
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

export class PlatformRegistry {
  constructor(
    private readonly adapters: Record<AccountKind, Record<SocialNetwork, PlatformAdapter>>,
  ) {}

  adapterFor(network: SocialNetwork, kind: AccountKind): PlatformAdapter {
    const adapter = this.adapters[kind]?.[network];
    if (!adapter) throw new Error(`No ${kind} adapter for network ${network}`);
    return adapter;
  }
}

export function createPlatformRegistry(settings: PlatformSettings, clock: Clock): PlatformRegistry {
  const timeoutMs = settings.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const graph = { baseUrl: settings.graphApiBaseUrl, timeoutMs };
  const sandbox = (network: SocialNetwork) =>
    new SandboxAdapter(network, { publicBaseUrl: settings.publicBaseUrl }, clock);
  return new PlatformRegistry({
    live: {
      instagram: new InstagramAdapter(
        { ...INSTAGRAM_DEFAULTS, ...settings.instagram, ...graph },
        clock,
      ),
      facebook: new FacebookAdapter(graph, clock),
      x: new XAdapter({ baseUrl: settings.xApiBaseUrl, timeoutMs, ...settings.x }, clock),
    },
    sandbox: { instagram: sandbox('instagram'), facebook: sandbox('facebook'), x: sandbox('x') },
  });
}
