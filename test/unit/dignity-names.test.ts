import { describe, expect, it } from '@jest/globals';
import { checkDignity } from '../../src/content/dignity';
import { CONTEXT, found } from './dignity-support';

const flagged: Array<[string, string, string[]]> = [
  ['a full name', 'Terima kasih Budi Santoso atas kursinya', ['Budi Santoso']],
  ['a full name in capitals', 'KARYA SITI AMINAH LARIS', ['SITI AMINAH']],
  ['a full name in lower case', 'roti buatan siti aminah enak', ['siti aminah']],
  ['a full name without its diacritics', 'lukisan Sití Amínah', ['Sití Amínah']],
  ['a full name in Instagram bold letters', '𝗕𝘂𝗱𝗶 𝗦𝗮𝗻𝘁𝗼𝘀𝗼 jago ukir', ['𝗕𝘂𝗱𝗶 𝗦𝗮𝗻𝘁𝗼𝘀𝗼']],
  ['a first name alone', 'Miniatur pinisi karya Agus, 60 cm', ['Agus']],
  ['a first name at the start of a sentence', 'Budi membuat kursi ini', ['Budi']],
  ['a surname alone', 'kursi buatan Santoso', ['Santoso']],
  ['an honorific with a first name', 'Mas Agus lagi finishing kursi', ['Mas Agus']],
  ['an honorific with a dot', 'Pengrajin: Sdr. Budi Santoso', ['Sdr. Budi Santoso']],
  ['an honorific with a surname', 'Thanks to Pak Santoso!', ['Pak Santoso']],
  ['an everyday-word name with an honorific', 'Tempe racikan Bu Indah', ['Bu Indah']],
  ['an everyday-word name written as a name', 'sambal buatan Made, pedas!', ['Made']],
  ['a full name made of everyday words', 'desain oleh Bagus Pratama', ['Bagus Pratama']],
  ['a clitic on a name', 'Budinya lagi sibuk produksi', ['Budinya']],
  ['an English possessive', "Budi's signature batik", ['Budi']],
  ['an initial for the surname', 'Hasil karya Bpk Budi S. dari bengkel', ['Bpk Budi S.']],
  ['an initial for the first name', 'Kopi racikan B. Santoso', ['B. Santoso']],
  ['the full name in a hashtag', '#KaryaBudiSantoso #ProdukLapas', ['#KaryaBudiSantoso']],
  ['a first name as a hashtag', 'Semangat terus #budi!', ['#budi']],
  ['an honorific and name in a hashtag', '#PakBagus siap terima pesanan', ['#PakBagus']],
  ['the full name in a mention', 'Follow @budisantoso.art', ['@budisantoso.art']],
];

const clean: Array<[string, string]> = [
  ['a longer name that starts with the same letters', 'Budiman, pembeli setia dari Depok'],
  ['fish farming', 'Budidaya lele dan budi daya tempe'],
  ['character education', 'Pendidikan budi pekerti luhur'],
  ['the month of August', 'Promo 17 Agustus! Diskon 17%'],
  ['an everyday word in lower case', 'Kualitas bagus, harga bersahabat'],
  ['an everyday word at the start of a sentence', 'Indah banget hasil ukirannya!'],
  ['an everyday word in a Title Case heading', 'Batik Indah Motif Sekar Jagad'],
  ['an everyday word with a clitic', 'Indahnya motif mega mendung'],
  ['"Made in"', 'Made in Lapas Cipinang'],
  ['the same first name with another surname', 'Kepala Lapas, Budi Setiawan, meninjau stan'],
  ['a name after "Jl."', 'Galeri di Jl. H. Agus Salim No. 10'],
  ['an everyday word as a hashtag', '#BatikIndah #bagus'],
  ['a fixed phrase as a hashtag', '#BudiDaya #budidaya'],
  ['a name after "Nabi"', 'Memperingati Maulid Nabi Muhammad SAW'],
];

describe('dignity check: protected names', () => {
  it.each(flagged)('flags %s', (_, text, expected) => {
    expect(found(text, 'protected_name')).toEqual(expected);
  });

  it.each(clean)('does not flag %s', (_, text) => {
    expect(found(text, 'protected_name')).toEqual([]);
  });

  it('flags nothing when no names are configured', () => {
    expect(found('Budi Santoso', 'protected_name', { ...CONTEXT, protectedNames: [] })).toEqual([]);
  });

  it('drops titles and degrees from configured names', () => {
    const context = { ...CONTEXT, protectedNames: ['H. Ahmad Dahlan, S.Pd.'] };
    expect(found('karya Ahmad Dahlan', 'protected_name', context)).toEqual(['Ahmad Dahlan']);
    expect(found('karya Pak Dahlan', 'protected_name', context)).toEqual(['Pak Dahlan']);
  });
});

const besideAnInmate: Array<[string, string, string[]]> = [
  [
    'right after the reference',
    'Terima kasih warga binaan Rudi Hartono atas 200 seragamnya',
    ['Rudi Hartono'],
  ],
  ['after "bernama"', 'Sepatu buatan warga binaan bernama Joko Susilo, 34 tahun', ['Joko Susilo']],
  ['after "WBP atas nama"', 'Lukisan WBP atas nama Sdr. Hendra laku terjual', ['Sdr. Hendra']],
  ['in brackets before the reference', 'Karya Andi (WBP) kini dijual online', ['Andi']],
  [
    'before "seorang warga binaan"',
    'Dedi Kurniawan, seorang warga binaan, juara lomba lukis',
    ['Dedi Kurniawan'],
  ],
  ['between commas after the reference', 'Napi kasus narkoba, Yusuf, kini jualan kopi', ['Yusuf']],
  [
    'with an age',
    'Slamet Riyadi (45) belajar menjahit bersama warga binaan lain',
    ['Slamet Riyadi'],
  ],
  ['by a nickname', 'Warga binaan dengan sapaan akrab Bang Ucok ini jago sablon', ['Bang Ucok']],
];

const notBesideAnInmate: Array<[string, string]> = [
  ['the institution after the reference', 'Jersey produksi WBP Lapas Cipinang siap kirim'],
  ['a group after the reference', 'Pelatihan tata boga untuk warga binaan Wanita dan Lansia'],
  ['initials', 'Kemeja karya warga binaan berinisial BS dan A.S. laris'],
  ['an official', 'Kalapas Tonny Nainggolan meninjau bengkel kerja warga binaan'],
  ['a heading', 'Warga Binaan Membuat Sepatu Kulit Berkualitas'],
  ['a customer order', 'Pesanan meja atas nama Ibu Rina sudah dikirim ke Bekasi'],
  ['a detention centre', 'Rumah Tahanan Negara Kelas I Jakarta membuka galeri'],
  ['a new sentence after the reference', 'Terima kasih warga binaan. Kegiatan berlanjut besok'],
  ['a place name of the institution', 'Produk warga binaan Cipinang hadir di pameran'],
];

describe('dignity check: names beside a reference to an inmate', () => {
  const unlisted = { ...CONTEXT, protectedNames: [] };

  it.each(besideAnInmate)('flags a name %s', (_, text, expected) => {
    expect(found(text, 'protected_name', unlisted)).toEqual(expected);
  });

  it.each(notBesideAnInmate)('does not flag %s', (_, text) => {
    expect(
      found(text, 'protected_name', { ...unlisted, institutionName: 'Lapas Cipinang' }),
    ).toEqual([]);
  });

  it('leaves a listed name to the protected-names rule', () => {
    const findings = checkDignity('warga binaan Budi Santoso Wijaya', CONTEXT);
    expect(findings.map((f) => [f.match, f.reason.en.startsWith('This name is on')])).toEqual([
      ['Budi Santoso', true],
    ]);
  });
});
