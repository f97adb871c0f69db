/**
 * What every institution's library starts with. Wording rules (DOMAIN.md): the product comes
 * first, the makers are "warga binaan" and their work "karya warga binaan", never "napi"; no
 * person, case or place inside the institution is mentioned. Templates use only variables that
 * a product post always has, except `{{product.link}}` and `{{hashtags}}`, which the composer
 * fills from the product's shop link and the chosen hashtag group.
 */
import type { SocialNetwork } from '../rendering/template';

export interface DefaultCaptionTemplate {
  name: string;
  network: SocialNetwork | null;
  body: string;
}

export const DEFAULT_CAPTION_TEMPLATES: readonly DefaultCaptionTemplate[] = [
  {
    name: 'Produk baru',
    network: null,
    body: [
      'Produk baru dari bengkel {{workshop.name}}: {{product.name}} ✨',
      '',
      'Dikerjakan dengan teliti oleh warga binaan {{institution.name}}, siap menemani keseharian Anda. Harga {{product.price}}.',
      '',
      'Pesan sekarang: {{product.link}}',
      '',
      '{{hashtags}}',
    ].join('\n'),
  },
  {
    name: 'Harga & promo',
    network: null,
    body: [
      'Harga spesial! {{product.name}} kini {{product.price}} 🏷️',
      '',
      'Buatan tangan bengkel {{workshop.name}}, karya warga binaan {{institution.name}}. Stok terbatas, jangan sampai kehabisan.',
      '',
      'Beli di sini: {{product.link}}',
      '',
      '{{hashtags}}',
    ].join('\n'),
  },
  {
    name: 'Hari Bakti Pemasyarakatan',
    network: null,
    body: [
      'Selamat Hari Bakti Pemasyarakatan! 🇮🇩',
      '',
      'Rayakan bersama kami dengan memiliki {{product.name}}, karya warga binaan {{institution.name}} dari bengkel {{workshop.name}}, seharga {{product.price}}. Setiap pembelian ikut mendukung pembinaan kemandirian.',
      '',
      'Pesan di: {{product.link}}',
      '',
      '{{hashtags}}',
    ].join('\n'),
  },
  {
    name: 'Bazar & pameran',
    network: null,
    body: [
      'Sampai jumpa di bazar dan pameran! 🛍️',
      '',
      'Stan {{institution.name}} menghadirkan {{product.name}} ({{product.price}}) dan produk pilihan lain karya warga binaan. Datang, lihat langsung kualitasnya, dan bawa pulang favorit Anda.',
      '',
      '{{hashtags}}',
    ].join('\n'),
  },
  {
    name: 'Singkat untuk X',
    network: 'x',
    body: '{{product.name}}, karya warga binaan {{institution.name}}: {{product.price}}. Pesan: {{product.link}}\n\n{{hashtags}}',
  },
];

export interface DefaultHashtagGroup {
  name: string;
  tags: readonly string[];
}

/**
 * The product drive's campaign tag #AkuBeliProdukNapi is deliberately absent: it says "napi",
 * which generated text never does. An institution may still add it to a group of its own.
 */
export const DEFAULT_HASHTAG_GROUPS: readonly DefaultHashtagGroup[] = [
  {
    name: 'Karya Warga Binaan',
    tags: [
      'KaryaWargaBinaan',
      'ProdukWargaBinaan',
      'Pemasyarakatan',
      'PemasyarakatanPastiBermanfaat',
      'BanggaBuatanIndonesia',
    ],
  },
  {
    name: 'Hari Bakti Pemasyarakatan',
    tags: [
      'HariBaktiPemasyarakatan',
      'KaryaWargaBinaan',
      'Pemasyarakatan',
      'BanggaBuatanIndonesia',
    ],
  },
];
