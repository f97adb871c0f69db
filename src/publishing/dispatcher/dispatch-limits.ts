/**
 * How much publishing runs at once. Two limits, both institution-free:
 * - per network, per process: calls one process makes to one platform at the same time (its
 *   sockets, memory and the app-wide rate limits the platforms keep);
 * - per account, across all processes: posts to one account in flight at once, so one busy
 *   institution cannot take every slot and its account's own limits are not hammered. The claim
 *   query enforces it from the leases in the database.
 */
import { SOCIAL_NETWORKS, type SocialNetwork } from '../../content/rendering/template';

export interface DispatchLimits {
  perNetwork: number;
  perAccount: number;
  /** Targets taken in one claim: a claim stays a short transaction. */
  claimBatch: number;
}

// 64 per network keeps a process's ~190 publishes in flight within reach of its database pool
// (each publish makes a handful of short queries); more processes add more.
export const DISPATCH_LIMITS: DispatchLimits = { perNetwork: 64, perAccount: 4, claimBatch: 100 };

/** The free room of each network in this process: what the next claim may take. */
export interface ClaimRoom {
  networks: SocialNetwork[];
  room: number[];
  total: number;
}

/** Publishes in flight in this process, per network. Pure bookkeeping, no I/O. */
export class NetworkSlots {
  private readonly busy = new Map<SocialNetwork, number>();

  constructor(private readonly perNetwork: number) {}

  room(): ClaimRoom {
    const networks = SOCIAL_NETWORKS.filter((n) => this.free(n) > 0);
    const room = networks.map((n) => this.free(n));
    return { networks, room, total: room.reduce((sum, r) => sum + r, 0) };
  }

  take(network: SocialNetwork): void {
    if (this.free(network) <= 0) throw new Error(`no free ${network} slot`);
    this.busy.set(network, this.inUse(network) + 1);
  }

  release(network: SocialNetwork): void {
    this.busy.set(network, Math.max(0, this.inUse(network) - 1));
  }

  inUse(network: SocialNetwork): number {
    return this.busy.get(network) ?? 0;
  }

  private free(network: SocialNetwork): number {
    return this.perNetwork - this.inUse(network);
  }
}
