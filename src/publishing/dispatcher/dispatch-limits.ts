/**
 * How much publishing runs at once. Two limits, both institution-free:
 * - per network, per process (PUBLISH_CONCURRENCY): calls one process makes to one platform at
 *   the same time: its sockets and memory. A call mostly waits on the network, so hundreds are
 *   cheap; the database work around them is batched (BatchLoader).
 * - per account, across all processes: posts to one account in flight at once, so one busy
 *   institution cannot take every slot and its account's own limits are not hammered. The claim
 *   query enforces it from the leases in the database.
 */
import { SOCIAL_NETWORKS, type SocialNetwork } from '../../content/rendering/template';

export const PER_ACCOUNT_IN_FLIGHT = 4;
/** Targets taken in one claim: a claim stays a short transaction. */
export const CLAIM_BATCH = 500;

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
