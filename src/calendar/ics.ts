/**
 * The calendar as an iCalendar (RFC 5545) feed that Google Calendar, Outlook and Thunderbird
 * can subscribe to. All times are written in UTC ("...Z"), so no VTIMEZONE is needed and every
 * client shows them in its own zone. The feed is generated on request; `generatedAt` (from the
 * Clock) becomes each event's DTSTAMP, which keeps the output repeatable in tests.
 *
 *   buildIcsFeed(feed: IcsFeed): string               the text/calendar body
 *   describeFeedEvent(details, lang = 'id'): string    the DESCRIPTION lines: product, networks, status
 *   ICS_CONTENT_TYPE                                   for the response header
 *
 * UIDs are "<uid>@<uidDomain>": give the post target id, so a rescheduled post updates the same
 * event in the subscriber's calendar instead of adding a second one.
 */
import ical, { ICalEventStatus } from 'ical-generator';

export const ICS_CONTENT_TYPE = 'text/calendar; charset=utf-8';

export interface IcsEvent {
  /** The post target id. */
  uid: string;
  start: Date;
  durationMinutes: number;
  title: string;
  description: string;
  /** Link back to the post in Karya. */
  url: string | null;
  /** A cancelled target shows struck through in most clients instead of vanishing. */
  cancelled?: boolean;
}

export interface IcsFeed {
  /** Calendar name shown by the client (X-WR-CALNAME), e.g. "Karya — Lapas Kelas I Cipinang". */
  name: string;
  events: readonly IcsEvent[];
  generatedAt: Date;
  /** Right-hand side of every UID; the host of the public URL is a good choice. */
  uidDomain: string;
  /** How often clients should refetch (REFRESH-INTERVAL / X-PUBLISHED-TTL); default 60. */
  refreshMinutes?: number;
}

export function buildIcsFeed(feed: IcsFeed): string {
  const calendar = ical({
    name: feed.name,
    prodId: { company: 'Karya', product: 'Karya', language: 'ID' },
    ttl: (feed.refreshMinutes ?? 60) * 60,
  });
  for (const event of feed.events) {
    calendar.createEvent({
      id: `${event.uid}@${feed.uidDomain}`,
      start: event.start,
      end: new Date(event.start.getTime() + event.durationMinutes * 60_000),
      stamp: feed.generatedAt,
      summary: event.title,
      description: event.description,
      url: event.url,
      status: event.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}

export interface FeedEventDetails {
  product: string | null;
  networks: readonly string[];
  status: string;
}

export function describeFeedEvent(details: FeedEventDetails, lang: 'id' | 'en' = 'id'): string {
  const labels =
    lang === 'id'
      ? { product: 'Produk', networks: 'Jaringan', status: 'Status', none: '-' }
      : { product: 'Product', networks: 'Networks', status: 'Status', none: '-' };
  return [
    `${labels.product}: ${details.product ?? labels.none}`,
    `${labels.networks}: ${details.networks.length > 0 ? details.networks.join(', ') : labels.none}`,
    `${labels.status}: ${details.status}`,
  ].join('\n');
}
