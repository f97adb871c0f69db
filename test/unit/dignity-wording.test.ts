import { describe, expect, it } from '@jest/globals';
import { CONTEXT, found } from './dignity-support';

describe('dignity check: case and sentence wording', () => {
  it.each([
    [
      'a sentence with its length',
      'Meski divonis 5 tahun penjara, ia berkarya',
      ['divonis 5 tahun penjara'],
    ],
    [
      'a sentence in years and months',
      'Divonis 2 tahun 6 bulan penjara',
      ['Divonis 2 tahun 6 bulan penjara'],
    ],
    ['a life sentence', 'Vonis seumur hidup tak menghentikannya', ['Vonis seumur hidup']],
    [
      'a case with its offence',
      'Terdakwa kasus pembunuhan itu kini mengelas',
      ['Terdakwa kasus pembunuhan'],
    ],
    ['a courier of drugs', 'Mantan kurir sabu kini membuat tempe', ['Mantan kurir sabu']],
    [
      'an article with its paragraph',
      'Dijerat Pasal 114 ayat (1) UU Narkotika.',
      ['Dijerat Pasal 114 ayat (1) UU Narkotika'],
    ],
    ['"pasal berlapis"', 'Terjerat pasal berlapis, ia merajut', ['Terjerat pasal berlapis']],
    ['the rest of a sentence', 'sisa masa pidana 2 tahun', ['sisa masa pidana 2 tahun']],
    ['parole', 'Sebelum bebas bersyarat tahun depan', ['bebas bersyarat']],
    ['a remission', 'mendapat remisi 3 bulan', ['remisi 3 bulan']],
    ['"napi"', 'Napi Lapas Cipinang produksi jersey', ['Napi']],
    ['"eks-napi"', 'Eks-napi buka usaha sablon', ['Eks-napi']],
    ['"narapidana"', 'Karya para narapidana dipamerkan', ['narapidana']],
    [
      '"napi" hashtags other than the campaign tag',
      '#napi #KaryaNapi #AkuBeliProdukNapi',
      ['#napi', '#KaryaNapi'],
    ],
    ['a legal status', 'Residivis yang kini jadi barista', ['Residivis']],
    ['detainees', 'Hasil karya para tahanan', ['tahanan']],
    ['imprisonment', 'Mendekam sejak 2019, ia melukis', ['Mendekam']],
    ['"kasus" with a clitic', 'Apa pun kasusnya, semua berhak', ['kasusnya']],
    ['corruption outside a campaign', 'pejabat yang tersandung korupsi', ['korupsi']],
    ['a drug story', 'Sabu-sabu menghancurkan hidupnya', ['Sabu-sabu']],
  ])('flags %s', (_, text, expected) => {
    expect(found(text, 'case_wording')).toEqual(expected);
  });

  it.each([
    ['a phone case', 'Kasus HP anti crack, case iPhone, casing Samsung'],
    ['a case study', 'Studi kasus: pemasaran produk Lapas'],
    ['"in some cases"', 'Dalam kasus tertentu, pengiriman bisa terlambat'],
    ['the anti-drug day', 'Peringatan Hari Anti Narkotika Internasional'],
    ['anti-drug slogans', 'Stop narkoba! Narkoba merusak masa depan bangsa'],
    ['an anti-corruption zone', 'Menuju Wilayah Bebas dari Korupsi (WBK)'],
    ['a narcotics prison', 'Lapas Narkotika Kelas IIA dan Badan Narkotika Nasional'],
    ['a detention centre', 'Rumah Tahanan Negara Kelas I Jakarta Pusat'],
    ['a lifetime guarantee', 'Garansi seumur hidup untuk dompet kulit'],
    ['catching the eye', 'Desain yang mencuri perhatian'],
    ['soap and Savu weaving', 'Sabun sereh dan tenun ikat Sabu Raijua'],
    ['a hot-pot dish', 'Shabu-shabu jamur kuah pedas'],
    ['a courier service', 'Kurir JNE siap antar'],
    ['a chicken cage', 'Kurungan ayam bambu Rp 85.000'],
    ['MSME actors', 'Pelaku UMKM binaan kami'],
    ['a mosquito killer and killing time', 'Pembunuh nyamuk alami; cara seru membunuh waktu'],
    ['the constitution', 'Pasal 33 UUD 1945 tentang ekonomi kerakyatan'],
    ['"Pasal-pasal" in general', 'Pasal-pasal dalam UU Pemasyarakatan menjamin hak bekerja'],
    ['a medical diagnosis', 'Divonis dokter menderita diabetes, ia tetap semangat'],
    ['"tanpa vonis"', 'Tanpa vonis pun, kualitas kami terbukti'],
    ['prison alone', 'Dari balik jeruji, lahir karya; penjara bukan akhir'],
    ['the campaign tag', 'Yuk ramaikan #AkuBeliProdukNapi!'],
    ['fraud warnings', 'Waspada penipuan mengatasnamakan Lapas!'],
  ])('does not flag %s', (_, text) => {
    expect(found(text, 'case_wording')).toEqual([]);
  });
});

describe('dignity check: cell and block locations', () => {
  it.each([
    ['a lettered block', 'Dapur tempe di Blok A', ['Blok A']],
    ['a block with a number', 'teman-teman blok C3', ['blok C3']],
    ['a named block', 'origami dari Blok Anggrek', ['Blok Anggrek']],
    [
      'an unknown two-word block name',
      'Warga binaan Blok Wijaya Kusuma membuat tas',
      ['Blok Wijaya Kusuma'],
    ],
    ['a room number', 'Penghuni kamar 12 juara', ['kamar 12']],
    ['"Kamar No."', 'Dari Kamar No. 7, lahir lukisan', ['Kamar No. 7']],
    ['a living room in prison', 'Setiap kamar hunian kini punya rak', ['kamar hunian']],
    ['a cell number', 'dibuat di sel 4 malam hari', ['sel 4']],
    ['an isolation cell', 'Pernah di sel isolasi', ['sel isolasi']],
    ['"inside the cell"', 'Dari dalam sel, ia menggambar', ['sel']],
    ['a floor and a block', 'Ruang jahit di lantai 2 blok B', ['lantai 2 blok B']],
    ['a room and a block', 'Juara: kamar 5 Blok E', ['kamar 5 Blok E']],
  ])('flags %s', (_, text, expected) => {
    expect(found(text, 'location')).toEqual(expected);
  });

  it.each([
    ['Blok M', 'Bazar di Blok M Square lantai 2 dan Blok M Plaza'],
    ['a street address', 'Galeri: Jl. Melati Raya Blok C3 No. 12'],
    ['a shop-house address', 'Ruko Grand Galaxy Blok A No. 5, Bekasi'],
    ['a market block', 'Pasar Tanah Abang Blok A lantai 5'],
    ['bedroom furniture', 'Set kamar tidur jati; lemari kamar tidur 2 pintu'],
    ['a wardrobe for a room', 'Lemari kamar 2 pintu dengan cermin'],
    ['a bathroom', 'Rak handuk kamar mandi'],
    ['room sizes', 'Karpet ukuran kamar 3x4 meter'],
    ['a house with rooms', 'Rumah 3 kamar? Lapas punya 120 kamar'],
    ['a solar cell', 'Lampu taman tenaga sel surya'],
    ['skin cells', 'mengangkat sel kulit mati; cegah kerusakan sel'],
    ['body cells', 'Sel-sel tubuh butuh nutrisi'],
    ['paving blocks', 'Paving blok dan batako siap kirim'],
    ['colour blocks and engine blocks', 'Kaos blok warna; bubut blok mesin'],
    ['a mall floor', 'Booth kami di lantai 2 Mall Kota Kasablanka'],
  ])('does not flag %s', (_, text) => {
    expect(found(text, 'location')).toEqual([]);
  });
});

describe('dignity check: the institution word list', () => {
  it('flags listed words and phrases as whole words, in any case and spacing', () => {
    expect(found('Terima kasih para SIPIR dan sipír', 'custom_word')).toEqual(['SIPIR', 'sipír']);
    expect(found('Karya dari balik JERUJI  BESI', 'custom_word')).toEqual(['JERUJI  BESI']);
    expect(found('#sipir #lapas', 'custom_word')).toEqual(['sipir']);
  });

  it('does not flag a listed word inside a longer word', () => {
    expect(found('Sipirman dan #sipirhebat', 'custom_word')).toEqual([]);
  });

  it('ignores empty entries', () => {
    expect(found('apa saja', 'custom_word', { ...CONTEXT, extraWords: ['', '  ', '!!'] })).toEqual(
      [],
    );
  });
});
