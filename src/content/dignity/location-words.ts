/** Word lists for the location rule (normalised: lower case, no diacritics). */
import { wordList, wordSet } from './text';

/** How prisons name their blocks: flowers, wayang figures, islands, mountains, birds, gems, uses. */
export const BLOCK_NAMES = wordSet(`
  isolasi tahanan hunian narkotika khusus mapenaling karantina lansia wanita perempuan anak
  pengasingan strafsel tipikor teroris napiter napi narapidana maximum medium minimum anggrek
  melati mawar cempaka kenanga dahlia teratai flamboyan tulip seruni kamboja bougenville asoka
  kemuning sakura lili aster matahari cendana beringin arjuna bima yudistira nakula sadewa
  kresna srikandi gatotkaca antasena hanoman rama sinta pandawa abimanyu wisanggeni semar
  sumatera sumatra jawa kalimantan sulawesi papua bali nusantara maluku lombok flores madura
  borneo irian semeru merapi rinjani jayawijaya krakatau bromo lawu merbabu kapuas mahakam musi
  barito citarum bengawan rajawali elang garuda merpati cendrawasih kenari nuri kakatua intan
  berlian mutiara zamrud permata safir delima kencana
`);

/** "Blok" followed by these is a thing, not a place ("blok mesin", "Blok Warna"). */
export const BLOCK_NOUNS = wordSet(`
  mesin kayu beton cetak warna kertas rem silinder kaca bata semen paving print printing note
  notes kalender bangunan besi motor sablon kode program data tanah rumah kota huruf tulisan
  teks gambar foto iklan jadwal waktu anggaran suara politik chain lego mainan puzzle ukur
  gergaji amplas busa karet garam gula coklat cokelat keju mentega sabun lilin color colour
  motif pola tangan catatan nota kwitansi kuitansi untuk dan yang ini itu
`);

/** "paving blok A", "batako blok" are building materials. */
export const MATERIAL_BEFORE_BLOK = wordSet(`
  paving batako conblock con beton kayu warna color colour es
`);

/** "kamar hunian", "kamar isolasi". */
export const ROOM_KINDS = wordList(`
  hunian isolasi tahanan sel napi narapidana karantina mapenaling pengasingan
`);

/** "sel isolasi", "sel tikus". */
export const CELL_KINDS = wordList(`
  isolasi tahanan penjara tikus pengasingan khusus karantina hukuman gelap napi narapidana
`);

/** "kamar 3" after these is a home, hotel or boarding room. */
export const HOME_ROOM_BEFORE = wordSet(`
  hotel kos kost villa vila rumah tipe type apartemen penginapan homestay guest resort baterai
  batre battery aki surya solar excel
`);

/** A bare "sel" is a cell only after one of these ("dari dalam sel", "penghuni sel"). */
export const SEL_PLACE_BEFORE = wordSet(`
  di ke dari dalam balik penghuni jeruji masuk kembali sebuah
`);

/** Biology and energy: "sel kulit", "sel surya", "sel tubuh". */
export const BIOLOGY_AFTER_SEL = wordSet(`
  surya kulit darah tubuh otak saraf syaraf kanker punca telur sperma hidup mati baterai bahan
  tumbuhan hewan induk imun lemak rambut hati akar daun fotovoltaik excel tabel tunggal
  prokariotik eukariotik epitel otot tulang ginjal paru jaringan solar fuel elektrolisis volta
  galvani kering basah sehat rusak baru manusia
`);
