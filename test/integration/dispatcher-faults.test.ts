/**
 * The fakes fail 20 % of all calls at random (5xx, 429 with a reset, timeouts, failures after the
 * side effect). The dispatcher runs round after round, the frozen clock jumping to the next
 * stated retry time, until nothing is left: every target is then published exactly once on its
 * platform, or failed with a reason and absent from it. Nothing is stuck.
 */
import { describe, expect, it } from '@jest/globals';
import { DispatcherService } from '../../src/publishing/dispatcher/dispatcher.service';
import type { FailureMode } from '../support/fakes/fake-http';
import { seedLiveInstitution, useLiveFakesApp } from '../support/live-world';
import { tally } from '../support/live-fixtures';

const live = useLiveFakesApp({ PLATFORM_REQUEST_TIMEOUT_MS: '800' });
const TARGETS = 45;
const MODES: FailureMode[] = [
  'server_error',
  'rate_limited',
  'timeout',
  'error_after_side_effect',
  'drop_after_side_effect',
];

describe('dispatcher under random platform faults', () => {
  it('ends every target published exactly once or failed with a reason', async () => {
    const { t, fakes, clock } = live;
    const { institutionId } = await seedLiveInstitution(live, {
      perNetwork: 4,
      targets: TARGETS,
      tagPrefix: 'Gangguan',
    });
    fakes.graph.failRandomly(0.2, { seed: 20260310, modes: MODES });
    fakes.x.failRandomly(0.2, { seed: 20260311, modes: MODES });
    const dispatcher = t.app.get(DispatcherService);

    for (let round = 0; round < 30; round++) {
      await dispatcher.runOnce();
      const [next] = await t.dataSource.query(
        `SELECT min(next_attempt_at) AS at FROM post_targets
         WHERE institution_id = $1 AND status = 'retry_waiting'`,
        [institutionId],
      );
      if (!next.at) break;
      // Time passes until the earliest stated retry time; meanwhile the platforms finish the
      // requests a client gave up on (the frozen clock must not outrun them).
      await fakes.settled();
      clock.set(new Date(Math.max(clock.now().getTime(), new Date(next.at).getTime())));
    }

    const result = await tally(t.dataSource, [institutionId]);
    expect(result.unfinished).toBe(0);
    expect(result.failedWithoutReason).toBe(0);
    expect(result.doublyPublished).toBe(0);
    expect(result.statuses.published).toBeGreaterThan(TARGETS / 2);

    const targets: { status: string; caption: string }[] = await t.dataSource.query(
      `SELECT t.status, v.caption FROM post_targets t
       JOIN post_variants v ON v.post_id = t.post_id AND v.network = t.network
       WHERE t.institution_id = $1`,
      [institutionId],
    );
    const onPlatforms = fakes.postsByCaption();
    const wrong = targets
      .map((target) => ({ ...target, onPlatform: onPlatforms.get(target.caption) ?? 0 }))
      .filter((target) => target.onPlatform !== (target.status === 'published' ? 1 : 0));
    expect(wrong).toEqual([]);

    // The faults did happen, of every kind.
    const failed = [...fakes.graph.requests, ...fakes.x.requests].map((r) => r.failure);
    for (const mode of MODES) expect(failed).toContain(mode);
  }, 120_000);
});
