import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FrozenClock } from '../../src/common/clock';
import { createTestApp, TestApp } from '../support/app';
import { buildPlanWorld, csv, importFile, postsOf } from './calendar-planning-fixtures';
import { headers, NOW } from './posts-fixtures';

describe('calendar planning: a 5,000-row plan file', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ clock: new FrozenClock(NOW) });
  });
  afterAll(async () => t?.close());

  it('validates every row in the background, reports progress and stores nothing', async () => {
    const w = await buildPlanWorld(t);
    const lines = Array.from({ length: 5000 }, (_, i) => {
      const day = 23 + (i % 7);
      const sku = i === 4321 ? 'TIDAK-ADA' : w.sku;
      return `2026-03-${day},${String(8 + (i % 12)).padStart(2, '0')}:00,${sku},x,,Baris ${i},,`;
    });
    // One unknown SKU (row 4323 in Excel's numbering) keeps the test fast: validation only.
    const res = await importFile(t, w, csv(lines)).expect(202);
    expect(res.body.status).toBe('validating');
    let plan = res.body as { status: string; totalRows: number; errors: unknown[] };
    const deadline = Date.now() + 15_000;
    while (plan.status === 'validating' || plan.status === 'importing') {
      if (Date.now() > deadline) throw new Error(`import still ${plan.status}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const poll = await t
        .http()
        .get(`/api/calendar/imports/${res.body.id}`)
        .set(headers(w.staff))
        .expect(200);
      plan = poll.body;
    }
    expect(plan).toMatchObject({
      status: 'failed',
      totalRows: 5000,
      errors: [{ row: 4323, column: 'sku' }],
    });
    expect(await postsOf(t, w.institutionId)).toEqual([]);
  });
});
