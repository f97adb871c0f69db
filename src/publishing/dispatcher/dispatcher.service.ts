import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Clock } from '../../common/clock';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { DueSignal } from '../due-signal/due-signal';
import { CLAIM_BATCH, NetworkSlots, PER_ACCOUNT_IN_FLIGHT } from './dispatch-limits';
import { ClaimedTarget, DispatchQueueRepository } from './dispatch-queue.repository';
import { TargetOutcome, TargetPublisher } from './target-publisher';

/**
 * A claimed target is this worker's for this long. It must outlast a slow publish (adapters time
 * out after 30 s, Instagram polls its container): an expired lease is treated as a crash.
 */
export const LEASE_MS = 5 * 60_000;
/** A target given back after an error of ours (not the platform's) is tried again this late. */
const ERROR_RELEASE_DELAY_MS = 30_000;
const INTERNAL_ERROR = {
  code: 'internal_error',
  message:
    'Galat internal sebelum unggahan dikirim; dicoba lagi / Internal error before the post was sent; will retry',
};
/** Wake-ups further away than this are left to the tick, which looks again anyway. */
const MAX_WAKE_DELAY_MS = 60_000;

export interface RunSummary {
  claimed: number;
  outcomes: Record<TargetOutcome, number>;
}

/**
 * The dispatcher: the post_targets table is the queue. A pump claims due targets in short
 * transactions (FOR UPDATE SKIP LOCKED, so any number of processes can run) as long as this
 * process has room, and publishes each outside any transaction; every finished publish frees a
 * slot and pumps again, so a long queue flows without waiting for a tick. Once started (worker
 * processes), it also wakes itself when the next target falls due.
 */
@Injectable()
export class DispatcherService {
  private readonly logger = new Logger(DispatcherService.name);
  readonly worker = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly slots: NetworkSlots;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly totals: RunSummary = emptySummary();
  private pumping: Promise<void> | null = null;
  private pumpAgain = false;
  private started = false;
  private stopping = false;
  private wake: { at: number; timer: NodeJS.Timeout } | null = null;

  constructor(
    private readonly queue: DispatchQueueRepository,
    private readonly publisher: TargetPublisher,
    private readonly clock: Clock,
    due: DueSignal,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.slots = new NetworkSlots(config.publishConcurrency);
    due.listen((at) => this.wakeAt(at));
  }

  /** Worker processes: from now on finished publishes and due times pump by themselves. */
  start(): void {
    if (this.started || this.stopping) return;
    this.started = true;
    this.kick();
  }

  /** Pumps now unless a pump is already running (then it goes round once more). */
  kick(): void {
    if (this.stopping) return;
    this.pump().catch((error: unknown) => this.logger.error(`dispatch failed: ${String(error)}`));
  }

  /**
   * Something falls due at `at` (a post scheduled, moved, queued or retried: the DueSignal): wake
   * then instead of at the next tick. Only the earliest wake-up is kept; the tick stays as the
   * safety net.
   */
  wakeAt(at: Date): void {
    if (!this.started || this.stopping) return;
    const delay = at.getTime() - this.clock.now().getTime();
    if (delay > MAX_WAKE_DELAY_MS) return;
    if (this.wake && this.wake.at <= at.getTime()) return;
    if (this.wake) clearTimeout(this.wake.timer);
    const timer = setTimeout(
      () => {
        this.wake = null;
        this.kick();
      },
      Math.max(0, delay),
    );
    timer.unref();
    this.wake = { at: at.getTime(), timer };
  }

  /**
   * Claims and publishes until nothing is due (tests and manual runs); waits for every publish
   * it started and says what became of them.
   */
  async runOnce(): Promise<RunSummary> {
    const before = structuredClone(this.totals);
    for (;;) {
      await this.pump();
      if (this.inFlight.size === 0 || this.stopping) break;
      // A finished publish frees room (or an account slot): claim again.
      await Promise.race(this.inFlight);
    }
    await Promise.allSettled([...this.inFlight]);
    return difference(this.totals, before);
  }

  /**
   * Stops claiming; targets whose platform call has not started are released for another worker
   * at once, the calls under way are waited for.
   */
  async drain(): Promise<void> {
    this.stopping = true;
    if (this.wake) clearTimeout(this.wake.timer);
    this.wake = null;
    await this.pumping?.catch(() => undefined);
    await Promise.allSettled([...this.inFlight]);
  }

  /** Single flight: a pump asked for while one runs makes that one go round again. */
  private pump(): Promise<void> {
    if (this.pumping) {
      this.pumpAgain = true;
      return this.pumping;
    }
    this.pumping = (async () => {
      do {
        this.pumpAgain = false;
        await this.fill();
      } while (this.pumpAgain && !this.stopping);
    })().finally(() => {
      this.pumping = null;
      if (this.started && !this.stopping) void this.scheduleWake();
    });
    return this.pumping;
  }

  /**
   * Claims batches while there is room and the claims come back full, then starts them all: a
   * burst is claimed before any of it is published, or the publishing would slow the later claims.
   */
  private async fill(): Promise<void> {
    const claimedNow: ClaimedTarget[] = [];
    try {
      while (!this.stopping) {
        const room = this.slots.room();
        const limit = Math.min(room.total, CLAIM_BATCH);
        if (limit === 0) return;
        const now = this.clock.now();
        const claimed = await this.queue.claim(
          this.worker,
          now,
          new Date(now.getTime() + LEASE_MS),
          { limit, perAccount: PER_ACCOUNT_IN_FLIGHT, networks: room.networks, room: room.room },
        );
        for (const target of claimed) {
          this.slots.take(target.network);
          claimedNow.push(target);
        }
        // Fewer than asked: nothing else is due now, or what is due waits for a busy account.
        if (claimed.length < limit) return;
      }
    } finally {
      for (const target of claimedNow) this.begin(target);
    }
  }

  /** Publishes a claimed target whose slot is already taken. */
  private begin(target: ClaimedTarget): void {
    this.totals.claimed += 1;
    const work = this.publisher
      .process(target, this.worker, () => this.stopping)
      .then(
        (outcome) => {
          this.totals.outcomes[outcome] += 1;
        },
        async (error: unknown) => {
          this.logger.error(`target ${target.id}: ${String(error)}`);
          // Before any platform call the target goes back at once; after one the lease stays,
          // and once it expires the target is reconciled, never lost.
          // Not at once: an error that repeats must not spin claim after claim.
          const at = new Date(this.clock.now().getTime() + ERROR_RELEASE_DELAY_MS);
          await this.queue
            .release(target, this.worker, at, INTERNAL_ERROR)
            .catch(() => this.logger.warn(`target ${target.id} kept until its lease expires`));
        },
      )
      .finally(() => {
        this.slots.release(target.network);
        this.inFlight.delete(work);
        if (this.started) this.kick();
      });
    this.inFlight.add(work);
  }

  private async scheduleWake(): Promise<void> {
    try {
      const next = await this.queue.nextDueAfter(this.clock.now());
      if (next) this.wakeAt(next);
    } catch (error) {
      this.logger.warn(`next due time unknown: ${String(error)}`);
    }
  }
}

function emptySummary(): RunSummary {
  return { claimed: 0, outcomes: { published: 0, waiting: 0, failed: 0, released: 0 } };
}

function difference(after: RunSummary, before: RunSummary): RunSummary {
  const summary = emptySummary();
  summary.claimed = after.claimed - before.claimed;
  for (const key of Object.keys(summary.outcomes) as TargetOutcome[]) {
    summary.outcomes[key] = after.outcomes[key] - before.outcomes[key];
  }
  return summary;
}
