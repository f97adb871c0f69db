import { describe, expect, it } from '@jest/globals';
import { generateLinkCode, LINK_CODE_PATTERN } from '../../src/metrics/links/link-code';
import {
  campaignMonth,
  partnerSource,
  partnerUtm,
  postUtm,
  withUtm,
} from '../../src/metrics/links/utm';

describe('tracked link codes', () => {
  it('are 8 url-safe base62 characters', () => {
    for (let i = 0; i < 200; i++) {
      const code = generateLinkCode();
      expect(code).toMatch(/^[0-9A-Za-z]{8}$/);
      expect(LINK_CODE_PATTERN.test(code)).toBe(true);
    }
  });

  it('differ from each other', () => {
    const codes = new Set(Array.from({ length: 1000 }, () => generateLinkCode()));
    expect(codes.size).toBe(1000);
  });

  it('skip bytes that would bias the alphabet', () => {
    // 248..255 are rejected; 0 → '0', 61 → 'z', 62 → '0' again.
    const bytes = Buffer.from([255, 248, 0, 61, 62, 250, 10, 36, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(generateLinkCode(8, () => bytes)).toBe('0z0Aa123');
  });
});

describe('UTM tags', () => {
  it('tag a post link with network, social, the month and the post', () => {
    const url = withUtm(
      'https://www.tokopedia.com/lapas-cipinang/kaos-sablon',
      postUtm('instagram', 'b3c1e0de-0000-4000-8000-000000000001', '2026-11'),
    );
    expect(url).toBe(
      'https://www.tokopedia.com/lapas-cipinang/kaos-sablon?utm_source=instagram&utm_medium=social&utm_campaign=2026-11&utm_content=b3c1e0de-0000-4000-8000-000000000001',
    );
  });

  it('keep the listing’s own query and replace earlier UTM tags', () => {
    const url = new URL(
      withUtm(
        'https://shopee.co.id/product/1/2?sp_atk=abc&utm_source=old&UTM_Campaign=lama',
        partnerUtm('Kompas.com', '2026-12'),
      ),
    );
    expect(url.searchParams.get('sp_atk')).toBe('abc');
    expect([...url.searchParams.keys()].filter((k) => /^utm_/i.test(k))).toEqual([
      'utm_source',
      'utm_medium',
      'utm_campaign',
    ]);
    expect(url.searchParams.get('utm_source')).toBe('kompas-com');
    expect(url.searchParams.get('utm_medium')).toBe('referral');
    expect(url.searchParams.get('utm_campaign')).toBe('2026-12');
  });

  it('make partner labels into slugs, never empty', () => {
    expect(partnerSource('Dewi Sartika Ümmü (Influencer)')).toBe('dewi-sartika-ummu-influencer');
    expect(partnerSource('!!!')).toBe('partner');
  });

  it('take the campaign month in the institution’s zone', () => {
    // 30 Nov 17:30 UTC is already 1 December in Jakarta (UTC+7) and Jayapura (UTC+9).
    const at = new Date('2026-11-30T17:30:00Z');
    expect(campaignMonth(at, 'Asia/Jakarta')).toBe('2026-12');
    expect(campaignMonth(new Date('2026-11-30T16:30:00Z'), 'Asia/Jakarta')).toBe('2026-11');
    expect(campaignMonth(new Date('2026-11-30T15:30:00Z'), 'Asia/Jayapura')).toBe('2026-12');
  });
});
