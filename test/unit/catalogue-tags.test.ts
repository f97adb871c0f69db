import { describe, expect, it } from '@jest/globals';
import { containsPattern } from '../../src/common/like-pattern';
import { normalizeTag, normalizeTags } from '../../src/catalogue/tags';

describe('tag normalisation', () => {
  it('trims, lower-cases, drops a leading # and collapses spaces', () => {
    expect(normalizeTag('  Batik ')).toBe('batik');
    expect(normalizeTag('#AkuBeliProdukNapi')).toBe('akubeliproduknapi');
    expect(normalizeTag('Hari   Bakti\tPas')).toBe('hari bakti pas');
  });

  it('drops duplicates after normalising, keeping the first order', () => {
    expect(normalizeTags(['Kopi', 'batik', ' KOPI ', '#batik', 'kaos'])).toEqual({
      ok: true,
      tags: ['kopi', 'batik', 'kaos'],
    });
  });

  it('names the index of an empty tag', () => {
    const result = normalizeTags(['kopi', '  ', 'batik']);
    expect(result).toMatchObject({ ok: false, index: 1 });
  });

  it('allows 40 characters and refuses 41', () => {
    expect(normalizeTags(['a'.repeat(40)]).ok).toBe(true);
    expect(normalizeTags(['kopi', 'a'.repeat(41)])).toMatchObject({ ok: false, index: 1 });
  });

  it('allows 20 distinct tags and refuses 21', () => {
    const twenty = Array.from({ length: 20 }, (_, i) => `tag${i}`);
    expect(normalizeTags(twenty).ok).toBe(true);
    expect(normalizeTags([...twenty, 'tag20'])).toMatchObject({ ok: false, index: 20 });
    expect(normalizeTags([...twenty, 'TAG0']).ok).toBe(true);
  });
});

describe('search pattern', () => {
  it('matches anywhere and takes LIKE wildcards literally', () => {
    expect(containsPattern('kaos')).toBe('%kaos%');
    expect(containsPattern('50%_off')).toBe('%50\\%\\_off%');
    expect(containsPattern('a\\b')).toBe('%a\\\\b%');
  });
});
