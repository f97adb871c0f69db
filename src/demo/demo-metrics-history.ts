import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import type { SocialNetwork } from '../content/rendering/template';
import { dueAt, SCHEDULE_LABELS } from '../metrics/collection-schedule';
import { MetricsRecorder } from '../metrics/metrics-recorder';
import {
  sandboxPostId,
  simulateFollowers,
  simulatedReading,
} from '../platforms/sandbox/sandbox-simulation';

/** How far back the demo's publishing history goes, and how often it posted. */
const HISTORY_DAYS = 92;
const POST_EVERY_DAYS = 3;
/** Local posting hours (WIB for the demo institution), alternating. */
const POSTING_HOURS_UTC = [3, 12];
const DAY_MS = 86_400_000;

interface DemoAccount {
  id: string;
  network: SocialNetwork;
  external_id: string | null;
}

/**
 * Three months of published sandbox posts for the demo institution, with the snapshots the
 * collector would have taken and a follower count per day, so the dashboards have data at first
 * start. Figures go in through the metrics recorder, like the collector's: the rollups are
 * maintained by the same code. Runs once (skipped when the institution has any metrics).
 */
@Injectable()
export class DemoMetricsHistory {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly recorder: MetricsRecorder,
    private readonly clock: Clock,
  ) {}

  async seed(institutionId: string): Promise<void> {
    const [seeded] = await this.dataSource.query(
      `SELECT 1 FROM post_target_metrics WHERE institution_id = $1 LIMIT 1`,
      [institutionId],
    );
    if (seeded) return;
    const accounts: DemoAccount[] = await this.dataSource.query(
      `SELECT id, network, external_id FROM social_accounts
       WHERE institution_id = $1 AND kind = 'sandbox' AND status = 'connected' ORDER BY network`,
      [institutionId],
    );
    const products: { id: string; name: string }[] = await this.dataSource.query(
      `SELECT id, name FROM products WHERE institution_id = $1 AND status = 'active' ORDER BY sku`,
      [institutionId],
    );
    const [author] = await this.dataSource.query(
      `SELECT id FROM users WHERE institution_id = $1 ORDER BY created_at LIMIT 1`,
      [institutionId],
    );
    if (accounts.length === 0 || products.length === 0 || !author) return;

    const now = this.clock.now();
    const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
    for (let n = 0, day = HISTORY_DAYS; day >= 1; day -= POST_EVERY_DAYS, n++) {
      const publishedAt = new Date(
        today - day * DAY_MS + POSTING_HOURS_UTC[n % POSTING_HOURS_UTC.length] * 3_600_000,
      );
      await this.publishedPost(
        institutionId,
        author.id,
        products[n % products.length],
        accounts,
        publishedAt,
      );
    }
    const followers = [];
    for (let day = HISTORY_DAYS; day >= 0; day--) {
      // 09:00 WIB: the same date in every Indonesian time zone.
      const takenAt = new Date(today - day * DAY_MS + 2 * 3_600_000);
      for (const account of accounts) {
        followers.push({
          socialAccountId: account.id,
          day: takenAt.toISOString().slice(0, 10),
          followers: simulateFollowers(account.network, account.external_id ?? account.id, takenAt),
          takenAt,
        });
      }
    }
    await this.recorder.recordFollowerCounts(followers);
  }

  private async publishedPost(
    institutionId: string,
    authorId: string,
    product: { id: string; name: string },
    accounts: DemoAccount[],
    publishedAt: Date,
  ): Promise<void> {
    const caption = `${product.name}: karya warga binaan, tersedia di katalog kami. #karyawbp`;
    const targets = await this.dataSource.transaction(async (manager) => {
      const [post] = await manager.query(
        `INSERT INTO posts (institution_id, product_id, title, status, drafted_by, last_edited_by,
           planned_at, approved_by, approved_at)
         VALUES ($1, $2, $3, 'published', $4, $4, $5, $4, $5) RETURNING id`,
        [institutionId, product.id, product.name, authorId, publishedAt],
      );
      const made: Array<{ id: string; network: SocialNetwork; platformPostId: string }> = [];
      for (const account of accounts) {
        await manager.query(
          `INSERT INTO post_variants (post_id, institution_id, network, caption) VALUES ($1, $2, $3, $4)`,
          [post.id, institutionId, account.network, caption],
        );
        const [target] = await manager.query(
          `INSERT INTO post_targets (post_id, institution_id, social_account_id, network, status,
             planned_at, published_at, attempt_count)
           VALUES ($1, $2, $3, $4, 'published', $5, $5, 1) RETURNING id`,
          [post.id, institutionId, account.id, account.network, publishedAt],
        );
        const platformPostId = sandboxPostId(account.network, target.id, publishedAt);
        await manager.query(`UPDATE post_targets SET platform_post_id = $2 WHERE id = $1`, [
          target.id,
          platformPostId,
        ]);
        await manager.query(
          `INSERT INTO sandbox_posts (institution_id, social_account_id, post_target_id, network,
             marker, platform_post_id, caption, published_at)
           VALUES ($1, $2, $3::uuid, $4, $3::text, $5, $6, $7)`,
          [
            institutionId,
            account.id,
            target.id,
            account.network,
            platformPostId,
            caption,
            publishedAt,
          ],
        );
        made.push({ id: target.id, network: account.network, platformPostId });
      }
      return made;
    });
    await this.recorder.enrolTargets(targets.map((t) => t.id));
    const now = this.clock.now();
    const snapshots = targets.flatMap((target) =>
      SCHEDULE_LABELS.map((label) => ({ label, takenAt: dueAt(publishedAt, target.id, label) }))
        .filter(({ takenAt }) => takenAt <= now)
        .map(({ label, takenAt }) => {
          const { metrics, responses } = simulatedReading(
            target.network,
            target.platformPostId,
            takenAt,
          );
          return {
            postTargetId: target.id,
            network: target.network,
            publishedAt,
            label,
            takenAt,
            metrics,
            raw: responses,
          };
        }),
    );
    await this.recorder.recordAll(snapshots);
  }
}
