import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../common/clock';
import { isPlatformError, PlatformAccount, PlatformError } from '../platforms/platform-adapter';
import { PlatformRegistry } from '../platforms/platform-registry';
import {
  AccountCredentialsService,
  CredentialsMissingError,
} from '../publishing/accounts/account-credentials.service';
import {
  COLLECTION_BATCH_SIZE,
  COLLECTION_LEASE_MS,
  labelDueAt,
  nextSnapshot,
  REAUTHENTICATE_WAIT_MS,
  retryAt,
  SCHEDULE_OFFSET_MS,
} from './collection-schedule';
import { ClaimedFollowerCount, FollowerCountRepository } from './follower-count.repository';
import { ClaimedSnapshot, CollectionScope, MetricsRepository } from './metrics.repository';
import { MetricsRecorder } from './metrics-recorder';

/** Newly published targets are looked for this far back (longer than the whole schedule). */
const ENROL_LOOKBACK_MS = SCHEDULE_OFFSET_MS['30d'] + 10 * 24 * 3_600_000;
const ENROL_BATCH_SIZE = 500;
/** Follower counts fetched per tick: one call per account and day. */
const FOLLOWER_BATCH_SIZE = 10;
/** Snapshot partitions are made this many months ahead, checked once per process per day. */
const PARTITION_MONTHS_AHEAD = 3;
const PARTITION_CHECK_MS = 24 * 3_600_000;

export interface CollectionRun {
  enrolled: number;
  snapshots: number;
  postponed: number;
  followers: number;
}

/**
 * One collection pass: enrol newly published targets, take the due snapshots (a small batch under
 * a lease, platform calls outside any transaction), then the day's follower counts.
 *
 * Errors, per the adapter contract: `retry_later` moves that target's attempt to the platform's
 * time; `reauthenticate` (or missing credentials) skips the account's other targets in this pass
 * and waits a day (the account's owner must reconnect; publishing flags the account); `rejected`
 * (the post is gone) gives up that label and goes on with the schedule.
 */
@Injectable()
export class MetricCollectorService {
  private readonly logger = new Logger(MetricCollectorService.name);
  private partitionsCheckedAt = 0;

  constructor(
    private readonly repo: MetricsRepository,
    private readonly followerCounts: FollowerCountRepository,
    private readonly recorder: MetricsRecorder,
    private readonly registry: PlatformRegistry,
    private readonly credentials: AccountCredentialsService,
    private readonly clock: Clock,
  ) {}

  /** One collection pass; `scope` limits it to some institutions (an operator's or a test's). */
  async runOnce(scope: CollectionScope = {}): Promise<CollectionRun> {
    await this.ensurePartitions();
    const now = this.clock.now();
    const fresh = await this.repo.unenrolledSince(
      new Date(now.getTime() - ENROL_LOOKBACK_MS),
      ENROL_BATCH_SIZE,
      scope,
    );
    const enrolled = await this.recorder.enrol(fresh);
    const run: CollectionRun = { enrolled, snapshots: 0, postponed: 0, followers: 0 };
    await this.collectSnapshots(run, scope);
    run.followers = await this.collectFollowers(scope);
    return run;
  }

  private async ensurePartitions(): Promise<void> {
    const now = this.clock.now();
    if (now.getTime() - this.partitionsCheckedAt < PARTITION_CHECK_MS) return;
    const months = Array.from(
      { length: PARTITION_MONTHS_AHEAD + 1 },
      (_, i) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + i, 1)),
    );
    await this.repo.ensurePartitions(months);
    this.partitionsCheckedAt = now.getTime();
  }

  private async collectSnapshots(run: CollectionRun, scope: CollectionScope): Promise<void> {
    const now = this.clock.now();
    const claimed = await this.repo.claimDue(
      now,
      new Date(now.getTime() + COLLECTION_LEASE_MS),
      COLLECTION_BATCH_SIZE,
      scope,
    );
    // Accounts found unusable in this pass: their other targets wait without a platform call.
    const unusable = new Map<string, AccountUnusable>();
    for (const target of claimed) {
      const outcome = await this.collectOne(target, unusable).catch((error: unknown) => {
        // One broken target or account (say, credentials under a retired key) must not stop the
        // pass: it waits like a refusal and the error is logged.
        this.logger.error(`metrics of target ${target.postTargetId} failed: ${String(error)}`);
        return unusableFor(this.clock.now(), null);
      });
      if (outcome === 'taken') {
        run.snapshots++;
        continue;
      }
      run.postponed++;
      if (outcome === 'postponed') continue;
      unusable.set(target.socialAccountId, outcome);
      await this.repo.postpone(target.postTargetId, outcome.waitUntil, outcome.code);
    }
  }

  private async collectOne(
    target: ClaimedSnapshot,
    unusable: Map<string, AccountUnusable>,
  ): Promise<'taken' | 'postponed' | AccountUnusable> {
    const account =
      unusable.get(target.socialAccountId) ?? (await this.accountFor(target.socialAccountId));
    return 'waitUntil' in account ? account : this.snapshot(target, account);
  }

  private async snapshot(
    target: ClaimedSnapshot,
    account: PlatformAccount,
  ): Promise<'taken' | 'postponed' | AccountUnusable> {
    const adapter = this.registry.adapterFor(target.network, target.accountKind);
    const takenAt = this.clock.now();
    const label =
      labelDueAt(target.publishedAt, target.postTargetId, target.lastLabel, takenAt) ??
      nextSnapshot(target.publishedAt, target.postTargetId, target.lastLabel)?.label;
    if (!label) return 'postponed';
    try {
      const { metrics, responses } = await adapter.fetchMetrics(account, target.platformPostId);
      await this.recorder.record({ ...target, label, takenAt, metrics, raw: responses });
      return 'taken';
    } catch (error) {
      if (!isPlatformError(error)) throw error;
      this.logger.warn(`metrics of target ${target.postTargetId}: ${error.message}`);
      const now = this.clock.now();
      switch (error.kind) {
        case 'retry_later':
          await this.repo.postpone(
            target.postTargetId,
            retryAt(now, error.retryAt),
            error.platformCode,
          );
          return 'postponed';
        case 'reauthenticate':
          return unusableFor(now, error);
        default:
          await this.repo.skipLabel(
            target.postTargetId,
            label,
            nextSnapshot(target.publishedAt, target.postTargetId, label),
            error.platformCode,
          );
          return 'postponed';
      }
    }
  }

  private async collectFollowers(scope: CollectionScope): Promise<number> {
    const now = this.clock.now();
    const claimed = await this.followerCounts.claimDue(
      now,
      new Date(now.getTime() + COLLECTION_LEASE_MS),
      FOLLOWER_BATCH_SIZE,
      scope,
    );
    let counted = 0;
    for (const claim of claimed) {
      const takenAt = this.clock.now();
      const result = await this.followersOf(claim).catch((error: unknown) => {
        this.logger.error(`followers of account ${claim.socialAccountId} failed: ${String(error)}`);
        return unusableFor(this.clock.now(), null);
      });
      if (typeof result === 'object' && result !== null) {
        // Unknown for now; `retry`: asked again at waitUntil, otherwise unknown for the day.
        await this.followerCounts.record(claim.socialAccountId, claim.day, {
          followers: null,
          takenAt,
          retryAt: result.retry ? result.waitUntil : null,
          errorCode: result.code,
        });
        continue;
      }
      await this.followerCounts.record(claim.socialAccountId, claim.day, {
        followers: result,
        takenAt: this.clock.now(),
        retryAt: null,
        errorCode: null,
      });
      counted++;
    }
    return counted;
  }

  private async followersOf(claim: ClaimedFollowerCount): Promise<number | null | AccountUnusable> {
    const account = await this.accountFor(claim.socialAccountId);
    if ('waitUntil' in account) return account;
    try {
      return await this.registry
        .adapterFor(claim.network, claim.accountKind)
        .fetchFollowers(account);
    } catch (error) {
      if (!isPlatformError(error)) throw error;
      return unusableFor(this.clock.now(), error);
    }
  }

  private async accountFor(socialAccountId: string): Promise<PlatformAccount | AccountUnusable> {
    try {
      return await this.credentials.platformAccountFor(socialAccountId);
    } catch (error) {
      const now = this.clock.now();
      if (error instanceof CredentialsMissingError) {
        return {
          waitUntil: new Date(now.getTime() + REAUTHENTICATE_WAIT_MS),
          code: 'no_credentials',
          retry: false,
        };
      }
      if (isPlatformError(error)) return unusableFor(now, error);
      throw error;
    }
  }
}

/** Why an account's calls wait, and until when; `retry`: the wait is short (a token refresh). */
interface AccountUnusable {
  waitUntil: Date;
  code: string;
  retry: boolean;
}

/** `error` null: an unexpected failure, retried like a platform's `retry_later`. */
function unusableFor(now: Date, error: PlatformError | null): AccountUnusable {
  if (error === null)
    return { waitUntil: retryAt(now, undefined), code: 'internal_error', retry: true };
  return error.kind === 'retry_later'
    ? { waitUntil: retryAt(now, error.retryAt), code: error.platformCode, retry: true }
    : {
        waitUntil: new Date(now.getTime() + REAUTHENTICATE_WAIT_MS),
        code: error.platformCode,
        retry: false,
      };
}
