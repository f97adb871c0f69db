import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Clock } from '../../common/clock';
import { DispatcherRepository } from './dispatcher.repository';
import { TargetOutcome, TargetPublisher } from './target-publisher';

/** Targets published at once by one process; the rest wait for the next claim. */
export const DISPATCH_CONCURRENCY = 4;
/** Claims per run: a run ends even when the queue is long, and the next tick goes on. */
const MAX_ROUNDS_PER_RUN = 25;
/**
 * A claimed target is this worker's for this long. It must outlast a slow publish (adapters time
 * out after 30 s, Instagram polls its container): an expired lease is treated as a crash.
 */
export const LEASE_MS = 5 * 60_000;

export interface RunSummary {
  claimed: number;
  outcomes: Record<TargetOutcome, number>;
}

/**
 * The dispatcher: the post_targets table is the queue. Each round claims a few due targets in one
 * short transaction (FOR UPDATE SKIP LOCKED, so any number of processes can run) and publishes
 * them outside any transaction.
 */
@Injectable()
export class DispatcherService {
  private readonly logger = new Logger(DispatcherService.name);
  readonly worker = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly inFlight = new Set<Promise<unknown>>();
  private stopping = false;

  constructor(
    private readonly repo: DispatcherRepository,
    private readonly publisher: TargetPublisher,
    private readonly clock: Clock,
  ) {}

  async runOnce(): Promise<RunSummary> {
    const summary: RunSummary = {
      claimed: 0,
      outcomes: { published: 0, waiting: 0, failed: 0, gone: 0 },
    };
    for (let round = 0; round < MAX_ROUNDS_PER_RUN && !this.stopping; round++) {
      const now = this.clock.now();
      const claimed = await this.repo.claim(
        this.worker,
        now,
        new Date(now.getTime() + LEASE_MS),
        DISPATCH_CONCURRENCY,
      );
      if (claimed.length === 0) break;
      summary.claimed += claimed.length;
      const results = await Promise.allSettled(
        claimed.map((target) => this.track(this.publisher.process(target, this.worker))),
      );
      for (const [i, result] of results.entries()) {
        if (result.status === 'fulfilled') summary.outcomes[result.value] += 1;
        else {
          // The lease stays: once it expires the target is reconciled, never lost.
          this.logger.error(`target ${claimed[i].id}: ${String(result.reason)}`);
        }
      }
    }
    return summary;
  }

  /** Stops claiming and waits for the publishes already under way. */
  async drain(): Promise<void> {
    this.stopping = true;
    await Promise.allSettled([...this.inFlight]);
  }

  private track<T>(work: Promise<T>): Promise<T> {
    this.inFlight.add(work);
    return work.finally(() => this.inFlight.delete(work));
  }
}
