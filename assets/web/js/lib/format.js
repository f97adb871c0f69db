import { langStore } from './i18n.js';

const LOCALES = { id: 'id-ID', en: 'en-GB' };

/** "Rp 150.000" in both languages: rupiah are written the Indonesian way. */
export function formatRupiah(amount) {
  if (!Number.isSafeInteger(amount)) return '';
  const grouped = Math.abs(amount)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${amount < 0 ? '-' : ''}Rp ${grouped}`;
}

/** Accepts "150000", "150.000" or "Rp 150.000"; null when it is not a whole rupiah amount. */
export function parseRupiah(text) {
  const cleaned = String(text)
    .replace(/^\s*rp\.?\s*/i, '')
    .replace(/[.\s]/g, '');
  if (!/^\d{1,13}$/.test(cleaned)) return null;
  return Number(cleaned);
}

export function formatDateTime(value, timeZone = 'Asia/Jakarta') {
  if (!value) return '';
  return new Intl.DateTimeFormat(LOCALES[langStore.get()], {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone,
  }).format(new Date(value));
}

/** A calendar date (YYYY-MM-DD) as words, without shifting it through a time zone. */
export function formatDate(yyyyMmDd) {
  if (!yyyyMmDd) return '';
  const [y, m, d] = yyyyMmDd.split('-').map(Number);
  return new Intl.DateTimeFormat(LOCALES[langStore.get()], {
    dateStyle: 'medium',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** Today in the institution's time zone, as YYYY-MM-DD (for date inputs). */
export function todayIn(timeZone = 'Asia/Jakarta') {
  return new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date());
}

export function formatBytes(bytes) {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function formatNumber(value) {
  return new Intl.NumberFormat(LOCALES[langStore.get()]).format(value);
}
