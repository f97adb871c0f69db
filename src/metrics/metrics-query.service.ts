import { Injectable } from '@nestjs/common';
import { TZDate } from '@date-fns/tz';
import type { RequestScope } from '../auth/request-scope';
import { AppError } from '../common/app-error';
import { Clock } from '../common/clock';
import {
  countsOf,
  FollowerHistoryQuery,
  FollowerHistoryResponse,
  PostMetricsResponse,
} from './metrics.dto';
import { MetricsQueryRepository, SnapshotRow } from './metrics-query.repository';

const DAY_MS = 86_400_000;
/** Follower history answers at most this many days per request (the default is the last year). */
const MAX_FOLLOWER_DAYS = 2 * 366;
const DEFAULT_FOLLOWER_DAYS = 365;

@Injectable()
export class MetricsQueryService {
  constructor(
    private readonly repo: MetricsQueryRepository,
    private readonly clock: Clock,
  ) {}

  async postMetrics(scope: RequestScope, postId: string): Promise<PostMetricsResponse> {
    const institutionId = scope.institutionFilter;
    if (!(await this.repo.postExists(postId, institutionId))) {
      throw AppError.notFound({ id: 'Unggahan', en: 'Post' });
    }
    const targets = await this.repo.targetsOfPost(postId, institutionId);
    const snapshots = await this.repo.snapshotsOf(targets.map((t) => t.post_target_id));
    const byTarget = new Map<string, SnapshotRow[]>();
    for (const s of snapshots) {
      byTarget.set(s.post_target_id, [...(byTarget.get(s.post_target_id) ?? []), s]);
    }
    return {
      postId,
      targets: targets.map((t) => ({
        postTargetId: t.post_target_id,
        socialAccountId: t.social_account_id,
        network: t.network,
        publishedAt: t.published_at.toISOString(),
        publishedDay: t.published_day,
        latest: countsOf(t),
        latestMetrics: t.metrics,
        snapshotCount: t.snapshot_count,
        lastSnapshotAt: t.last_snapshot_at?.toISOString() ?? null,
        nextSnapshotAt: t.next_snapshot_at?.toISOString() ?? null,
        snapshots: (byTarget.get(t.post_target_id) ?? []).map((s) => ({
          takenAt: s.taken_at.toISOString(),
          scheduleLabel: s.schedule_label,
          metrics: s.metrics,
        })),
      })),
    };
  }

  async followerHistory(
    scope: RequestScope,
    accountId: string,
    query: FollowerHistoryQuery,
  ): Promise<FollowerHistoryResponse> {
    const zone = await this.repo.accountZone(accountId, scope.institutionFilter);
    if (!zone) throw AppError.notFound({ id: 'Akun media sosial', en: 'Social account' });
    const to = query.to ? dayNumber(query.to, 'to') : todayIn(this.clock.now(), zone);
    const from = query.from ? dayNumber(query.from, 'from') : to - (DEFAULT_FOLLOWER_DAYS - 1);
    if (from > to) {
      throw AppError.validation('from', {
        id: 'Tanggal awal harus sebelum tanggal akhir',
        en: 'from must not be after to',
      });
    }
    if (to - from + 1 > MAX_FOLLOWER_DAYS) {
      throw AppError.validation('from', {
        id: `Rentang paling lama ${MAX_FOLLOWER_DAYS} hari`,
        en: `The range is at most ${MAX_FOLLOWER_DAYS} days`,
      });
    }
    const rows = await this.repo.followers(accountId, dayText(from), dayText(to));
    return {
      socialAccountId: accountId,
      from: dayText(from),
      to: dayText(to),
      days: rows.map((r) => ({
        day: r.day,
        followers: r.followers === null ? null : Number(r.followers),
        takenAt: r.taken_at.toISOString(),
      })),
    };
  }
}

/** Days since 1970-01-01 of a YYYY-MM-DD that names a real calendar day. */
function dayNumber(text: string, field: string): number {
  const [y, m, d] = text.split('-').map(Number);
  const ms = Date.UTC(y, m - 1, d);
  if (new Date(ms).toISOString().slice(0, 10) !== text) {
    throw AppError.validation(field, {
      id: `${field}: tanggal tidak ada di kalender`,
      en: `${field}: no such calendar day`,
    });
  }
  return ms / DAY_MS;
}

function dayText(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function todayIn(now: Date, zone: string): number {
  const local = new TZDate(now.getTime(), zone);
  return Date.UTC(local.getFullYear(), local.getMonth(), local.getDate()) / DAY_MS;
}
