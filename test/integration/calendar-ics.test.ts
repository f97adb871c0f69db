import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ICAL from 'ical.js';
import { FrozenClock } from '../../src/common/clock';
import { createTestApp, TestApp } from '../support/app';
import { buildPlanWorld, csv, importFile } from './calendar-planning-fixtures';
import { headers, NOW } from './posts-fixtures';

describe('calendar ICS feed', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ clock: new FrozenClock(NOW) });
  });
  afterAll(async () => t?.close());

  const pathOf = (url: string) => new URL(url).pathname;

  it('serves planned posts as iCalendar events in UTC, readable by an independent parser', async () => {
    const w = await buildPlanWorld(t);
    await importFile(
      t,
      w,
      csv([
        `2026-03-23,10:00,${w.sku},instagram;facebook,,Senin pagi,,`,
        `2026-03-29,23:30,${w.sku},x,,Minggu malam,,`,
        // More than 90 days ahead: outside the feed.
        `2026-07-01,10:00,${w.sku},x,,Terlalu jauh,,`,
      ]),
    ).expect(201);
    const created = await t.http().post('/api/calendar/feeds').set(headers(w.staff)).expect(201);
    expect(created.body.url).toMatch(/\/api\/calendar\/feeds\/[A-Za-z0-9_-]{43}\.ics$/);
    const res = await t.http().get(pathOf(created.body.url)).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/calendar/);
    const calendar = new ICAL.Component(ICAL.parse(res.text));
    const events = calendar
      .getAllSubcomponents('vevent')
      .map((c) => new ICAL.Event(c))
      .sort((a, b) => a.startDate.toUnixTime() - b.startDate.toUnixTime());
    expect(events).toHaveLength(2);
    expect(events.map((e) => e.startDate.toJSDate().toISOString())).toEqual([
      '2026-03-23T03:00:00.000Z',
      '2026-03-29T16:30:00.000Z',
    ]);
    expect(events.every((e) => e.startDate.zone?.tzid === 'UTC')).toBe(true);
    const [first] = events;
    expect(first.summary).toBe(w.productName);
    expect(first.description).toContain(`Produk: ${w.productName}`);
    expect(first.description).toContain('instagram');
    expect(first.description).toContain('facebook');
    expect(first.description).toContain('Status: draft');
    const postId: { id: string }[] = await t.dataSource.query(
      `SELECT id FROM posts WHERE institution_id = $1 ORDER BY planned_at LIMIT 1`,
      [w.institutionId],
    );
    expect(first.component.getFirstPropertyValue('url')).toMatch(
      new RegExp(`/#/konten/${postId[0].id}$`),
    );
  });

  it('rotates and revokes the secret URL; unknown tokens are a 404', async () => {
    const w = await buildPlanWorld(t);
    const first = await t.http().post('/api/calendar/feeds').set(headers(w.staff)).expect(201);
    const second = await t.http().post('/api/calendar/feeds').set(headers(w.staff)).expect(201);
    await t.http().get(pathOf(first.body.url)).expect(404);
    await t.http().get(pathOf(second.body.url)).expect(200);
    await t.http().delete('/api/calendar/feeds').set(headers(w.staff)).expect(204);
    await t.http().get(pathOf(second.body.url)).expect(404);
    await t.http().get('/api/calendar/feeds/not-a-token.ics').expect(404);
    const stored: { n: number }[] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM ics_feeds WHERE token_hash LIKE $1`,
      [`%${pathOf(second.body.url).split('/').pop()?.replace('.ics', '')}%`],
    );
    expect(stored[0].n).toBe(0);
  });
});
