// The timeline: the dated events of the whole dataset, or of one actor or alliance
// (#/timeline?actor=ID or ?alliance=ID), oldest first, as /v1/timeline orders them. It is
// read a page at a time, following the API's links.next, so a large dataset costs one page.
// Each event links to its record and to its sentence (the evidence span, in the document).
import { get, record, refType, query } from './api.js';
import { h, fill, humanize } from './dom.js';
import { href, withParams } from './route.js';
import { vocabularies } from './vocab.js';
import { isDate, time, year } from './dates.js';

const PAGE = 50;

const BASIS = {
  inferred: ['inferred', 'The document gives no date; this one is inferred from what it says.'],
  publication: ['document’s date', 'The text does not date it: this is when its document was published; it happened then or before.'],
};

export async function render(container, route) {
  const p = route.params;
  const filters = {
    actor: p.get('actor') || '', alliance: p.get('alliance') || '',
    since: (p.get('since') || '').trim(), until: (p.get('until') || '').trim(), event: p.get('event') || '',
  };
  const [vocab, subject] = await Promise.all([
    vocabularies(),
    filters.actor ? record('actor', filters.actor) : filters.alliance ? record('alliance', filters.alliance) : null,
  ]);
  const problems = [];
  for (const key of ['since', 'until']) {
    if (filters[key] && !isDate(filters[key])) problems.push(`“${filters[key]}” is not a date: write YYYY, YYYY-MM or YYYY-MM-DD.`);
  }
  const events = filters.event.split(',').filter(Boolean);
  const unknown = events.filter((event) => !vocab.events.includes(event));
  if (unknown.length) problems.push(`Unknown event kind: ${unknown.join(', ')}.`);

  const title = subject ? `Timeline of ${subject.name}` : 'Timeline';
  const scope = filters.actor
    ? 'its statements, the statements about it, its memberships and its relations'
    : filters.alliance ? 'the alliance and its members: statements, memberships, relations'
      : 'documents published, statements, memberships, relations and alliances beginning and ending';
  const head = h('div', { class: 'view-head' }, h('h1', {}, title),
    subject ? h('a', { href: href('timeline', '', { since: filters.since, until: filters.until, event: filters.event }) }, 'The whole dataset’s timeline') : null);
  const lead = h('p', { class: 'lead' }, `Dated events, oldest first: ${scope}. `,
    subject ? h('a', { href: withParams({ sel: `${filters.actor ? 'actor' : 'alliance'}:${subject.id}` }) }, `Open ${subject.name}’s record`) : null);
  const form = filterForm(filters, vocab);
  const list = h('div', { class: 'timeline' });
  const paging = h('div', { class: 'paging' });
  fill(container, head, lead, form,
    problems.length ? h('p', { class: 'error', role: 'alert' }, problems.join(' ')) : null, list, paging);
  if (problems.length) return;

  const first = await get(`/v1/timeline${query({ ...filters, limit: PAGE })}`);
  const groups = { year: null, ol: null, shown: 0 };
  append(list, groups, first.data);
  pager(paging, list, groups, first);
  if (!first.data.length) fill(list, h('p', { class: 'muted' }, 'No dated events match.'));
}

function filterForm(filters, vocab) {
  const dateInput = (name, label) => h('span', { class: 'field' },
    h('label', { for: `timeline-${name}` }, label),
    h('input', { id: `timeline-${name}`, name, type: 'text', inputmode: 'numeric', value: filters[name], size: 11, maxlength: 10,
      placeholder: 'YYYY[-MM[-DD]]', autocomplete: 'off', spellcheck: 'false' }));
  const selected = filters.event.split(',').length === 1 ? filters.event : '';
  const form = h('form', { class: 'timeline-form', 'aria-label': 'Filter the timeline' },
    dateInput('since', 'From'), dateInput('until', 'to'),
    h('span', { class: 'field' }, h('label', { for: 'timeline-event' }, 'Events'),
      h('select', { id: 'timeline-event', name: 'event' }, h('option', { value: '' }, 'all kinds'),
        vocab.events.map((event) => h('option', { value: event, selected: event === selected }, humanize(event))))),
    h('button', { type: 'submit' }, 'Show'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = (name) => form.elements[name].value.trim();
    location.hash = href('timeline', '', { actor: filters.actor, alliance: filters.alliance,
      since: value('since'), until: value('until'), event: value('event') });
  });
  return form;
}

/** Adds events under their year's heading (a page may continue the last year). */
function append(list, groups, events) {
  for (const event of events) {
    const y = year(event.date);
    if (y !== groups.year) {
      groups.year = y;
      groups.ol = h('ol', { class: 'events', 'aria-labelledby': `year-${y}-${groups.shown}` });
      list.append(h('h2', { class: 'year', id: `year-${y}-${groups.shown}` }, y), groups.ol);
    }
    groups.ol.append(item(event));
    groups.shown++;
  }
}

function pager(paging, list, groups, page) {
  const total = page.meta.total;
  const next = page.links.next;
  const count = h('p', { class: 'muted count' }, `${groups.shown} of ${total} event${total === 1 ? '' : 's'} shown.`);
  if (!next) { fill(paging, total > PAGE ? count : null); return; }
  const button = h('button', { type: 'button', class: 'more' }, `Show ${Math.min(PAGE, total - groups.shown)} more`);
  button.addEventListener('click', async () => {
    button.disabled = true;
    button.textContent = 'Loading…';
    try {
      const more = await get(next);
      const firstNew = groups.shown;
      append(list, groups, more.data);
      pager(paging, list, groups, more);
      list.querySelectorAll('.event')[firstNew]?.querySelector('a')?.focus({ preventScroll: true });
    } catch (error) {
      button.disabled = false;
      button.textContent = 'Try again';
      paging.append(h('p', { class: 'error' }, `Could not load more events: ${error.message}`));
    }
  });
  fill(paging, count, button);
}

/** The span to link as "the sentence": one that gives the event's year, else the first. */
function sentence(event) {
  const y = year(event.date);
  return event.evidence.find((span) => y && span.text.includes(y)) || event.evidence[0] || null;
}

function item(event) {
  const type = refType(event.record);
  const id = event.record.id;
  const recordHref = type === 'document' ? href('article', id) : withParams({ sel: `${type}:${id}` });
  const span = sentence(event);
  const others = event.evidence.length - 1;
  const basis = BASIS[event.date_basis];
  return h('li', { class: `event event-${event.event}`, 'data-event': event.event, 'data-date': event.date, 'data-record': `${type}:${id}` },
    h('div', { class: 'when' }, time(event.date),
      basis ? h('span', { class: 'basis', title: basis[1], 'data-basis': event.date_basis }, basis[0]) : null),
    h('div', { class: 'what' },
      h('p', { class: 'event-head' }, h('span', { class: `badge event-kind kind-${type}` }, humanize(event.event)), ' ',
        h('a', { class: 'record-link', href: recordHref, 'data-type': type, 'data-id': id }, event.record.name)),
      h('p', { class: 'event-summary' }, event.summary),
      span ? h('p', { class: 'excerpt' },
        h('a', { class: 'sentence-link', href: href('article', span.document.id, { sel: `${type}:${id}`, span: `${span.start}-${span.end}` }) },
          'The sentence'), ` in ${span.document.name}: `, h('span', { class: 'excerpt-text' }, span.text),
        others > 0 ? [' ', h('a', { class: 'muted', href: href('article', span.document.id, { sel: `${type}:${id}` }) },
          `(+${others} more passage${others === 1 ? '' : 's'})`)] : null) : null));
}
