import { describe, expect, it } from '@jest/globals';
import {
  assessClearance,
  ClearanceConsent,
  ClearancePhoto,
  consentLinkProblem,
  localDate,
  summarizeClearance,
} from '../../src/media/clearance';

// Frozen instant: 10 March 2026, 09:00 in Jakarta (02:00 UTC).
const AT = new Date('2026-03-10T02:00:00Z');
const CONSENT_ID = '7d1c2f0e-5a3b-4c1d-9e8f-0a1b2c3d4e5f';

function consent(overrides: Partial<ClearanceConsent> = {}): ClearanceConsent {
  return {
    id: CONSENT_ID,
    subjectIsMinor: false,
    channels: ['instagram', 'facebook'],
    validFrom: '2026-03-01',
    validUntil: '2026-03-31',
    withdrawnAt: null,
    ...overrides,
  };
}

const consented: ClearancePhoto = { clearance: 'consent', consentRecordId: CONSENT_ID };

function reasonOf(result: ReturnType<typeof assessClearance>): string | null {
  return result.usable ? null : result.reason;
}

describe('assessClearance', () => {
  it('allows a photo attested to show no identifiable person on every channel', () => {
    const photo: ClearancePhoto = { clearance: 'no_identifiable_person', consentRecordId: null };
    for (const channel of ['instagram', 'facebook', 'x', 'catalogue', 'print'] as const) {
      expect(assessClearance(photo, null, channel, AT)).toEqual({ usable: true });
    }
  });

  it('blocks an uncleared photo with a bilingual message', () => {
    const result = assessClearance(
      { clearance: 'uncleared', consentRecordId: null },
      null,
      'x',
      AT,
    );
    expect(result).toMatchObject({ usable: false, reason: 'uncleared' });
    if (!result.usable) {
      expect(result.message.id).toMatch(/belum memiliki izin/);
      expect(result.message.en).toMatch(/not cleared/);
    }
  });

  it('treats a consent clearance without its consent record as uncleared', () => {
    expect(reasonOf(assessClearance(consented, null, 'instagram', AT))).toBe('uncleared');
    const other = consent({ id: '00000000-0000-4000-8000-000000000000' });
    expect(reasonOf(assessClearance(consented, other, 'instagram', AT))).toBe('uncleared');
  });

  it('allows a valid consent on a consented channel', () => {
    expect(assessClearance(consented, consent(), 'instagram', AT)).toEqual({ usable: true });
  });

  it('blocks a channel the person did not consent to', () => {
    expect(reasonOf(assessClearance(consented, consent(), 'x', AT))).toBe('channel_not_consented');
  });

  it('never allows a minor, even with an otherwise valid consent', () => {
    const minor = consent({ subjectIsMinor: true });
    expect(reasonOf(assessClearance(consented, minor, 'instagram', AT))).toBe(
      'minor_never_allowed',
    );
  });

  it('blocks a withdrawn consent, even when asked about an instant before the withdrawal', () => {
    const withdrawn = consent({ withdrawnAt: new Date('2026-03-10T03:00:00Z') });
    expect(reasonOf(assessClearance(consented, withdrawn, 'instagram', AT))).toBe(
      'consent_withdrawn',
    );
  });

  it('reports the minor rule before the withdrawal', () => {
    const both = consent({ subjectIsMinor: true, withdrawnAt: AT });
    expect(reasonOf(assessClearance(consented, both, 'instagram', AT))).toBe('minor_never_allowed');
  });

  describe('validity dates (inclusive, in the institution time zone)', () => {
    it('is valid on the first day from local midnight', () => {
      const c = consent({ validFrom: '2026-03-10' });
      // 00:00 WIB on 10 March is 17:00 UTC on 9 March.
      expect(assessClearance(consented, c, 'instagram', new Date('2026-03-09T17:00:00Z'))).toEqual({
        usable: true,
      });
      expect(
        reasonOf(assessClearance(consented, c, 'instagram', new Date('2026-03-09T16:59:59Z'))),
      ).toBe('consent_not_yet_valid');
    });

    it('is valid through the last day and expires at the next local midnight', () => {
      const c = consent({ validUntil: '2026-03-10' });
      expect(assessClearance(consented, c, 'instagram', new Date('2026-03-10T16:59:59Z'))).toEqual({
        usable: true,
      });
      expect(
        reasonOf(assessClearance(consented, c, 'instagram', new Date('2026-03-10T17:00:00Z'))),
      ).toBe('consent_expired');
    });

    it('uses the given time zone: the same instant is already the next day in Jayapura', () => {
      const c = consent({ validUntil: '2026-03-10' });
      const at = new Date('2026-03-10T16:30:00Z'); // 23:30 WIB, 01:30 WIT on 11 March
      expect(assessClearance(consented, c, 'instagram', at, 'Asia/Jakarta').usable).toBe(true);
      expect(reasonOf(assessClearance(consented, c, 'instagram', at, 'Asia/Jayapura'))).toBe(
        'consent_expired',
      );
    });

    it('has no end when valid_until is not set', () => {
      const c = consent({ validUntil: null });
      expect(assessClearance(consented, c, 'facebook', new Date('2040-01-01T00:00:00Z'))).toEqual({
        usable: true,
      });
    });
  });

  it('checks dates before channels, so an expired consent says expired on every channel', () => {
    const c = consent({ validUntil: '2026-03-05' });
    expect(reasonOf(assessClearance(consented, c, 'x', AT))).toBe('consent_expired');
  });
});

describe('summarizeClearance', () => {
  it('lists the usable channels of a consented photo', () => {
    expect(summarizeClearance(consented, consent(), AT)).toEqual({
      usable: true,
      usableChannels: ['instagram', 'facebook'],
      blockedReason: null,
      blockedMessage: null,
    });
  });

  it('gives the blocking reason when no channel is usable', () => {
    const summary = summarizeClearance(consented, consent({ withdrawnAt: AT }), AT);
    expect(summary).toMatchObject({
      usable: false,
      usableChannels: [],
      blockedReason: 'consent_withdrawn',
    });
    expect(summary.blockedMessage?.en).toMatch(/withdrawn/);
  });
});

describe('consentLinkProblem', () => {
  it('refuses to link a minor or a withdrawn consent, allows an expired one', () => {
    expect(consentLinkProblem(consent({ subjectIsMinor: true }))).toBe('minor_never_allowed');
    expect(consentLinkProblem(consent({ withdrawnAt: AT }))).toBe('consent_withdrawn');
    expect(consentLinkProblem(consent({ validUntil: '2020-01-01' }))).toBeNull();
  });
});

describe('localDate', () => {
  it('gives the calendar date in the zone', () => {
    expect(localDate(new Date('2026-01-01T17:30:00Z'), 'Asia/Jakarta')).toBe('2026-01-02');
    expect(localDate(new Date('2026-01-01T15:30:00Z'), 'Asia/Makassar')).toBe('2026-01-01');
  });
});
