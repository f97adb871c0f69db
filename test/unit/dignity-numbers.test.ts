import { describe, expect, it } from '@jest/globals';
import { CONTEXT, found } from './dignity-support';

describe('dignity check: NIK', () => {
  it.each([
    ['after "NIK", in groups of four', 'NIK 3174 0512 3456 0001 menang', '3174 0512 3456 0001'],
    ['with dots', 'KTP: 3275.0141.0285.0003', '3275.0141.0285.0003'],
    ['with dashes', 'No. KTP 3578-0123-0999-0002', '3578-0123-0999-0002'],
    ['written plain', 'nik 3201012505880004 terdaftar', '3201012505880004'],
    ['glued to the keyword', 'NIK:6471045506950003', '6471045506950003'],
    ['as region/birth/serial groups', 'NIK 31.74.05.120390.0001', '31.74.05.120390.0001'],
    [
      'without a keyword when it looks real',
      'Pemenang (3671 0454 1090 0001)',
      '3671 0454 1090 0001',
    ],
    ['any 16 digits after a keyword', 'No KTP: 1234 5678 9012 3456', '1234 5678 9012 3456'],
  ])('flags a NIK %s', (_, text, nik) => {
    expect(found(text, 'nik')).toEqual([nik]);
  });

  it.each([
    ['an order number', 'Order ID 2309151234567890 sudah dikirim'],
    ['a virtual account', 'Transfer ke VA BCA 8808 1234 5678 9012'],
    ['a voucher code with a plausible region', 'Kode voucher 3174 0512 3456 0001'],
    ['16 digits with no real region code', 'Nomor seri 1234567890123456'],
    ['a 13-digit barcode', 'Barcode 8991234567890'],
    ['a 15-digit NIK typo', 'NIK 3174-0512-3456-000'],
    ['17 digits glued to letters', 'Sertifikat halal ID31110000123450923'],
    ['a NIK-like number inside a link', 'facebook.com/lapas/posts/3174051234560001'],
    ['prices', 'Rp 1.234.567.890 dan Rp 150.000'],
    ['a tax number', 'NPWP 01.234.567.8-901.000'],
  ])('does not flag %s', (_, text) => {
    expect(found(text, 'nik')).toEqual([]);
  });
});

describe('dignity check: personal phone numbers', () => {
  it.each([
    ['with dashes', 'WA 0812-3456-7890 (Rina)', ['0812-3456-7890']],
    ['in +62 form', 'Hubungi +62 813 9876 5432', ['+62 813 9876 5432']],
    ['in 62 form', 'Telp/WA 628119998877', ['628119998877']],
    ['with dots', 'CP: 0857.1122.3344', ['0857.1122.3344']],
    ['with a parenthesised prefix', 'Pesan: (0812) 555-1234', ['(0812) 555-1234']],
    ['with a parenthesised country code', 'WA (+62) 812-3456-7890', ['(+62) 812-3456-7890']],
    ['with "(0)" after the country code', 'WA: +62 (0) 812 1111 2222', ['+62 (0) 812 1111 2222']],
    ['of 11 digits in uneven groups', 'hp 0896 1234 567', ['0896 1234 567']],
    ['glued to "WA"', 'WA0812-3456-7890', ['0812-3456-7890']],
    [
      'two in a row',
      'Reseller: 0821 1234 5678 / 0822 8765 4321',
      ['0821 1234 5678', '0822 8765 4321'],
    ],
    ['in a WhatsApp link', 'Pesan 👉 wa.me/6285712345678', ['6285712345678']],
    ['in a WhatsApp API link', 'api.whatsapp.com/send?phone=6281377778888', ['6281377778888']],
  ])('flags a number %s', (_, text, numbers) => {
    expect(found(text, 'phone')).toEqual(numbers);
  });

  it.each([
    ['the official hotline', 'Pengaduan resmi: 0811-1234-5678'],
    ['the hotline in another format', 'Hotline +62 811 1234 5678'],
    ['the hotline in a WhatsApp link', 'wa.me/6281112345678'],
    ['a landline', 'Kantor koperasi: 021-8195432'],
    ['a landline with the country code', '+62 21 4801234 (kantor)'],
    ['a toll-free number', '0800-1-234567 bebas pulsa'],
    ['a short call-centre number', 'Call center 14045'],
    ['a SKU', 'SKU: KB-0812-3456'],
    ['dates', 'Pameran 08-12-2023 s.d. 10-12-2023'],
    ['a bank account', 'Rekening BNI 0812345678 a.n. Koperasi'],
    ['too many digits', 'HP: 0812 3456 7890 12'],
    ['too few digits', 'HP: 0812 3456 7'],
    ['prices', 'Rp 81.500/pcs, Rp 62.000'],
  ])('does not flag %s', (_, text) => {
    expect(found(text, 'phone')).toEqual([]);
  });

  it('compares allowed numbers by their digits, whatever their format', () => {
    const context = { ...CONTEXT, allowedPhones: ['+62 (812) 3456-7890'] };
    expect(found('WA 0812 3456 7890', 'phone', context)).toEqual([]);
  });
});

describe('dignity check: register numbers', () => {
  it.each([
    ['B.I 123/2021', 'Karya B.I 123/2021 ini', 'B.I 123/2021'],
    ['BI.123/2021', 'BI.456/2022 lulus pelatihan', 'BI.456/2022'],
    ['AIII 45/2020', 'dibuat oleh AIII 45/2020', 'AIII 45/2020'],
    ['A.III 45/2020', 'Karya A.III 45/2020', 'A.III 45/2020'],
    ['B.IIa 12/2019', 'Selamat B.IIa 12/2019!', 'B.IIa 12/2019'],
    ['B I with spaces', 'B I 123/2021 membuat kursi', 'B I 123/2021'],
    ['A-II with a dash', 'Penjahit A-II 301/2024', 'A-II 301/2024'],
    ['a narcotics suffix', 'No Reg: BI.N 456/2020', 'No Reg: BI.N 456/2020'],
    ['number/class/year', 'Nomor register: 123/B.I/2021', 'Nomor register: 123/B.I/2021'],
    ['"register B I"', 'warga binaan register B.I ini', 'register B.I'],
    ['"no. reg" with a number', 'Karya no. reg 88/2022', 'no. reg 88/2022'],
    ['"nomor register" alone', 'Tulis nomor register pembuat', 'nomor register'],
  ])('flags %s', (_, text, register) => {
    expect(found(text, 'register_number')).toEqual([register]);
  });

  it.each([
    ['an institution class', 'Lapas Kelas IIA Salemba dan Rutan Kelas IIB Depok'],
    ['a letter number', 'Surat Edaran No. 123/2021'],
    ['a food licence', 'BPOM, No. Reg. MD 224510001234'],
    ['event registration', 'Register sekarang! Registrasi peserta dibuka'],
    ['paper sizes', 'Poster A4 dan A3'],
    ['"AI"', 'AI? Bukan! Ini lukisan asli'],
    ['vitamins', 'Vitamin B1 dan B12'],
    ['fractions and sizes', 'S/M/L/XL, diskon 1/2 harga'],
  ])('does not flag %s', (_, text) => {
    expect(found(text, 'register_number')).toEqual([]);
  });
});
