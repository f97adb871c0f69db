import { describe, expect, it } from '@jest/globals';
import { extractHashtags } from 'twitter-text';
import {
  MAX_HASHTAGS_PER_GROUP,
  normaliseHashtagGroup,
} from '../../src/content/captions/hashtag-group';

describe('normaliseHashtagGroup', () => {
  it('strips "#", trims and keeps the first spelling of case-insensitive duplicates', () => {
    expect(
      normaliseHashtagGroup([
        '#KaryaWargaBinaan',
        ' kerajinanTangan ',
        '##batik',
        '＃Pinisi',
        'karyawargabinaan',
        'KERAJINANTANGAN',
      ]),
    ).toEqual({ ok: true, tags: ['KaryaWargaBinaan', 'kerajinanTangan', 'batik', 'Pinisi'] });
  });

  it.each([
    ['café', 'café'],
    ['cafe\u0301', 'café'], // decomposed input is stored composed
    ['日本語', '日本語'],
    ['batik_lintas5', 'batik_lintas5'],
    ['Nusantara2026', 'Nusantara2026'],
    ['AkuBeliProdukNapi', 'AkuBeliProdukNapi'],
  ])('accepts the Unicode word %j', (input, tag) => {
    const result = normaliseHashtagGroup([input]);
    expect(result).toEqual({ ok: true, tags: [tag] });
    // What we store is what the caption counter sees as exactly one hashtag.
    expect(extractHashtags(`#${tag}`)).toEqual([tag]);
  });

  it.each([
    ['', 'Empty hashtag'],
    ['#', 'Empty hashtag'],
    ['  ', 'Empty hashtag'],
    ['kerajinan tangan', 'may only contain letters, digits and underscores'],
    ['kerajinan-tangan', 'may only contain letters, digits and underscores'],
    ['batik!', 'may only contain letters, digits and underscores'],
    ['🧵batik', 'may only contain letters, digits and underscores'],
    ['2026', 'needs at least one letter'],
    ['___', 'needs at least one letter'],
  ])('refuses %j, naming the index', (input, reason) => {
    const result = normaliseHashtagGroup(['batik', input]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0].index).toBe(1);
    expect(result.errors[0].reason.en).toContain(reason);
    expect(result.errors[0].reason.id.length).toBeGreaterThan(0);
  });

  it('reports every bad tag, not just the first', () => {
    const result = normaliseHashtagGroup(['a b', 'ok', '12', 'c-d']);
    expect(result.ok || result.errors.map((e) => e.index)).toEqual([0, 2, 3]);
  });

  it('allows 30 distinct tags and refuses 31, saying by how much', () => {
    const tags = Array.from({ length: 31 }, (_, i) => `karya${i}`);
    expect(normaliseHashtagGroup(tags.slice(0, MAX_HASHTAGS_PER_GROUP)).ok).toBe(true);
    const result = normaliseHashtagGroup(tags);
    expect(result).toEqual({
      ok: false,
      errors: [
        {
          index: null,
          reason: {
            id: 'Tagar terlalu banyak — 31, paling banyak 30 (lebih 1)',
            en: 'Too many hashtags — 31, at most 30 (1 over)',
          },
        },
      ],
    });
  });

  it('counts the limit after removing duplicates', () => {
    const tags = Array.from({ length: 30 }, (_, i) => `karya${i}`);
    expect(normaliseHashtagGroup([...tags, 'KARYA0', '#karya1']).ok).toBe(true);
  });

  it('refuses an empty group', () => {
    expect(normaliseHashtagGroup([])).toMatchObject({ ok: false, errors: [{ index: null }] });
  });
});
