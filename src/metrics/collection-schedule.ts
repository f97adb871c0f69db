/**
 * When to read a published target's metrics: about +1 h, +6 h, +24 h, +3 d, +7 d and +30 d after
 * publishing, then never again. Engagement grows fast at first and settles within a month, so
 * the early readings are close together and the last one is the lasting figure.
 *
 * Each due time gets a jitter derived from the target id, so the targets of a busy posting slot
 * do not all come due in the same second (rate limits are per account and per app). It is
 * deterministic: a restart, another worker or a test computes the same due time.
 *
 * A collector that was down misses due times. It then takes ONE late snapshot, labelled with the
 * latest label already due, and carries on with the next label: replaying every missed reading
 * would only spend the rate limit on figures that are identical by now.
 */

export const SCHEDULE_LABELS = ['1h', '6h', '24h', '3d', '7d', '30d'] as const;
export type ScheduleLabel = (typeof SCHEDULE_LABELS)[number];

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export const SCHEDULE_OFFSET_MS: Readonly<Record<ScheduleLabel, number>> = {
  '1h': HOUR_MS,
  '6h': 6 * HOUR_MS,
  '24h': DAY_MS,
  '3d': 3 * DAY_MS,
  '7d': 7 * DAY_MS,
  '30d': 30 * DAY_MS,
};

/** Jitter is at most this share of the offset (6 min for +1 h) and never more than the cap. */
const JITTER_SHARE = 0.1;
const JITTER_CAP_MS = HOUR_MS;

/** Targets claimed per tick: small, so a tick's calls stay well inside per-app rate limits. */
export const COLLECTION_BATCH_SIZE = 20;

/** How long a claimed target stays away from other workers while its platform call runs. */
export const COLLECTION_LEASE_MS = 10 * 60_000;

/** Wait after a `retry_later` without a reset time, and after an account needing re-login. */
export const RETRY_DEFAULT_MS = 15 * 60_000;
export const REAUTHENTICATE_WAIT_MS = DAY_MS;

export interface DueSnapshot {
  label: ScheduleLabel;
  dueAt: Date;
}

export function isScheduleLabel(value: string): value is ScheduleLabel {
  return (SCHEDULE_LABELS as readonly string[]).includes(value);
}

/** A stable fraction in [0, 1) from the target id and label (FNV-1a). */
function stableFraction(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) / 2 ** 32;
}

export function jitterMs(targetId: string, label: ScheduleLabel): number {
  const max = Math.min(SCHEDULE_OFFSET_MS[label] * JITTER_SHARE, JITTER_CAP_MS);
  return Math.floor(stableFraction(`${targetId}:${label}`) * max);
}

export function dueAt(publishedAt: Date, targetId: string, label: ScheduleLabel): Date {
  return new Date(publishedAt.getTime() + SCHEDULE_OFFSET_MS[label] + jitterMs(targetId, label));
}

function labelsAfter(taken: ScheduleLabel | null): readonly ScheduleLabel[] {
  return taken === null
    ? SCHEDULE_LABELS
    : SCHEDULE_LABELS.slice(SCHEDULE_LABELS.indexOf(taken) + 1);
}

/** The next snapshot after `taken` (null: none taken yet), or null when the schedule is done. */
export function nextSnapshot(
  publishedAt: Date,
  targetId: string,
  taken: ScheduleLabel | null,
): DueSnapshot | null {
  const [label] = labelsAfter(taken);
  return label ? { label, dueAt: dueAt(publishedAt, targetId, label) } : null;
}

/**
 * The label a snapshot taken at `now` stands for: the latest label after `taken` that is due
 * (earlier missed ones are skipped), or null when nothing is due yet.
 */
export function labelDueAt(
  publishedAt: Date,
  targetId: string,
  taken: ScheduleLabel | null,
  now: Date,
): ScheduleLabel | null {
  let due: ScheduleLabel | null = null;
  for (const label of labelsAfter(taken)) {
    if (dueAt(publishedAt, targetId, label) > now) break;
    due = label;
  }
  return due;
}

/** When to try again after a `retry_later`: the platform's time if it gave one, never sooner. */
export function retryAt(now: Date, platformRetryAt: Date | undefined): Date {
  const fallback = new Date(now.getTime() + RETRY_DEFAULT_MS);
  return platformRetryAt && platformRetryAt > now ? platformRetryAt : fallback;
}
