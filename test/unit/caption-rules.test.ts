import { describe, expect, it } from '@jest/globals';
import {
  CaptionRule,
  countCodePoints,
  MAX_CAPTION_INPUT,
  validateCaption,
} from '../../src/content/captions/caption-rules';
import type { SocialNetwork } from '../../src/content/rendering/template';

const NETWORKS: SocialNetwork[] = ['instagram', 'facebook', 'x'];
const url = (pathLength: number): string => `https://tokopedia.com/${'a'.repeat(pathLength)}`;
const hashtags = (n: number): string => Array.from({ length: n }, (_, i) => `#karya${i}`).join(' ');
const mentions = (n: number): string => Array.from({ length: n }, (_, i) => `@akun${i}`).join(' ');

/** [scenario, network, text, rules broken (in order), counters expected (subset)] */
type Case = [string, SocialNetwork, string, CaptionRule[], Record<string, number | null>];

const cases: Case[] = [
  // X: twitter-text weighting
  ['280 ASCII characters fit on X', 'x', 'a'.repeat(280), [], { weightedLength: 280 }],
  ['281 ASCII characters are 1 over on X', 'x', 'a'.repeat(281), ['max_weighted_length'], {}],
  ['140 emoji weigh 280 on X', 'x', '😀'.repeat(140), [], { weightedLength: 280 }],
  ['141 emoji weigh 282 on X', 'x', '😀'.repeat(141), ['max_weighted_length'], {}],
  ['a ZWJ family emoji weighs 2 on X', 'x', '👨‍👩‍👧', [], { weightedLength: 2 }],
  ['a skin-tone emoji weighs 2 on X', 'x', '👍🏽', [], { weightedLength: 2 }],
  ['a short URL counts 23', 'x', 'https://x.co', [], { weightedLength: 23, urls: 1 }],
  ['a 500-character URL counts 23', 'x', url(500), [], { weightedLength: 23, urls: 1 }],
  ['257 letters, a space and a long URL fit', 'x', `${'a'.repeat(256)} ${url(300)}`, [], {}],
  [
    '258 letters, a space and a long URL are over',
    'x',
    `${'a'.repeat(257)} ${url(300)}`,
    ['max_weighted_length'],
    { weightedLength: 281 },
  ],
  ['140 CJK characters weigh 280', 'x', '日'.repeat(140), [], { weightedLength: 280 }],
  ['141 CJK characters weigh 282', 'x', '日'.repeat(141), ['max_weighted_length'], {}],
  ['Latin with accents weighs 1 each', 'x', 'é'.repeat(280), [], { weightedLength: 280 }],
  [
    'decomposed é (e + U+0301) is normalised and weighs 1',
    'x',
    'e\u0301'.repeat(280),
    [],
    { weightedLength: 280 },
  ],
  [
    'a combining mark without precomposed form weighs 1 more',
    'x',
    'a\u0332'.repeat(141),
    ['max_weighted_length'],
    { weightedLength: 282 },
  ],
  [
    'Indonesian product caption fits',
    'x',
    'Kaos sablon karya warga binaan, Rp 150.000. #AkuBeliProdukNapi',
    [],
    { hashtags: 1 },
  ],
  ['X has no hashtag limit', 'x', hashtags(31), [], { hashtags: 31 }],
  ['X has no mention limit', 'x', mentions(21), [], { mentions: 21 }],
  // Instagram: code points, hashtags, mentions
  ['2,200 characters fit on Instagram', 'instagram', 'a'.repeat(2200), [], { characters: 2200 }],
  ['2,201 characters are 1 over on Instagram', 'instagram', 'a'.repeat(2201), ['max_length'], {}],
  [
    '2,200 emoji are 2,200 characters, not 4,400 UTF-16 units',
    'instagram',
    '😀'.repeat(2200),
    [],
    { characters: 2200 },
  ],
  ['2,201 emoji are 1 over', 'instagram', '😀'.repeat(2201), ['max_length'], {}],
  ['a ZWJ family emoji is 5 code points', 'instagram', '👨‍👩‍👧', [], { characters: 5 }],
  ['decomposed é counts as sent: 2 code points', 'instagram', 'e\u0301', [], { characters: 2 }],
  ['30 hashtags fit', 'instagram', hashtags(30), [], { hashtags: 30 }],
  ['31 hashtags are 1 over', 'instagram', hashtags(31), ['max_hashtags'], { hashtags: 31 }],
  [
    'Unicode hashtags count',
    'instagram',
    '#kerajinanTangan #café #日本語 #batik_lintas5 #Nusantara2026',
    [],
    { hashtags: 5 },
  ],
  [
    'digits-only and mid-word # are not hashtags',
    'instagram',
    '#123 no#tag ukuran #2026',
    [],
    { hashtags: 0 },
  ],
  ['20 mentions fit', 'instagram', mentions(20), [], { mentions: 20 }],
  ['21 mentions are 1 over', 'instagram', mentions(21), ['max_mentions'], { mentions: 21 }],
  [
    'an e-mail address is not a mention',
    'instagram',
    'Pesan: humas@lapas.go.id',
    [],
    { mentions: 0 },
  ],
  ['a dotted username counts once', 'instagram', 'Ikuti @lapas.cipinang', [], { mentions: 1 }],
  [
    'several rules at once',
    'instagram',
    `${'a'.repeat(2200)} ${hashtags(31)} ${mentions(21)}`,
    ['max_length', 'max_hashtags', 'max_mentions'],
    {},
  ],
  // Facebook
  ['63,206 characters fit on Facebook', 'facebook', 'a'.repeat(63206), [], { characters: 63206 }],
  [
    '63,207 characters are 1 over on Facebook',
    'facebook',
    'a'.repeat(63207),
    ['max_length'],
    { hashtags: null },
  ],
  ['Facebook has no hashtag limit', 'facebook', hashtags(100), [], { hashtags: 100 }],
  // every network
  ...NETWORKS.flatMap((n): Case[] => [
    [`empty caption on ${n}`, n, '', ['empty'], { characters: 0 }],
    [`whitespace-only caption on ${n}`, n, ' \n\t\u00A0', ['empty'], {}],
    [`zero-width-only caption on ${n}`, n, '\u200B\u200D', ['empty'], {}],
    [`emoji-only caption on ${n}`, n, '🧵🎨', [], { characters: 2 }],
    [`a stray U+FFFE on ${n}`, n, 'Batik\uFFFE', ['invalid_characters'], {}],
  ]),
];

describe('validateCaption', () => {
  it.each(cases)('%s', (_scenario, network, text, rules, counters) => {
    const check = validateCaption(network, text);
    expect(check.violations.map((v) => v.rule)).toEqual(rules);
    expect(check.valid).toBe(rules.length === 0);
    expect(check.counters).toMatchObject(counters);
    for (const v of check.violations) expect(v.network).toBe(network);
  });

  it('reports limits per network', () => {
    expect(validateCaption('instagram', 'a').limits).toEqual({
      maxCharacters: 2200,
      maxHashtags: 30,
      maxMentions: 20,
    });
    expect(validateCaption('facebook', 'a').limits).toEqual({ maxCharacters: 63206 });
    expect(validateCaption('x', 'a').limits).toEqual({ maxWeightedLength: 280 });
    expect(validateCaption('instagram', 'a').counters.weightedLength).toBeNull();
  });

  it('says which network, which rule and by how much, in both languages', () => {
    const [v] = validateCaption('instagram', hashtags(31)).violations;
    expect(v).toMatchObject({
      network: 'instagram',
      rule: 'max_hashtags',
      limit: 30,
      actual: 31,
      over: 1,
    });
    expect(v.message.id).toBe('Instagram: tagar terlalu banyak — 31, paling banyak 30 (lebih 1)');
    expect(v.message.en).toBe('Instagram: too many hashtags — 31, at most 30 (1 over)');

    const [m] = validateCaption('instagram', mentions(21)).violations;
    expect(m).toMatchObject({ rule: 'max_mentions', limit: 20, actual: 21, over: 1 });
    expect(m.message.en).toBe('Instagram: too many @mentions — 21, at most 20 (1 over)');

    const [x] = validateCaption('x', 'a'.repeat(281)).violations;
    expect(x.message.id).toContain(
      'X: keterangan terlalu panjang — panjang berbobot 281, paling banyak 280 (lebih 1;',
    );
    expect(x.message.en).toContain(
      'X: caption is too long — weighted length 281, at most 280 (1 over;',
    );
  });

  it('groups thousands the Indonesian and the English way', () => {
    const [v] = validateCaption('instagram', 'a'.repeat(3200)).violations;
    expect(v.over).toBe(1000);
    expect(v.message.id).toBe(
      'Instagram: keterangan terlalu panjang — 3.200 karakter, paling banyak 2.200 (lebih 1.000)',
    );
    expect(v.message.en).toBe(
      'Instagram: caption is too long — 3,200 characters, at most 2,200 (1,000 over)',
    );
  });

  it('names the network on an empty caption', () => {
    const [v] = validateCaption('facebook', '   ').violations;
    expect(v).toMatchObject({ rule: 'empty', limit: 1, actual: 0, over: 1 });
    expect(v.message.id).toMatch(/^Facebook: keterangan kosong/);
    expect(v.message.en).toMatch(/^Facebook: caption is empty/);
  });

  it.each(NETWORKS)('fails a 1 MB caption on %s quickly, without analysing it', (network) => {
    const text = 'Kaos 😀 #batik @lapas https://x.co/a '.repeat(30_000).slice(0, 1 << 20);
    const started = performance.now();
    const check = validateCaption(network, text);
    expect(performance.now() - started).toBeLessThan(300);
    expect(check.valid).toBe(false);
    expect(check.violations).toHaveLength(1);
    const [v] = check.violations;
    expect(v.rule).toBe(network === 'x' ? 'max_input_length' : 'max_length');
    expect(v.actual).toBe(countCodePoints(text));
    expect(v.over).toBe(v.actual - v.limit);
    expect(check.counters).toMatchObject({ hashtags: null, mentions: null, urls: null });
    if (network === 'x') {
      expect(v.limit).toBe(MAX_CAPTION_INPUT);
      expect(v.message.en).toContain('X: caption is too long to check');
    }
  });

  it('analyses a caption right at the input cap', () => {
    const check = validateCaption('x', `#batik ${'a'.repeat(MAX_CAPTION_INPUT - 7)}`);
    expect(check.violations.map((v) => v.rule)).toEqual(['max_weighted_length']);
    expect(check.counters.weightedLength).toBe(MAX_CAPTION_INPUT);
    expect(check.counters.hashtags).toBe(1);
  });
});

describe('countCodePoints', () => {
  it.each([
    ['', 0],
    ['abc', 3],
    ['😀', 1],
    ['👨‍👩‍👧', 5],
    ['e\u0301', 2],
    ['\uD83D', 1], // a lone high surrogate
    ['\uDE00a', 2], // a lone low surrogate
  ])('%j has %i code points', (text, n) => {
    expect(countCodePoints(text)).toBe(n);
  });
});
