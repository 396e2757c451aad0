// Dates at the source's precision (YYYY, YYYY-MM, YYYY-MM-DD), as the API gives and takes them.
import { h } from './dom.js';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
  'October', 'November', 'December'];
const PATTERN = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** Whether text is a date the API accepts: a real month, a day that exists in its month. */
export function isDate(text) {
  const match = PATTERN.exec(text || '');
  if (!match || match[1] === '0000') return false;
  const [, year, month, day] = match;
  if (month && (+month < 1 || +month > 12)) return false;
  if (day) {
    const last = new Date(0);
    last.setUTCFullYear(+year, +month, 0);
    if (+day < 1 || +day > last.getUTCDate()) return false;
  }
  return true;
}

/** "2024", "June 2024", "17 September 2026": the date at the precision it has. */
export function formatDate(text) {
  const match = PATTERN.exec(text || '');
  if (!match) return text || '';
  const [, year, month, day] = match;
  if (!month) return year;
  if (!day) return `${MONTHS[+month - 1]} ${year}`;
  return `${+day} ${MONTHS[+month - 1]} ${year}`;
}

/** A <time> element for an API date. */
export function time(text, attrs = {}) {
  return h('time', { datetime: text, ...attrs }, formatDate(text));
}

/** Today as YYYY-MM-DD, in the reader's time zone. */
export function today() {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

export function year(text) {
  return (PATTERN.exec(text || '') || [])[1] || null;
}
