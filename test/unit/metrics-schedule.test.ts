import { describe, expect, it } from '@jest/globals';
import {
  dueAt,
  jitterMs,
  labelDueAt,
  nextSnapshot,
  retryAt,
  SCHEDULE_LABELS,
  SCHEDULE_OFFSET_MS,
} from '../../src/metrics/collection-schedule';

const PUBLISHED = new Date('2026-03-10T02:00:00Z');
const TARGET = '6f1c2a9e-4b1d-4f7a-9a51-0d2c3e4f5a6b';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (ms: number) => new Date(PUBLISHED.getTime() + ms);

describe('metric collection schedule', () => {
  it('asks for snapshots at +1 h, +6 h, +24 h, +3 d, +7 d and +30 d, then stops', () => {
    const labels: string[] = [];
    const offsets: number[] = [];
    let taken: (typeof SCHEDULE_LABELS)[number] | null = null;
    for (let next = nextSnapshot(PUBLISHED, TARGET, taken); next;) {
      labels.push(next.label);
      offsets.push(next.dueAt.getTime() - PUBLISHED.getTime() - jitterMs(TARGET, next.label));
      taken = next.label;
      next = nextSnapshot(PUBLISHED, TARGET, taken);
    }
    expect(labels).toEqual(['1h', '6h', '24h', '3d', '7d', '30d']);
    expect(offsets).toEqual([HOUR, 6 * HOUR, DAY, 3 * DAY, 7 * DAY, 30 * DAY]);
    expect(nextSnapshot(PUBLISHED, TARGET, '30d')).toBeNull();
  });

  it('jitters each due time by at most a tenth of its offset and at most an hour, the same every time', () => {
    for (const label of SCHEDULE_LABELS) {
      const jitter = jitterMs(TARGET, label);
      expect(jitter).toBeGreaterThanOrEqual(0);
      expect(jitter).toBeLessThanOrEqual(Math.min(SCHEDULE_OFFSET_MS[label] / 10, HOUR));
      expect(jitterMs(TARGET, label)).toBe(jitter);
    }
  });

  it('spreads the targets of one posting slot over the first snapshot window', () => {
    const dues = Array.from({ length: 200 }, (_, i) =>
      dueAt(PUBLISHED, `target-${i}`, '1h').getTime(),
    );
    const spread = Math.max(...dues) - Math.min(...dues);
    expect(spread).toBeGreaterThan(5 * 60_000);
    expect(new Set(dues).size).toBeGreaterThan(150);
  });

  it('has nothing due before the first snapshot time', () => {
    expect(labelDueAt(PUBLISHED, TARGET, null, at(HOUR - 1))).toBeNull();
    expect(labelDueAt(PUBLISHED, TARGET, null, dueAt(PUBLISHED, TARGET, '1h'))).toBe('1h');
  });

  it('takes one late snapshot, labelled with the latest due label, after missing several', () => {
    // The collector was down from +30 min to +2 days: 1h, 6h and 24h were missed.
    const now = at(2 * DAY);
    expect(labelDueAt(PUBLISHED, TARGET, null, now)).toBe('24h');
    // … and carries on with +3 d, never replaying 1h or 6h.
    expect(nextSnapshot(PUBLISHED, TARGET, '24h')?.label).toBe('3d');
    expect(labelDueAt(PUBLISHED, TARGET, '24h', now)).toBeNull();
  });

  it('takes a single 30-day snapshot for a target first seen two months after publishing', () => {
    expect(labelDueAt(PUBLISHED, TARGET, null, at(60 * DAY))).toBe('30d');
    expect(nextSnapshot(PUBLISHED, TARGET, '30d')).toBeNull();
  });

  it('retries at the platform’s reset time, or after 15 minutes when it gives none or a past one', () => {
    const now = at(HOUR);
    const reset = at(HOUR + 40 * 60_000);
    expect(retryAt(now, reset)).toEqual(reset);
    expect(retryAt(now, undefined)).toEqual(at(HOUR + 15 * 60_000));
    expect(retryAt(now, at(0))).toEqual(at(HOUR + 15 * 60_000));
  });
});
