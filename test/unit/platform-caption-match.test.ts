import { describe, expect, it } from '@jest/globals';
import {
  captionsMatch,
  findMatch,
  normaliseCaption,
  RECONCILE_SKEW_MS,
} from '../../src/platforms/caption-match';

describe('matching a published post to the caption sent', () => {
  it('undoes what X does: escaped &<>, t.co links, a trailing media link', () => {
    const sent = 'Tas & dompet <baru> — lihat https://karya.id/p/123 sekarang';
    const shown =
      'Tas &amp; dompet &lt;baru&gt; — lihat https://t.co/AbCdEf1234 sekarang https://t.co/m123456789';
    expect(captionsMatch('x', shown, sent)).toBe(true);
  });

  it('treats a bare domain as a link, as X does', () => {
    expect(captionsMatch('x', 'Pesan di https://t.co/zz11 ya', 'Pesan di toko.id ya')).toBe(true);
  });

  it('still tells different texts apart on X', () => {
    expect(captionsMatch('x', 'Harga Rp 50.000 https://t.co/m1', 'Harga Rp 55.000')).toBe(false);
  });

  it('ignores line-end style, trailing spaces and Unicode composition', () => {
    const sent = 'Kopi Toraja\r\nOlahan WBP   \n#karya';
    expect(captionsMatch('instagram', 'Kopi Toraja\nOlahan WBP\n#karya', sent)).toBe(true);
    expect(captionsMatch('facebook', 'Cafe\u0301', 'Café')).toBe(true);
    expect(normaliseCaption('instagram', '  a  ')).toBe('a');
  });

  it('does not undo links on Instagram and Facebook, which keep them', () => {
    expect(captionsMatch('instagram', 'Lihat https://t.co/x', 'Lihat https://karya.example')).toBe(
      false,
    );
  });

  it('never matches a missing caption', () => {
    expect(captionsMatch('facebook', undefined, 'x')).toBe(false);
    expect(captionsMatch('facebook', null, 'x')).toBe(false);
  });
});

describe('choosing among candidates', () => {
  const since = new Date('2026-07-01T03:00:00Z');
  const at = (ms: number) => new Date(since.getTime() + ms);

  it('takes the earliest matching post created after the attempt, allowing for clock skew', () => {
    const candidates = [
      { id: 'later', text: 'Sama', createdAt: at(60_000) },
      { id: 'skewed', text: 'Sama', createdAt: at(-RECONCILE_SKEW_MS + 1000) },
      { id: 'too-old', text: 'Sama', createdAt: at(-RECONCILE_SKEW_MS - 1000) },
      { id: 'other', text: 'Beda', createdAt: at(1000) },
    ];
    expect(findMatch('instagram', candidates, 'Sama', since)?.id).toBe('skewed');
    expect(findMatch('instagram', candidates.slice(2), 'Sama', since)).toBeUndefined();
  });
});
