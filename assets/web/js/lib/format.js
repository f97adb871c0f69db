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

/** Institutions plan in WIB, WITA or WIT; none has daylight saving. */
const OFFSETS = {
  'Asia/Jakarta': '+07:00',
  'Asia/Pontianak': '+07:00',
  'Asia/Makassar': '+08:00',
  'Asia/Jayapura': '+09:00',
};

export function zoneOffset(timeZone) {
  return OFFSETS[timeZone] ?? '+07:00';
}

/** An instant as a datetime-local value ("2026-12-07T10:00") in the institution's zone. */
export function toLocalInput(value, timeZone = 'Asia/Jakarta') {
  if (!value) return '';
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(value))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/** A datetime-local value read in the institution's zone, as an ISO instant with offset. */
export function fromLocalInput(text, timeZone = 'Asia/Jakarta') {
  return text ? `${text}:00${zoneOffset(timeZone)}` : null;
}

/** The Intl locale of the current language. */
export const currentLocale = () => LOCALES[langStore.get()];

/** A fraction as a percentage (0.045 → "4,5%"); a dash when it is unknown. */
export function formatPercent(fraction) {
  if (fraction === null || fraction === undefined) return '—';
  return new Intl.NumberFormat(currentLocale(), {
    style: 'percent',
    maximumFractionDigits: 1,
  }).format(fraction);
}

/** "2026-11" → "November 2026" in the current language. */
export function formatMonth(yyyyMm) {
  const [y, m] = yyyyMm.split('-').map(Number);
  return new Intl.DateTimeFormat(currentLocale(), {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y, m - 1, 1)));
}
