import { Injectable } from '@nestjs/common';
import type { SocialNetwork } from '../content/rendering/template';
import type { PlatformResponse, PostMetrics } from '../platforms/platform-adapter';
import { nextSnapshot, ScheduleLabel } from './collection-schedule';
import { countsFromMetrics } from './metric-counts';
import { FollowerCountRepository, type FollowerCount } from './follower-count.repository';
import { MetricsRepository, UnenrolledTarget } from './metrics.repository';

export interface TakenSnapshot {
  postTargetId: string;
  network: SocialNetwork;
  publishedAt: Date;
  label: ScheduleLabel;
  takenAt: Date;
  metrics: PostMetrics;
  /** What the platform answered, kept for audit; never holds credentials. */
  raw: PlatformResponse[];
}

/**
 * The one way figures enter the metrics tables (the collector and the demo seed both use it), so
 * the latest figures and the daily rollups are always maintained together.
 */
@Injectable()
export class MetricsRecorder {
  constructor(
    private readonly repo: MetricsRepository,
    private readonly followerCounts: FollowerCountRepository,
  ) {}

  /** Published targets enter the rollups with their first snapshot due. */
  async enrol(targets: UnenrolledTarget[]): Promise<number> {
    return this.repo.enrol(
      targets.map((t) => ({
        postTargetId: t.postTargetId,
        next: nextSnapshot(t.publishedAt, t.postTargetId, null),
      })),
    );
  }

  /** Enrols these targets if they are published and not enrolled yet, whatever their age. */
  async enrolTargets(postTargetIds: string[]): Promise<number> {
    return this.enrol(await this.repo.unenrolledAmong(postTargetIds));
  }

  async record(snapshot: TakenSnapshot): Promise<void> {
    await this.recordAll([snapshot]);
  }

  /** Several snapshots in one transaction, in order (a target's history, oldest first). */
  async recordAll(snapshots: TakenSnapshot[]): Promise<void> {
    await this.repo.recordSnapshots(
      snapshots.map((snapshot) => ({
        postTargetId: snapshot.postTargetId,
        takenAt: snapshot.takenAt,
        label: snapshot.label,
        metrics: snapshot.metrics,
        raw: snapshot.raw,
        counts: countsFromMetrics(snapshot.network, snapshot.metrics),
        next: nextSnapshot(snapshot.publishedAt, snapshot.postTargetId, snapshot.label),
      })),
    );
  }

  /** Follower counts for institution-local days (YYYY-MM-DD), replacing what was there. */
  async recordFollowerCounts(counts: readonly FollowerCount[]): Promise<void> {
    if (counts.length > 0) await this.followerCounts.upsert(counts);
  }
}
