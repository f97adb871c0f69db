import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  checkDignity,
  DIGNITY_CATEGORIES,
  DignityContext,
  normaliseForMatching,
} from '../../src/content/dignity';
import { CONTEXT } from './dignity-support';

describe('dignity check: findings', () => {
  it('returns nothing for empty or clean text', () => {
    expect(checkDignity('', CONTEXT)).toEqual([]);
    expect(checkDignity('   \n ', CONTEXT)).toEqual([]);
    expect(checkDignity('Kaos sablon Rp 85.000, size S–XXL 👕', CONTEXT)).toEqual([]);
  });

  it('reports UTF-16 offsets into the original text, past emoji and combining marks', () => {
    const text = '🔥🔥 Karya Si\u0301ti\u0301 Aminah 👏 WA 0812-3456-7890';
    const findings = checkDignity(text, CONTEXT);
    expect(findings.map((f) => [f.category, f.start, f.end, f.match])).toEqual([
      ['protected_name', 11, 24, 'Si\u0301ti\u0301 Aminah'],
      ['phone', 31, 45, '0812-3456-7890'],
    ]);
    for (const f of findings) expect(text.slice(f.start, f.end)).toBe(f.match);
  });

  it('sorts findings by position and never overlaps them', () => {
    const text =
      'Pak Budi (B.I 123/2021) dari kamar 12 Blok C divonis 7 tahun, NIK 3174 0512 3456 0001, ' +
      'WA +62 812-7777-6666, para sipir bangga. #napi';
    const findings = checkDignity(text, CONTEXT);
    expect(findings.map((f) => f.category)).toEqual([
      'protected_name',
      'register_number',
      'location',
      'case_wording',
      'nik',
      'phone',
      'custom_word',
      'case_wording',
    ]);
    findings.slice(1).forEach((f, i) => expect(f.start).toBeGreaterThanOrEqual(findings[i].end));
  });

  it('keeps the more specific finding where two overlap', () => {
    const context: DignityContext = { ...CONTEXT, extraWords: ['Agus', 'kasus narkoba'] };
    expect(
      checkDignity('Karya Agus, kasus narkoba', context).map((f) => [f.category, f.match]),
    ).toEqual([
      ['protected_name', 'Agus'],
      ['case_wording', 'kasus narkoba'],
    ]);
    // A NIK can contain something shaped like a mobile number.
    expect(checkDignity('NIK 3174 0812 3456 7890', CONTEXT).map((f) => f.category)).toEqual([
      'nik',
    ]);
  });

  it('never flags text inside the institution’s own name', () => {
    const text = 'Lapas Kelas IIA Narkotika Jakarta gelar bazar';
    const named = { ...CONTEXT, institutionName: 'Lapas Kelas IIA Narkotika Jakarta' };
    expect(checkDignity(text, named)).toEqual([]);
    expect(
      checkDignity(text, { ...CONTEXT, institutionName: undefined }).map((f) => f.match),
    ).toEqual(['Narkotika']);
  });

  it('gives every finding a specific reason in Bahasa Indonesia and English', () => {
    const findings = checkDignity('napi Budi, NIK 3174051234560001', CONTEXT);
    expect(findings.map((f) => f.category)).toEqual(['case_wording', 'protected_name', 'nik']);
    expect(findings[0].reason.id).toContain('warga binaan');
    expect(findings[0].reason.en).toContain('warga binaan');
    expect(findings[2].reason.id).toContain('NIK');
    for (const f of findings) {
      expect(f.reason.id.length).toBeGreaterThan(20);
      expect(f.reason.en.length).toBeGreaterThan(20);
      expect(f.reason.id).not.toBe(f.reason.en);
    }
  });

  it('names the seven categories', () => {
    expect([...DIGNITY_CATEGORIES]).toEqual([
      'protected_name',
      'nik',
      'phone',
      'register_number',
      'case_wording',
      'location',
      'custom_word',
    ]);
  });
});

describe('normaliseForMatching', () => {
  it('folds case, diacritics and compatibility forms and maps back to the original', () => {
    const original = 'Sití 𝗕𝘂𝗱𝗶 ０８１２';
    const norm = normaliseForMatching(original);
    expect(norm.text).toBe('siti budi 0812');
    const at = norm.text.indexOf('budi');
    expect(original.slice(norm.starts[at], norm.ends[at + 3])).toBe('𝗕𝘂𝗱𝗶');
  });

  it('drops zero-width characters', () => {
    expect(normaliseForMatching('Bu\u200Bdi').text).toBe('budi');
  });
});

describe('dignity check: speed', () => {
  it('checks a 2,200-character caption in about a millisecond (measured, not asserted)', () => {
    const fixture = JSON.parse(
      readFileSync(join(process.cwd(), 'test/fixtures/dignity/captions.json'), 'utf8'),
    ) as { captions: Array<{ text: string }> };
    let caption = '';
    for (const c of fixture.captions) caption += `${c.text}\n`;
    caption = caption.slice(0, 2200);
    for (let i = 0; i < 300; i++) checkDignity(caption, CONTEXT);
    const runs = 200;
    const started = process.hrtime.bigint();
    for (let i = 0; i < runs; i++) checkDignity(caption, CONTEXT);
    const ms = Number(process.hrtime.bigint() - started) / 1e6 / runs;
    console.log(`dignity check: ${caption.length} characters in ${ms.toFixed(3)} ms`);
    expect(caption.length).toBe(2200);
  });
});

describe('hyphenated configured words and names', () => {
  it('checks text when the institution name and a custom word contain hyphens', () => {
    const findings = checkDignity('Produk Rutan Bau-Bau tanpa kerja-paksa, karya warga binaan', {
      protectedNames: [],
      extraWords: ['kerja-paksa'],
      allowedPhones: [],
      institutionName: 'Rutan Kelas IIB Bau-Bau',
    });
    expect(findings.map((f) => [f.category, f.match])).toEqual([['custom_word', 'kerja-paksa']]);
  });
});
