// The date control (as_of) of the network and of "who stands where": the date lives in the
// URL's fragment (as_of=YYYY|YYYY-MM|YYYY-MM-DD), so a shared link reopens the same date.
import { h } from './dom.js';
import { withParams } from './route.js';
import { isDate, time, today, year } from './dates.js';

/** The route's date: { asOf } when valid, { invalid } when the URL holds something else. */
export function routeDate(route) {
  const given = (route.params.get('as_of') || '').trim();
  if (!given) return { asOf: null };
  return isDate(given) ? { asOf: given } : { asOf: null, invalid: given };
}

function go(asOf) {
  location.hash = withParams({ as_of: asOf || null });
}

/** The form: a date, Show, a year back and forward, Today, and Clear (back to no date). */
export function dateControl(route, { what }) {
  const { asOf, invalid } = routeDate(route);
  const input = h('input', {
    id: 'as-of-input', name: 'as_of', type: 'text', inputmode: 'numeric', autocomplete: 'off', spellcheck: 'false',
    value: asOf || invalid || '', placeholder: 'YYYY[-MM[-DD]]', title: 'A year, a month or a day: YYYY, YYYY-MM or YYYY-MM-DD', maxlength: 10, size: 11,
    pattern: '[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?', 'aria-describedby': 'as-of-note',
  });
  const problem = h('p', { class: 'error as-of-problem', id: 'as-of-problem', role: 'alert' },
    invalid ? `“${invalid}” is not a date: write YYYY, YYYY-MM or YYYY-MM-DD, a day that exists.` : null);
  const step = (by) => {
    const from = +(year(asOf) || today().slice(0, 4));
    go(String(from + by).padStart(4, '0'));
  };
  const form = h('form', { class: 'date-form', 'aria-label': `The date of ${what}` },
    h('span', { class: 'field' }, h('label', { for: 'as-of-input' }, 'As of'), input),
    h('button', { type: 'submit' }, 'Show'),
    h('span', { class: 'steps' },
      h('button', { type: 'button', class: 'year-back', 'aria-label': 'A year earlier', onclick: () => step(-1) }, '‹ year'),
      h('button', { type: 'button', class: 'year-on', 'aria-label': 'A year later', onclick: () => step(1) }, 'year ›'),
      h('button', { type: 'button', class: 'as-of-today', onclick: () => go(today()) }, 'Today'),
      asOf || invalid ? h('button', { type: 'button', class: 'as-of-clear', onclick: () => go(null) }, 'Clear') : null));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = input.value.trim();
    if (value && !isDate(value)) {
      problem.textContent = `“${value}” is not a date: write YYYY, YYYY-MM or YYYY-MM-DD, a day that exists.`;
      input.setAttribute('aria-invalid', 'true');
      input.focus();
      return;
    }
    go(value);
  });
  return h('div', { class: 'date-control' }, form, problem);
}

/** The sentence that says which date is shown. */
export function dateNote(route, { what, dated, undated }) {
  const { asOf } = routeDate(route);
  return h('p', { class: 'as-of-note', id: 'as-of-note', 'data-as-of': asOf || '' },
    asOf ? [`${what} as of `, h('strong', {}, time(asOf)), dated ? `: ${dated}` : '', '.']
      : [h('strong', {}, 'No date chosen'), `: ${undated}`, '.']);
}
