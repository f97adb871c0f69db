import { describe, expect, it } from '@jest/globals';
import {
  captionSimilarity,
  findConflicts,
  normaliseCaptionWords,
  type ConflictTarget,
} from '../../src/calendar/conflicts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = new Date('2026-12-07T03:00:00Z');
const later = (ms: number): Date => new Date(T0.getTime() + ms);

let captionNo = 0;
function target(overrides: Partial<ConflictTarget> & { postId: string }): ConflictTarget {
  captionNo++;
  return {
    accountId: 'ig-cipinang',
    network: 'instagram',
    productId: null,
    instant: T0,
    // Distinct captions so only the rule under test fires.
    caption: `Posting nomor ${captionNo} ${'abcdefghij'.slice(captionNo % 10)} tentang ${captionNo * 7919}`,
    ...overrides,
  };
}

const JERSEY =
  'Jersey sepak bola karya warga binaan Lapas Cipinang, kualitas ekspor ke Nigeria. Bahan adem, ' +
  'jahitan rapi, bisa custom nama dan nomor punggung. Pesan sekarang di Tokopedia: ' +
  'https://tokopedia.com/karya/jersey #KaryaWargaBinaan #Cipinang #JerseyLokal';

describe('posts too close on one account', () => {
  it('warns about two posts 90 minutes apart, with both posts and a bilingual message', () => {
    const warnings = findConflicts({
      planned: [target({ postId: 'p2', instant: later(1.5 * HOUR) }), target({ postId: 'p1' })],
    });
    expect(warnings).toEqual([
      {
        code: 'POSTS_TOO_CLOSE',
        postIds: ['p1', 'p2'],
        instants: [T0, later(1.5 * HOUR)],
        accountId: 'ig-cipinang',
        message: {
          id: 'Dua posting di akun yang sama berjarak 90 menit; jarak minimal 120 menit',
          en: 'Two posts on the same account are 90 minutes apart; the minimum gap is 120 minutes',
        },
      },
    ]);
  });

  it('accepts posts exactly the gap apart, or on different accounts', () => {
    expect(
      findConflicts({
        planned: [
          target({ postId: 'p1' }),
          target({ postId: 'p2', instant: later(2 * HOUR) }),
          target({
            postId: 'p3',
            accountId: 'fb-cipinang',
            network: 'facebook',
            instant: later(HOUR),
          }),
        ],
      }),
    ).toEqual([]);
  });

  it('uses the configured gap', () => {
    const planned = [target({ postId: 'p1' }), target({ postId: 'p2', instant: later(HOUR) })];
    expect(findConflicts({ planned, options: { minGapMinutes: 30 } })).toEqual([]);
    expect(findConflicts({ planned, options: { minGapMinutes: 180 } })).toHaveLength(1);
  });

  it('counts a published post on the account, but never warns about history alone', () => {
    const history = [
      target({ postId: 'old1', instant: later(-30 * 60_000) }),
      target({ postId: 'old2', instant: later(-60 * 60_000) }),
    ];
    const warnings = findConflicts({ planned: [target({ postId: 'p1' })], history });
    // One warning of a kind per planned post: the nearest.
    expect(warnings.map((w) => w.postIds)).toEqual([['old1', 'p1']]);
  });

  it('bounds the warnings when a caption template is reused every day', () => {
    const daily = Array.from({ length: 60 }, (_, day) =>
      target({
        postId: `old${day}`,
        caption: `Karya warga binaan: produk pilihan hari ini ${day}`,
        instant: later(-(day + 1) * 24 * 60 * 60_000),
      }),
    );
    const planned = Array.from({ length: 5 }, (_, day) =>
      target({
        postId: `p${day}`,
        caption: `Karya warga binaan: produk pilihan hari ini ${day}`,
        instant: later(day * 24 * 60 * 60_000),
      }),
    );
    const warnings = findConflicts({ planned, history: daily });
    const perPostAndCode = new Set(warnings.map((w) => `${w.code} ${w.postIds[1]}`));
    expect(perPostAndCode.size).toBe(warnings.length);
    expect(warnings.length).toBeLessThanOrEqual(planned.length * 3);
  });
});

describe('same product to the same network', () => {
  it('warns when a product goes to Instagram twice within 7 days, on any account', () => {
    const warnings = findConflicts({
      planned: [
        target({ postId: 'p1', productId: 'jersey' }),
        target({
          postId: 'p2',
          productId: 'jersey',
          accountId: 'ig-second',
          instant: later(5 * DAY),
        }),
      ],
    });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({
      code: 'PRODUCT_REPEATED',
      postIds: ['p1', 'p2'],
      network: 'instagram',
      productId: 'jersey',
    });
    expect(warnings[0].message.id).toContain('7 hari');
  });

  it('does not warn at 7 days, on another network, for another product or without a product', () => {
    expect(
      findConflicts({
        planned: [
          target({ postId: 'p1', productId: 'jersey' }),
          target({ postId: 'p2', productId: 'jersey', instant: later(7 * DAY) }),
          target({
            postId: 'p3',
            productId: 'jersey',
            accountId: 'x-cipinang',
            network: 'x',
            instant: later(3 * DAY),
          }),
          target({ postId: 'p4', productId: 'batik', instant: later(3 * DAY) }),
          target({ postId: 'p5', instant: later(4 * DAY) }),
          target({ postId: 'p6', instant: later(4 * DAY + 3 * HOUR) }),
        ],
      }),
    ).toEqual([]);
  });

  it('reports two posts that each go to two Instagram accounts once, not four times', () => {
    const twice = (postId: string, instant: Date): ConflictTarget[] => [
      target({ postId, productId: 'jersey', instant }),
      target({ postId, productId: 'jersey', instant, accountId: 'ig-second' }),
    ];
    const warnings = findConflicts({
      planned: [...twice('p1', T0), ...twice('p2', later(2 * DAY))],
    });
    expect(warnings.filter((w) => w.code === 'PRODUCT_REPEATED')).toHaveLength(1);
  });

  it('warns about a product published 3 days before the planned post', () => {
    const warnings = findConflicts({
      planned: [target({ postId: 'p1', productId: 'jersey' })],
      history: [target({ postId: 'old', productId: 'jersey', instant: later(-3 * DAY) })],
    });
    expect(warnings.map((w) => [w.code, w.postIds])).toEqual([['PRODUCT_REPEATED', ['old', 'p1']]]);
  });
});

describe('near-duplicate captions', () => {
  it('ignores case, emoji, URLs and hashtag order', () => {
    const reworked =
      '⚽ JERSEY sepak bola karya warga binaan Lapas Cipinang, kualitas ekspor ke Nigeria! Bahan ' +
      'adem, jahitan rapi, bisa custom nama dan nomor punggung. Pesan sekarang di Tokopedia: ' +
      'https://tkp.me/abc #JerseyLokal #Cipinang #KaryaWargaBinaan';
    expect(captionSimilarity(JERSEY, reworked)).toBe(1);
  });

  it('scores a one-word change above the 0.9 threshold and a rewrite well below it', () => {
    expect(captionSimilarity(JERSEY, JERSEY.replace('adem', 'sejuk'))).toBeGreaterThanOrEqual(0.9);
    expect(
      captionSimilarity(
        JERSEY,
        'Kemeja batik tulis karya warga binaan Lapas Cipinang. Motif Batik Lintas 5. ' +
          '#KaryaWargaBinaan #Cipinang',
      ),
    ).toBeLessThan(0.5);
    expect(captionSimilarity('', JERSEY)).toBe(0);
  });

  it('normalises captions into lower-case words without URLs or symbols', () => {
    expect(normaliseCaptionWords('Diskon 30%! 🎉 Cek https://karya.id/p/1 #Batik @lapas')).toEqual([
      'diskon',
      '30',
      'cek',
      'batik',
      'lapas',
    ]);
  });

  it('warns when X got nearly the same caption 10 days earlier on that account', () => {
    const warnings = findConflicts({
      planned: [
        target({
          postId: 'p1',
          accountId: 'x-cipinang',
          network: 'x',
          caption: JERSEY.replace('adem', 'sejuk'),
        }),
      ],
      history: [
        target({
          postId: 'old',
          accountId: 'x-cipinang',
          network: 'x',
          caption: JERSEY,
          instant: later(-10 * DAY),
        }),
      ],
    });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({
      code: 'CAPTION_NEAR_DUPLICATE',
      postIds: ['old', 'p1'],
      accountId: 'x-cipinang',
    });
    expect(warnings[0].similarity).toBeGreaterThanOrEqual(0.9);
    expect(warnings[0].message.en).toContain('X refuses duplicate posts');
  });

  it('does not warn after 30 days, on another account, or for a different caption', () => {
    const warnings = findConflicts({
      planned: [target({ postId: 'p1', caption: JERSEY })],
      history: [
        target({ postId: 'old1', caption: JERSEY, instant: later(-31 * DAY) }),
        target({ postId: 'old2', caption: JERSEY, accountId: 'ig-other', instant: later(-DAY) }),
        target({
          postId: 'old3',
          caption: 'Miniatur kapal pinisi dari kayu jati',
          instant: later(-DAY),
        }),
      ],
    });
    expect(warnings).toEqual([]);
  });

  it('compares planned posts with each other on the same account', () => {
    const warnings = findConflicts({
      planned: [
        target({ postId: 'p1', caption: JERSEY }),
        target({ postId: 'p2', caption: JERSEY, instant: later(3 * DAY) }),
      ],
    });
    expect(warnings.map((w) => [w.code, w.postIds])).toEqual([
      ['CAPTION_NEAR_DUPLICATE', ['p1', 'p2']],
    ]);
  });
});

describe('focus', () => {
  it('reports only pairs touching the posts being checked', () => {
    const planned = [
      target({ postId: 'p1' }),
      target({ postId: 'p2', instant: later(HOUR) }),
      target({ postId: 'p3', instant: later(10 * DAY) }),
      target({ postId: 'p4', instant: later(10 * DAY + HOUR) }),
    ];
    expect(findConflicts({ planned }).map((w) => w.postIds)).toEqual([
      ['p1', 'p2'],
      ['p3', 'p4'],
    ]);
    expect(findConflicts({ planned, focusPostIds: ['p4'] }).map((w) => w.postIds)).toEqual([
      ['p3', 'p4'],
    ]);
  });
});
