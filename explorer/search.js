// Search across every kind of record, through /v1/search.
import { get } from './api.js';
import { h, fill, humanize } from './dom.js';
import { href, withParams } from './route.js';

export async function render(container, route) {
  const q = (route.params.get('q') || '').trim();
  const form = h('form', { class: 'search-view-form', role: 'search' },
    h('label', { for: 'search-view-input' }, 'Search actors, alliances, relations, statements and documents'),
    h('div', { class: 'row' },
      h('input', { id: 'search-view-input', name: 'q', type: 'search', value: q, required: true, maxlength: 200, autocomplete: 'off' }),
      h('button', { type: 'submit' }, 'Search')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = form.elements.q.value.trim();
    if (value) location.hash = href('search', '', { q: value });
  });
  const results = h('div', { class: 'results', 'aria-live': 'polite' });
  fill(container, h('div', { class: 'view-head' }, h('h1', {}, 'Search')), form, results);
  if (!q) { fill(results, h('p', { class: 'muted' }, 'Try “kursk”, “liancourt” or “intelligence”.')); return; }
  const page = await get(`/v1/search?q=${encodeURIComponent(q)}&limit=50`);
  const items = page.data.map((result) => {
    const link = result.type === 'document'
      ? href('article', result.id)
      : withParams({ sel: `${result.type}:${result.id}` });
    return h('li', { class: `result type-${result.type}`, 'data-type': result.type, 'data-id': result.id },
      h('span', { class: `badge kind-${result.type}` }, humanize(result.type)),
      h('a', { href: link }, result.name),
      result.snippet && result.snippet !== result.name ? h('p', { class: 'snippet' }, result.snippet) : null);
  });
  fill(results,
    h('p', { class: 'muted' }, page.meta.total === 0 ? `Nothing matches “${q}”.`
      : `${page.meta.total} result${page.meta.total === 1 ? '' : 's'} for “${q}”${page.meta.total > items.length ? `, the best ${items.length} shown` : ''}.`),
    items.length ? h('ol', { class: 'result-list' }, items) : null);
}
