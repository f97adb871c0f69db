/** Calendar dates as the API speaks them: YYYY-MM-DD, ISO weeks (2026-W49) and months. */

const pad = (n) => String(n).padStart(2, '0');

function utcOf(yyyyMmDd) {
  const [y, m, d] = yyyyMmDd.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

/** The ISO week (Monday first; week 1 holds the year's first Thursday) of a calendar day. */
export function isoWeekOf(yyyyMmDd) {
  const date = utcOf(yyyyMmDd);
  const weekday = (date.getUTCDay() + 6) % 7;
  date.setUTCDate(date.getUTCDate() - weekday + 3);
  // `date` is now the Thursday of that week, which decides the year.
  const year = date.getUTCFullYear();
  const dayOfYear = (date.getTime() - Date.UTC(year, 0, 1)) / 86_400_000;
  const week = Math.floor(dayOfYear / 7) + 1;
  return `${year}-W${pad(week)}`;
}

/** The Monday (YYYY-MM-DD) that starts an ISO week such as 2026-W49. */
export function mondayOfIsoWeek(week) {
  const [year, number] = week.split('-W').map(Number);
  // 4 January is always in week 1; its Monday starts the year's weeks.
  const jan4 = `${year}-01-04`;
  return addDays(jan4, -((utcOf(jan4).getUTCDay() + 6) % 7) + (number - 1) * 7);
}

/** The ISO week `weeks` after (or, negative, before) `week`: 2026-W52 + 1 → 2026-W53 or 2027-W01. */
export function shiftIsoWeek(week, weeks) {
  return isoWeekOf(addDays(mondayOfIsoWeek(week), 7 * weeks));
}

/** Whether `text` names an ISO week that exists (2026-W53 does, 2027-W53 does not). */
export function isIsoWeek(text) {
  return /^\d{4}-W\d{2}$/.test(text) && isoWeekOf(mondayOfIsoWeek(text)) === text;
}

export function addDays(yyyyMmDd, days) {
  const date = utcOf(yyyyMmDd);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Every ISO week touching the days from `start` up to (not including) `end`. */
export function isoWeeksBetween(start, end) {
  const weeks = [];
  for (let day = start; day < end; day = addDays(day, 7)) {
    const week = isoWeekOf(day);
    if (!weeks.includes(week)) weeks.push(week);
  }
  const last = isoWeekOf(addDays(end, -1));
  if (!weeks.includes(last)) weeks.push(last);
  return weeks;
}
