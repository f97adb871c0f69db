import { describe, expect, it } from '@jest/globals';
import ICAL from 'ical.js';
import { buildIcsFeed, describeFeedEvent, type IcsEvent } from '../../src/calendar/ics';

const EVENTS: IcsEvent[] = [
  {
    uid: '5b1c0d6e-0000-4000-8000-000000000001',
    // Monday 7 December 2026 10:00 WIB.
    start: new Date('2026-12-07T03:00:00Z'),
    durationMinutes: 30,
    title: 'Jersey Nigeria; edisi ekspor, ukuran S–XXL',
    description: describeFeedEvent({
      product: 'Jersey sepak bola (JRS-001)',
      networks: ['instagram', 'x'],
      status: 'scheduled',
    }),
    url: 'https://karya.example.id/app/posts/11111111-1111-4111-8111-111111111111',
  },
  {
    uid: '5b1c0d6e-0000-4000-8000-000000000002',
    // Sunday 6 December 2026 23:30 WIT.
    start: new Date('2026-12-06T14:30:00Z'),
    durationMinutes: 15,
    title: 'Miniatur pinisi',
    description: 'Produk: Miniatur pinisi\n'.repeat(8),
    url: null,
    cancelled: true,
  },
];

function parse(text: string): ICAL.Component {
  return new ICAL.Component(ICAL.parse(text));
}

describe('buildIcsFeed', () => {
  const text = buildIcsFeed({
    name: 'Karya — Lapas Kelas I Cipinang',
    events: EVENTS,
    generatedAt: new Date('2026-12-01T00:00:00Z'),
    uidDomain: 'karya.example.id',
  });
  const calendar = parse(text);
  const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));

  it('names the calendar and Karya as producer', () => {
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Karya — Lapas Kelas I Cipinang');
    expect(String(calendar.getFirstPropertyValue('prodid'))).toContain('Karya');
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
  });

  it('carries every event with its UID, title, description and link back to the post', () => {
    expect(events.map((e) => e.uid)).toEqual([
      '5b1c0d6e-0000-4000-8000-000000000001@karya.example.id',
      '5b1c0d6e-0000-4000-8000-000000000002@karya.example.id',
    ]);
    expect(events[0].summary).toBe('Jersey Nigeria; edisi ekspor, ukuran S–XXL');
    expect(events[0].description).toBe(
      'Produk: Jersey sepak bola (JRS-001)\nJaringan: instagram, x\nStatus: scheduled',
    );
    expect(events[0].component.getFirstPropertyValue('url')).toBe(EVENTS[0].url);
    expect(events[1].component.getFirstPropertyValue('url')).toBeNull();
  });

  it('writes times in UTC, with the end after the duration', () => {
    expect(events[0].startDate.zone.tzid).toBe('UTC');
    expect(events[0].startDate.toJSDate().toISOString()).toBe('2026-12-07T03:00:00.000Z');
    expect(events[0].endDate.toJSDate().toISOString()).toBe('2026-12-07T03:30:00.000Z');
    expect(events[1].startDate.toJSDate().toISOString()).toBe('2026-12-06T14:30:00.000Z');
    expect(events[1].endDate.toJSDate().toISOString()).toBe('2026-12-06T14:45:00.000Z');
    expect(text).toContain('DTSTART:20261207T030000Z');
    expect(text).not.toContain('VTIMEZONE');
  });

  it('stamps events with the generation time and marks cancelled ones', () => {
    expect(events[0].component.getFirstPropertyValue('dtstamp')?.toString()).toBe(
      '2026-12-01T00:00:00Z',
    );
    expect(events[0].component.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(events[1].component.getFirstPropertyValue('status')).toBe('CANCELLED');
  });

  it('follows RFC 5545 line rules: CRLF endings and lines of at most 75 octets', () => {
    const lines = text.split('\r\n');
    expect(lines.every((line) => !line.includes('\n'))).toBe(true);
    expect(Math.max(...lines.map((line) => Buffer.byteLength(line)))).toBeLessThanOrEqual(75);
    // The long description was folded and still parses back whole.
    expect(events[1].description).toBe(EVENTS[1].description);
  });

  it('gives an empty but valid calendar when there are no posts', () => {
    const empty = parse(
      buildIcsFeed({ name: 'Kosong', events: [], generatedAt: new Date(), uidDomain: 'k' }),
    );
    expect(empty.getAllSubcomponents('vevent')).toEqual([]);
  });
});

describe('describeFeedEvent', () => {
  it('writes product, networks and status in English on request, with dashes for gaps', () => {
    expect(describeFeedEvent({ product: null, networks: [], status: 'draft' }, 'en')).toBe(
      'Product: -\nNetworks: -\nStatus: draft',
    );
  });
});
