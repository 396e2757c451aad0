// The Lattice explorer: a page over the public API only (see api.js), with five views and
// a record panel, all addressed by the URL's fragment (route.js).
import { API, get } from './api.js';
import { h, fill } from './dom.js';
import { current, href, withParams, selection } from './route.js';
import * as network from './network.js';
import * as positions from './positions.js';
import * as article from './article.js';
import * as search from './search.js';
import * as timeline from './timeline.js';
import * as recordPanel from './record.js';

const views = { network, positions, timeline, article, search };
const titles = { network: 'Network', positions: 'Who stands where', timeline: 'Timeline', article: 'Article', search: 'Search' };
const container = document.getElementById('view');
const panel = document.getElementById('panel');
const statusLine = document.getElementById('status');

let shownView = null;
let shownRecord = null;
let generation = 0;

function viewKey(view, route) {
  const p = route.params;
  switch (view) {
    case 'network': return `network|${p.get('focus') || ''}|${p.get('depth') || ''}|${p.get('as_of') || ''}`;
    case 'positions': return `positions|${p.get('as_of') || ''}`;
    case 'timeline': return `timeline|${['actor', 'alliance', 'since', 'until', 'event'].map((k) => p.get(k) || '').join('|')}`;
    case 'article': return `article|${route.arg}|${p.get('sel') || ''}|${p.get('span') || ''}`;
    case 'search': return `search|${p.get('q') || ''}`;
    default: return view;
  }
}

function setStatus(text, isError = false) {
  statusLine.textContent = text;
  statusLine.classList.toggle('error', isError);
}

async function update() {
  const route = current();
  const view = views[route.view] ? route.view : 'network';
  const mine = ++generation;
  for (const link of document.querySelectorAll('.tabs a')) {
    if (link.dataset.view === view) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  document.title = `${titles[view]} · Lattice explorer`;
  const searchInput = document.getElementById('search-input');
  if (view === 'search' && document.activeElement !== searchInput) searchInput.value = route.params.get('q') || '';

  const opening = selection(route) && panel.hidden;
  if (opening) {
    panel.hidden = false;
    document.body.classList.add('with-panel');
  }
  const key = viewKey(view, route);
  if (key !== shownView) {
    // Another view starts at its top; the same view with new parameters keeps its place.
    if (shownView && shownView.split('|')[0] !== view) window.scrollTo(0, 0);
    shownView = key;
    setStatus('Loading…');
    document.body.dataset.loading = 'true';
    try {
      await views[view].render(container, route);
      if (mine === generation) setStatus('');
    } catch (error) {
      shownView = null;
      fill(container, h('h1', {}, titles[view]), h('p', { class: 'error' }, `Could not load this view: ${error.message}`));
      setStatus(`Could not reach the API${API ? ` at ${API}` : ''}: ${error.message}`, true);
    } finally {
      if (mine === generation) delete document.body.dataset.loading;
    }
  }
  if (view === 'network') network.highlight(selection(route));
  await updatePanel(route);
  if (mine === generation) document.body.dataset.ready = 'true';
}

async function updatePanel(route) {
  const selected = selection(route);
  const asOf = route.params.get('as_of') || '';
  const key = selected ? `${selected.type}:${selected.id}|${route.view}|${route.params.get('focus') || ''}|${asOf}` : null;
  if (key === shownRecord) return;
  shownRecord = key;
  if (!selected) {
    panel.hidden = true;
    fill(panel);
    document.body.classList.remove('with-panel');
    return;
  }
  const wasInside = container.contains(document.activeElement) || panel.contains(document.activeElement);
  panel.hidden = false;
  document.body.classList.add('with-panel');
  await recordPanel.show(panel, selected, { onClose: closePanel, asOf });
  if (wasInside) panel.querySelector('h2')?.focus();
}

function closePanel() {
  const selected = selection();
  location.hash = withParams({ sel: null });
  // Back to the thing that opened it, when it is still there.
  requestAnimationFrame(() => {
    const node = selected && container.querySelector(`[data-id="${CSS.escape(selected.id)}"], [data-statement="${CSS.escape(selected.id)}"]`);
    (node || container).focus();
  });
}

document.getElementById('search-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const q = event.target.elements.q.value.trim();
  if (q) location.hash = href('search', '', { q });
});

document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && !panel.hidden) closePanel();
});

window.addEventListener('hashchange', update);

// Links to the API itself point at the Lattice in use.
document.getElementById('api-link').href = `${API}/v1`;
document.getElementById('openapi-link').href = `${API}/openapi.json`;
get('/v1').then((index) => {
  document.getElementById('dataset').textContent =
    `${index.counts.actors} actors, ${index.counts.alliances} alliances, ${index.counts.relations} relations, ${index.counts.statements} statements; dataset ${index.dataset_version}`;
}).catch((error) => setStatus(`Could not reach the API${API ? ` at ${API}` : ''}: ${error.message}`, true));

update();
