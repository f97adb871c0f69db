/**
 * Clearance rules: may this photo be published on this channel at this instant? Pure (no Nest,
 * no database) so the Content and Publishing issues call the very same rule the media library
 * shows. A photo that fails is kept, never deleted: it just cannot go into a publishable post.
 */
import { tz } from '@date-fns/tz';
import { format } from 'date-fns';
import type { LocalizedText } from '../common/app-error';

export const CLEARANCES = ['uncleared', 'no_identifiable_person', 'consent'] as const;
export type Clearance = (typeof CLEARANCES)[number];

/** The clearances a person can attest to; `uncleared` is only the state before that. */
export const GRANTED_CLEARANCES = ['no_identifiable_person', 'consent'] as const;
export type GrantedClearance = (typeof GRANTED_CLEARANCES)[number];

export const CONSENT_CHANNELS = ['instagram', 'facebook', 'x', 'catalogue', 'print'] as const;
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];

export const BLOCKED_REASONS = [
  'uncleared',
  'minor_never_allowed',
  'consent_withdrawn',
  'consent_not_yet_valid',
  'consent_expired',
  'channel_not_consented',
] as const;
export type BlockedReason = (typeof BLOCKED_REASONS)[number];

/** Institutions plan in their own zone; a consent "valid until 31 May" ends at local midnight. */
export const DEFAULT_TIME_ZONE = 'Asia/Jakarta';

export interface ClearancePhoto {
  clearance: Clearance;
  consentRecordId: string | null;
}

export interface ClearanceConsent {
  id: string;
  subjectIsMinor: boolean;
  channels: readonly string[];
  /** YYYY-MM-DD, inclusive */
  validFrom: string;
  /** YYYY-MM-DD, inclusive; null = no end date */
  validUntil: string | null;
  withdrawnAt: Date | null;
}

export type ClearanceAssessment =
  { usable: true } | { usable: false; reason: BlockedReason; message: LocalizedText };

const MESSAGES: Record<BlockedReason, LocalizedText> = {
  uncleared: {
    id: 'Foto belum memiliki izin: nyatakan tidak ada orang yang dapat dikenali atau tautkan persetujuan',
    en: 'Photo is not cleared: attest that no person is identifiable or link a consent record',
  },
  minor_never_allowed: {
    id: 'Foto anak tidak boleh dipublikasikan, meskipun ada persetujuan',
    en: 'Photos of a minor may never be published, even with consent',
  },
  consent_withdrawn: {
    id: 'Persetujuan untuk foto ini telah ditarik',
    en: 'The consent for this photo has been withdrawn',
  },
  consent_not_yet_valid: {
    id: 'Persetujuan untuk foto ini belum berlaku',
    en: 'The consent for this photo is not valid yet',
  },
  consent_expired: {
    id: 'Persetujuan untuk foto ini sudah kedaluwarsa',
    en: 'The consent for this photo has expired',
  },
  channel_not_consented: {
    id: 'Persetujuan tidak mencakup saluran ini',
    en: 'The consent does not cover this channel',
  },
};

export function blockedMessage(reason: BlockedReason): LocalizedText {
  return MESSAGES[reason];
}

function blocked(reason: BlockedReason): ClearanceAssessment {
  return { usable: false, reason, message: MESSAGES[reason] };
}

/** The calendar date of an instant in a time zone, as YYYY-MM-DD. */
export function localDate(at: Date, timeZone: string = DEFAULT_TIME_ZONE): string {
  return format(at, 'yyyy-MM-dd', { in: tz(timeZone) });
}

/**
 * Whether `photo` may be published on `channel` at instant `at`. Validity dates are compared
 * with the date of `at` in the institution's time zone. Checks run from the most to the least
 * fundamental, so the reason shown is the one staff can least work around.
 */
export function assessClearance(
  photo: ClearancePhoto,
  consent: ClearanceConsent | null,
  channel: ConsentChannel,
  at: Date,
  timeZone: string = DEFAULT_TIME_ZONE,
): ClearanceAssessment {
  if (photo.clearance === 'no_identifiable_person') return { usable: true };
  if (photo.clearance !== 'consent' || !consent || consent.id !== photo.consentRecordId) {
    return blocked('uncleared');
  }
  if (consent.subjectIsMinor) return blocked('minor_never_allowed');
  // Withdrawal blocks whatever instant is asked about: a stale `at` must never re-open a photo.
  if (consent.withdrawnAt) return blocked('consent_withdrawn');
  const today = localDate(at, timeZone);
  if (today < consent.validFrom) return blocked('consent_not_yet_valid');
  if (consent.validUntil !== null && today > consent.validUntil) return blocked('consent_expired');
  if (!consent.channels.includes(channel)) return blocked('channel_not_consented');
  return { usable: true };
}

export interface ClearanceSummary {
  /** Usable on at least one channel now. */
  usable: boolean;
  usableChannels: ConsentChannel[];
  /** Set when usable on no channel. */
  blockedReason: BlockedReason | null;
  blockedMessage: LocalizedText | null;
}

/** The library's overview: on which channels the photo may be published at `at`. */
export function summarizeClearance(
  photo: ClearancePhoto,
  consent: ClearanceConsent | null,
  at: Date,
  timeZone: string = DEFAULT_TIME_ZONE,
): ClearanceSummary {
  const results = CONSENT_CHANNELS.map(
    (channel) => [channel, assessClearance(photo, consent, channel, at, timeZone)] as const,
  );
  const usableChannels = results.filter(([, r]) => r.usable).map(([channel]) => channel);
  if (usableChannels.length > 0) {
    return { usable: true, usableChannels, blockedReason: null, blockedMessage: null };
  }
  const first = results[0][1];
  const reason = first.usable ? null : first.reason;
  return {
    usable: false,
    usableChannels,
    blockedReason: reason,
    blockedMessage: reason ? MESSAGES[reason] : null,
  };
}

/**
 * Why a consent record cannot be linked to a photo at all, or null when it can. Expired or
 * not-yet-valid consents may be linked: the photo stays blocked outside the dates.
 */
export function consentLinkProblem(
  consent: Pick<ClearanceConsent, 'subjectIsMinor' | 'withdrawnAt'>,
): BlockedReason | null {
  if (consent.subjectIsMinor) return 'minor_never_allowed';
  if (consent.withdrawnAt) return 'consent_withdrawn';
  return null;
}
