import { Role } from '../auth/roles';

/** The demo institution: Lapas Kelas I Cipinang, the institution of the source study. */
export const DEMO_INSTITUTION = {
  name: 'Lapas Kelas I Cipinang',
  slug: 'lapas-cipinang',
  kind: 'lapas' as const,
  region: 'DKI Jakarta',
  timeZone: 'Asia/Jakarta' as const,
  brandPrimary: '#0B4F6C',
  brandSecondary: '#F2A541',
  brandText: '#FFFFFF',
  hotline: '(021) 8195004',
};

/** Demo logins share one password; the demo is refused in production. */
export const DEMO_PASSWORD = 'karya-demo-2026';

export const DEMO_USERS: { email: string; displayName: string; role: Role }[] = [
  { email: 'staf@demo.karya.id', displayName: 'Rina Staf Kegiatan Kerja', role: Role.Staff },
  { email: 'kasi@demo.karya.id', displayName: 'Hendra Kasi Kegiatan Kerja', role: Role.Approver },
  { email: 'kalapas@demo.karya.id', displayName: 'Kepala Lapas (Manajemen)', role: Role.Manager },
  { email: 'admin@demo.karya.id', displayName: 'Admin Lapas Cipinang', role: Role.Admin },
  { email: 'ditjen.admin@demo.karya.id', displayName: 'Admin Ditjenpas', role: Role.NationalAdmin },
  {
    email: 'ditjen@demo.karya.id',
    displayName: 'Manajer Nasional Ditjenpas',
    role: Role.NationalManager,
  },
];

export type DemoDrawing =
  'shirt' | 'cloth' | 'bag' | 'ship' | 'wallet' | 'bread' | 'block' | 'chair' | 'cup';

export interface DemoProduct {
  sku: string;
  name: string;
  workshop: string;
  priceRupiah: number;
  description: string;
  tags: string[];
  drawing: DemoDrawing;
  colour: string;
  accent: string;
  tokopedia?: string;
  shopee?: string;
}

/** Workshop names are the catalogue's seed names. */
export const DEMO_PRODUCTS: DemoProduct[] = [
  {
    sku: 'JRS-001',
    name: 'Jersey Sepak Bola Garuda',
    workshop: 'Konveksi / Penjahitan',
    priceRupiah: 125_000,
    description:
      'Jersey sepak bola bahan dry-fit, jahitan rapi, tersedia ukuran S sampai XXL. Produk ekspor ke Nigeria.',
    tags: ['jersey', 'olahraga'],
    drawing: 'shirt',
    colour: '#C62828',
    accent: '#FFFFFF',
    tokopedia: 'https://www.tokopedia.com/karyacipinang/jersey-garuda',
  },
  {
    sku: 'KMJ-BTK-05',
    name: 'Kemeja Batik Lintas 5',
    workshop: 'Batik',
    priceRupiah: 185_000,
    description: 'Kemeja batik tulis motif Lintas 5, katun primisima, lengan pendek.',
    tags: ['batik', 'kemeja'],
    drawing: 'cloth',
    colour: '#6D4C41',
    accent: '#FFCC80',
    tokopedia: 'https://www.tokopedia.com/karyacipinang/kemeja-batik-lintas-5',
    shopee: 'https://shopee.co.id/karyacipinang/kemeja-batik-lintas-5',
  },
  {
    sku: 'KOS-SBL-01',
    name: 'Kaos Sablon "Karya Anak Bangsa"',
    workshop: 'Sablon',
    priceRupiah: 75_000,
    description: 'Kaos katun combed 30s dengan sablon plastisol, tahan cuci.',
    tags: ['kaos', 'sablon'],
    drawing: 'shirt',
    colour: '#263238',
    accent: '#FFD54F',
    shopee: 'https://shopee.co.id/karyacipinang/kaos-sablon',
  },
  {
    sku: 'MIN-PNS-01',
    name: 'Miniatur Kapal Pinisi',
    workshop: 'Kerajinan Tangan',
    priceRupiah: 450_000,
    description: 'Miniatur kapal pinisi dari kayu jati, panjang 60 cm, dikerjakan tangan.',
    tags: ['miniatur', 'kayu', 'dekorasi'],
    drawing: 'ship',
    colour: '#8D6E63',
    accent: '#ECEFF1',
    tokopedia: 'https://www.tokopedia.com/karyacipinang/miniatur-pinisi',
  },
  {
    sku: 'DMP-KLT-02',
    name: 'Dompet Kulit Asli',
    workshop: 'Kerajinan Kulit',
    priceRupiah: 160_000,
    description: 'Dompet lipat kulit sapi asli, jahit tangan, enam slot kartu.',
    tags: ['kulit', 'dompet'],
    drawing: 'wallet',
    colour: '#5D4037',
    accent: '#D7CCC8',
    tokopedia: 'https://www.tokopedia.com/karyacipinang/dompet-kulit',
  },
  {
    sku: 'TAS-KLT-01',
    name: 'Tas Selempang Kulit',
    workshop: 'Kerajinan Kulit',
    priceRupiah: 350_000,
    description: 'Tas selempang kulit sapi dengan tali yang bisa diatur.',
    tags: ['kulit', 'tas'],
    drawing: 'bag',
    colour: '#795548',
    accent: '#FFE0B2',
  },
  {
    sku: 'KPI-ROB-250',
    name: 'Kopi Robusta Bubuk 250 g',
    workshop: 'Kopi',
    priceRupiah: 55_000,
    description: 'Kopi robusta sangrai sedang, digiling halus, kemasan zip 250 gram.',
    tags: ['kopi', 'minuman'],
    drawing: 'cup',
    colour: '#3E2723',
    accent: '#BCAAA4',
    shopee: 'https://shopee.co.id/karyacipinang/kopi-robusta-250',
  },
  {
    sku: 'ROT-MNS-01',
    name: 'Roti Manis Aneka Rasa',
    workshop: 'Bakery',
    priceRupiah: 8_000,
    description: 'Roti manis isi cokelat, keju atau srikaya, dipanggang setiap pagi.',
    tags: ['roti', 'makanan'],
    drawing: 'bread',
    colour: '#E0A458',
    accent: '#6D4C41',
  },
  {
    sku: 'TMP-500',
    name: 'Tempe Murni 500 g',
    workshop: 'Budidaya Tempe',
    priceRupiah: 12_000,
    description: 'Tempe kedelai pilihan, fermentasi alami, dibungkus daun pisang.',
    tags: ['tempe', 'makanan'],
    drawing: 'block',
    colour: '#F5E6C8',
    accent: '#558B2F',
  },
  {
    sku: 'KRS-JTI-01',
    name: 'Kursi Kayu Jati Minimalis',
    workshop: 'Bubut',
    priceRupiah: 1_250_000,
    description: 'Kursi kayu jati dengan kaki hasil bubut, finishing natural.',
    tags: ['mebel', 'kayu'],
    drawing: 'chair',
    colour: '#A1887F',
    accent: '#4E342E',
  },
  {
    sku: 'SRG-BTK-02',
    name: 'Kain Batik Tulis Motif Parang',
    workshop: 'Batik',
    priceRupiah: 275_000,
    description: 'Kain batik tulis 2 meter, pewarna alami, motif parang.',
    tags: ['batik', 'kain'],
    drawing: 'cloth',
    colour: '#1A237E',
    accent: '#FFF8E1',
  },
  {
    sku: 'LDR-PKT-5',
    name: 'Paket Laundry Kiloan 5 kg',
    workshop: 'Laundry',
    priceRupiah: 35_000,
    description: 'Cuci, kering dan setrika 5 kilogram pakaian, selesai dalam dua hari.',
    tags: ['jasa', 'laundry'],
    drawing: 'shirt',
    colour: '#0277BD',
    accent: '#E1F5FE',
  },
];
