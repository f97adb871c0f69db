/**
 * Data for the dashboard and notification screens: the demo's metrics history (published
 * sandbox posts with the collector's snapshots, through the metrics recorder), one failed
 * target in the latest month, and notifications about it.
 */
import { DemoMetricsHistory } from '../../../src/demo/demo-metrics-history';
import { NotificationsService } from '../../../src/notifications/notifications.service';
import type { BrowserWorld } from './world';

const DAY_MS = 86_400_000;

/** YYYY-MM of an instant in WIB (the browser world's institutions use it). */
export function monthInJakarta(at: Date): string {
  return new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(0, 7);
}

/** The month the demo history's latest post (two days ago) falls in. */
export function latestHistoryMonth(): string {
  return monthInJakarta(new Date(Date.now() - 2 * DAY_MS));
}

export async function seedMetricsHistory(world: BrowserWorld): Promise<void> {
  await world.t.app.get(DemoMetricsHistory, { strict: false }).seed(world.institution.id);
}

/** A post whose only target failed two days ago with a platform error; returns the post id. */
export async function failedPost(world: BrowserWorld, title: string): Promise<string> {
  const ds = world.t.dataSource;
  const [account]: { id: string; network: string }[] = await ds.query(
    `SELECT id, network FROM social_accounts WHERE institution_id = $1 ORDER BY network LIMIT 1`,
    [world.institution.id],
  );
  const plannedAt = new Date(Date.now() - 2 * DAY_MS);
  const [post]: { id: string }[] = await ds.query(
    `INSERT INTO posts (institution_id, title, status, drafted_by, last_edited_by, planned_at)
     VALUES ($1, $2, 'failed', $3, $3, $4) RETURNING id`,
    [world.institution.id, title, world.users.staff.id, plannedAt],
  );
  await ds.query(
    `INSERT INTO post_targets (post_id, institution_id, social_account_id, network, status,
       planned_at, last_error_code, last_error_message)
     VALUES ($1, $2, $3, $4, 'failed', $5, 'IG_9004', 'Media tidak dapat diproses.')`,
    [post.id, world.institution.id, account.id, account.network, plannedAt],
  );
  return post.id;
}

/** A "publishing failed" notification for the post, as the dispatcher sends it. */
export async function notifyFailure(
  world: BrowserWorld,
  postId: string,
  title: string,
): Promise<void> {
  const notifications = world.t.app.get(NotificationsService, { strict: false });
  await notifications.notify(world.t.dataSource.manager, {
    institutionId: world.institution.id,
    kind: 'publish_failed',
    postId,
    title: { id: `Gagal tayang: ${title}`, en: `Failed to publish: ${title}` },
    body: {
      id: 'Instagram menolak media. Periksa foto lalu coba lagi.',
      en: 'Instagram refused the media. Check the photo and try again.',
    },
  });
}
