/**
 * Word lists for the protected-name rule (normalised: lower case, no diacritics).
 *
 * Many Indonesian given names are also everyday words ("Bagus" = good, "Indah" = beautiful,
 * "Hari" = day, "Fitri" in "Idul Fitri", "Made" in "Made in …"). Such a name alone is flagged
 * only with an honorific ("Bu Indah"), or written as a name in running text ("buatan Made,"):
 * capitalised, not at the start of a sentence and not inside a Title Case heading. A full name
 * is always flagged.
 */
import { wordSet } from './text';

export const AMBIGUOUS_NAME_WORDS = wordSet(`
  agung alam amin amal aman amanah anggun arif asih asri ayu bagus bakti bahagia bayu berkah
  barokah bintang bulan bunga cahaya cahya candra cinta damai dharma darma dewa dewi dian dwi eka
  tri catur panca sapta elok endah fajar fitri gading galih gede gita guntur gusti hakim halim
  harapan hari harum harta hidayah hikmah ikhlas ilham iman indah indra intan jaya jelita jingga
  kartika kasih kencana kirana kurnia kusuma langit laras lestari lintang luhur made makmur
  mandiri manis mawar mega melati merdeka mukti mulia murni mustika mutiara nila nirmala nur nusa
  pelangi pelita perdana permata pertiwi prima pratama pribadi puspa putra putri putu rahayu
  rahmat raja rama ratu rezeki rejeki ria sabar sakti salam sari sejati sekar selamat slamet
  senja sentosa setia sri suci sugeng sukma surya syukur tegar teguh tirta tulus untung utama
  wahyu wangi wijaya wulan yoga abadi adil angin awan bumi embun samudra samudera angkasa mentari
  purnama perkasa gagah perwira satria ksatria budiman dermawan anak raden haji cut april mei
  juni juli agustus minggu muhammad mohammad muhamad mochammad mochamad moh muh ramadhan ramadan
  syawal arjuna bima srikandi semar kresna garuda elang rajawali kenanga cempaka anggrek dahlia
  teratai kamboja seruni kemuning berlian zamrud delima grace joy hope faith rose lily daisy ruby
  jade amber pearl crystal mark will max jack frank sunny sky star dawn rich king queen prince
  angel happy lucky honey candy cherry summer may june holly ivy iris violet olive hazel melody
  harmony glory
`);

/** Words that make a following name someone else's, or part of a street or building name. */
export const NAME_BLOCKERS = wordSet(`
  nabi rasul rasulullah surah surat santo santa st sunan sultan kh kyai kiai syekh syeikh jl jln
  jalan gg gang masjid universitas univ gedung wisma stadion bandara rs rsud kapal
`);

/** Honorifics and forms of address; "Sdr." and "Bpk." are written with a dot. */
export const HONORIFICS = wordSet(`
  pak bapak bpk bp ibu bu bunda mas mbak mba kak kakak bang abang om tante sdr sdri saudara
  saudari adik dik dek mbah kang akang neng cak ning bli mbok uda uni koh cik nyonya ny tuan nona
  bung pakde bude bulik paklik opa oma nenek kakek ustadz ustaz ustad ustadzah hj wbp mr mrs ms
  miss
`);

/** Clitics that can follow a name in Indonesian ("Budinya", "Aguslah"). */
export const NAME_CLITICS = ['nya', 'lah', 'kah', 'pun'];

/** Titles and degrees dropped from configured names ("H. Ahmad Dahlan, S.Pd."). */
export const NAME_TITLES = wordSet(`
  h hj drs dra dr ir prof ust kh
`);

/**
 * Distinctive names that still occur in fixed phrases: "budi daya", "budi pekerti", "balas
 * budi", "semoga rizki lancar". The phrase wins over the name.
 */
export const NAME_PHRASES: Record<string, { before: Set<string>; after: Set<string> }> = {
  budi: {
    before: wordSet('akal balas berbalas utang hutang tanam'),
    after: wordSet('daya pekerti luhur bahasa baik utomo'),
  },
  rizki: {
    before: wordSet(`semoga pintu jadi menjadi mencari cari menjemput jemput berbagi ladang
      membuka buka murah sumber tambahan dapat mendapat mengais halal`),
    after: wordSet('lancar berkah melimpah halal nomplok barokah'),
  },
};
NAME_PHRASES.rizky = NAME_PHRASES.rizki;
NAME_PHRASES.rezki = NAME_PHRASES.rizki;
NAME_PHRASES.rizqi = NAME_PHRASES.rizki;
