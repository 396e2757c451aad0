// The network: actors and alliances as nodes (shape and colour by kind), relations and
// memberships as edges (colour by valence, arrows where directed), laid out by d3-force,
// run to rest before drawing so the same data always gives the same picture.
// The kinds and valences come from the API's OpenAPI document (vocab.js); as_of from the URL.
import { get, query } from './api.js';
import { h, s, fill, humanize } from './dom.js';
import { href, withParams, selection } from './route.js';
import { vocabularies } from './vocab.js';
import { routeDate, dateControl, dateNote } from './asof.js';
const RADIUS = { state: 10, organization: 9, person: 7, alliance: 10 };
const LABEL_MAX = 22;

let state = null; // { svg, zoom, nodes: Map(id -> element), edges, graph }

function shape(kind) {
  const r = RADIUS[kind] ?? 8;
  switch (kind) {
    case 'alliance': return s('path', { d: `M0,${-r - 2}L${r + 2},0L0,${r + 2}L${-r - 2},0Z` });
    case 'organization': return s('rect', { x: -r, y: -r, width: 2 * r, height: 2 * r, rx: 2 });
    default: return s('circle', { r });
  }
}

function short(label) {
  return label.length > LABEL_MAX ? label.slice(0, LABEL_MAX - 1).trimEnd() + '…' : label;
}

export function legend({ nodeKinds, valences: valenceNames }) {
  const kinds = nodeKinds.map((kind) => h('li', {},
    s('svg', { class: `swatch node kind-${kind}`, width: 22, height: 22, viewBox: '-13 -13 26 26', 'aria-hidden': 'true' }),
    humanize(kind)));
  kinds.forEach((item, index) => item.firstChild.append(shape(nodeKinds[index])));
  const valences = valenceNames.map((valence) => h('li', {},
    h('span', { class: `line valence-${valence}`, 'aria-hidden': 'true' }), humanize(valence)));
  return h('div', { class: 'legend', 'aria-label': 'Legend' },
    h('ul', { class: 'legend-kinds' }, kinds),
    h('ul', { class: 'legend-valences' }, valences,
      h('li', {}, h('span', { class: 'line membership', 'aria-hidden': 'true' }), 'membership'),
      h('li', {}, h('span', { class: 'arrow', 'aria-hidden': 'true' }, '→'), 'directed')));
}

export async function render(container, route) {
  const focus = route.params.get('focus') || '';
  const depth = route.params.get('depth') || '1';
  const { asOf, invalid } = routeDate(route);
  const dates = dateControl(route, { what: 'the network' });
  if (invalid) {
    fill(container, h('div', { class: 'view-head' }, h('h1', {}, 'The network')), dates);
    state = null;
    return;
  }
  const [vocab, whole] = await Promise.all([vocabularies(), get(`/v1/graph${query({ as_of: asOf })}`)]);
  const graph = focus ? await get(`/v1/graph${query({ focus, depth, as_of: asOf })}`) : whole;

  const options = [...whole.nodes].sort((a, b) => a.label.localeCompare(b.label))
    .map((node) => h('option', { value: node.id, selected: node.id === focus }, `${node.label} (${humanize(node.kind)})`));
  const form = h('form', { class: 'focus-form', 'aria-label': 'Focus the graph' },
    h('span', { class: 'field' }, h('label', { for: 'focus-select' }, 'Focus'),
      h('select', { id: 'focus-select', name: 'focus' }, h('option', { value: '' }, 'Whole graph'), options)),
    h('span', { class: 'field' }, h('label', { for: 'depth-select' }, 'Depth'),
      h('select', { id: 'depth-select', name: 'depth' },
        [1, 2, 3, 4, 5].map((d) => h('option', { value: d, selected: String(d) === depth }, d)))),
    h('button', { type: 'submit' }, 'Show'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const chosen = form.elements.focus.value;
    location.hash = withParams({ focus: chosen || null, depth: chosen ? form.elements.depth.value : null });
  });

  const svg = s('svg', {
    class: 'graph', role: 'group',
    'aria-label': `Network of ${graph.nodes.length} actors and alliances and ${graph.edges.length} ties${focus ? ` around ${focus}` : ''}`,
    'data-nodes': graph.nodes.length, 'data-edges': graph.edges.length,
  });
  const controls = h('div', { class: 'zoom-controls' },
    h('button', { type: 'button', 'aria-label': 'Zoom in', onclick: () => zoomBy(1.4) }, '+'),
    h('button', { type: 'button', 'aria-label': 'Zoom out', onclick: () => zoomBy(1 / 1.4) }, '−'),
    h('button', { type: 'button', 'aria-label': 'Fit the graph', onclick: () => { if (state) state.userZoomed = false; fit(true); } }, 'Fit'));
  const summary = h('p', { class: 'graph-summary' },
    `${graph.nodes.length} nodes, ${graph.edges.length} edges`,
    focus ? [' around ', h('strong', {}, graph.nodes.find((n) => n.id === focus)?.label ?? focus), ` (depth ${depth}) · `,
      h('a', { href: href('network', '', { as_of: asOf, sel: route.params.get('sel') }) }, 'whole graph')] : '',
    '. Click or press Enter on a node to open its record; scroll or pinch to zoom.');

  const note = dateNote(route, {
    what: 'The latticework',
    dated: 'the ties and memberships the sources describe on that date',
    undated: 'every tie and membership the sources record, at any date, including those that have ended',
  });
  fill(container,
    h('div', { class: 'view-head' }, h('h1', {}, 'The network'), form),
    dates, note, summary,
    h('div', { class: 'graph-frame' }, svg, controls),
    legend(vocab));
  draw(svg, graph, vocab);
  highlight(selection(route));
}

function draw(svg, graph, { valences }) {
  const d3 = window.d3;
  const nodes = graph.nodes.map((node) => ({ ...node }));
  const links = graph.edges.map((edge) => ({ ...edge, source: edge.from, target: edge.to }));
  const { width, height } = box(svg);
  // A tall frame (a phone) gets a tall layout, a wide one a wide layout.
  const ratio = Math.max(0.5, Math.min(2.2, width / height));
  const aspect = ratio < 1 ? ratio * ratio : ratio;
  d3.forceSimulation(nodes)
    .force('link', d3.forceLink(links).id((d) => d.id).distance((l) => (l.kind === 'membership' ? 80 : 110)).strength(0.3))
    .force('charge', d3.forceManyBody().strength(-420).distanceMax(280))
    .force('collide', d3.forceCollide(38))
    .force('x', d3.forceX(0).strength(0.07 / aspect))
    .force('y', d3.forceY(0).strength(0.07 * aspect))
    .stop()
    .tick(400);

  // Parallel edges between one pair bend apart.
  const pairs = new Map();
  for (const link of links) {
    const key = [link.source.id, link.target.id].sort().join('\u0000');
    if (!pairs.has(key)) pairs.set(key, []);
    pairs.get(key).push(link);
  }
  for (const group of pairs.values()) {
    group.forEach((link, index) => { link.bend = (index - (group.length - 1) / 2) * 26; });
  }

  const defs = s('defs', {}, valences.concat('membership').map((name) => s('marker', {
    id: `arrow-${name}`, viewBox: '0 -5 10 10', refX: 9, refY: 0, markerWidth: 7, markerHeight: 7, orient: 'auto',
    class: name === 'membership' ? 'marker membership' : `marker valence-${name}`,
  }, s('path', { d: 'M0,-4L10,0L0,4Z' }))));
  const world = s('g', { class: 'world' });
  const edgeLayer = s('g', { class: 'edges' });
  const nodeLayer = s('g', { class: 'nodes' });
  world.append(edgeLayer, nodeLayer);
  svg.append(defs, world);

  const edges = [];
  for (const link of links) {
    const membership = link.kind === 'membership';
    const path = s('path', {
      class: `edge ${membership ? 'membership' : 'relation'} valence-${link.valence}`,
      d: edgePath(link),
      'marker-end': link.directed ? `url(#arrow-${membership ? 'membership' : link.valence})` : null,
      'data-id': link.id, 'data-from': link.source.id, 'data-to': link.target.id,
    }, s('title', {}, `${link.source.label} ${link.directed ? '→' : '↔'} ${link.target.label}: ${humanize(link.kind)}${link.role ? ` (${link.role})` : ''}, ${link.valence}`));
    edges.push(path);
    edgeLayer.append(path);
  }

  const elements = new Map();
  for (const node of nodes) {
    const label = short(node.label);
    const group = s('g', {
      class: `node kind-${node.kind}`, transform: `translate(${node.x.toFixed(1)},${node.y.toFixed(1)})`,
      tabindex: 0, role: 'button', 'aria-label': `${node.label}, ${humanize(node.kind)}: open its record`,
      'data-id': node.id, 'data-kind': node.kind,
    }, s('title', {}, node.label), shape(node.kind),
    s('text', { class: 'label', y: (RADIUS[node.kind] ?? 8) + 13, 'text-anchor': 'middle' }, label));
    const open = () => { location.hash = withParams({ sel: `${node.kind === 'alliance' ? 'alliance' : 'actor'}:${node.id}` }); };
    group.addEventListener('click', open);
    group.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); open(); }
    });
    elements.set(node.id, group);
    nodeLayer.append(group);
  }

  const zoom = d3.zoom().scaleExtent([0.2, 5]).on('zoom', () => {
    world.setAttribute('transform', d3.event.transform.toString());
    if (d3.event.sourceEvent && state) state.userZoomed = true;
  });
  d3.select(svg).call(zoom).on('dblclick.zoom', null);
  state?.resize?.disconnect();
  state = { svg, zoom, nodes: elements, edges, layout: nodes, userZoomed: false };
  fit(false);
  // Keep the graph fitted while its frame changes size (the record panel opens, a phone
  // turns), until the reader zooms or pans it.
  const measure = () => { const { width, height } = box(svg); return `${Math.round(width)}x${Math.round(height)}`; };
  let size = measure();
  state.resize = new ResizeObserver(() => {
    const now = measure();
    if (now !== size && state?.svg === svg && !state.userZoomed && svg.isConnected) fit(false);
    size = now;
  });
  state.resize.observe(svg);
}

/** The frame's size in CSS pixels (a guess before it is laid out). */
function box(svg) {
  const rect = svg.getBoundingClientRect();
  return { width: rect.width || 800, height: rect.height || 600 };
}

function edgePath(link) {
  const { x: x1, y: y1 } = link.source;
  const { x: x2, y: y2 } = link.target;
  const dx = x2 - x1, dy = y2 - y1;
  const length = Math.hypot(dx, dy) || 1;
  const nx = -dy / length, ny = dx / length;
  const cx = (x1 + x2) / 2 + nx * link.bend, cy = (y1 + y2) / 2 + ny * link.bend;
  // Stop at the target's edge so the arrowhead shows.
  const r = (RADIUS[link.target.kind] ?? 8) + 3;
  const tx = x2 - cx, ty = y2 - cy, tl = Math.hypot(tx, ty) || 1;
  const ex = x2 - (tx / tl) * r, ey = y2 - (ty / tl) * r;
  return `M${x1.toFixed(1)},${y1.toFixed(1)}Q${cx.toFixed(1)},${cy.toFixed(1)} ${ex.toFixed(1)},${ey.toFixed(1)}`;
}

function fit(animate) {
  if (!state) return;
  const d3 = window.d3;
  const { svg, zoom, layout } = state;
  const xs = layout.map((n) => n.x), ys = layout.map((n) => n.y);
  const minX = Math.min(...xs) - 70, maxX = Math.max(...xs) + 70;
  const minY = Math.min(...ys) - 30, maxY = Math.max(...ys) + 40;
  const { width, height } = box(svg);
  let scale = Math.min(2, width / (maxX - minX), height / (maxY - minY));
  // On a phone the first view stays readable (centred on the middle); Fit shows everything.
  if (!animate && width < 600) scale = Math.max(scale, Math.min(0.9, height / (maxY - minY)));
  const transform = d3.zoomIdentity.translate(width / 2, height / 2).scale(scale)
    .translate(-(minX + maxX) / 2, -(minY + maxY) / 2);
  (animate ? d3.select(svg).transition().duration(300) : d3.select(svg)).call(zoom.transform, transform);
}

function zoomBy(factor) {
  if (!state) return;
  window.d3.select(state.svg).transition().duration(200).call(state.zoom.scaleBy, factor);
}

/** Marks the selected record's node and its ties. */
export function highlight(selected) {
  if (!state) return;
  const id = selected && (selected.type === 'actor' || selected.type === 'alliance') ? selected.id : null;
  for (const [nodeId, element] of state.nodes) {
    element.classList.toggle('selected', nodeId === id);
    element.setAttribute('aria-pressed', nodeId === id ? 'true' : 'false');
  }
  const neighbours = new Set();
  for (const edge of state.edges) {
    const touches = id && (edge.dataset.from === id || edge.dataset.to === id);
    edge.classList.toggle('active', Boolean(touches));
    if (touches) { neighbours.add(edge.dataset.from); neighbours.add(edge.dataset.to); }
  }
  state.svg.classList.toggle('has-selection', Boolean(id && state.nodes.has(id)));
  for (const [nodeId, element] of state.nodes) element.classList.toggle('near', neighbours.has(nodeId));
  if (id && id !== state.revealed) reveal(id);
  state.revealed = id;
}

/** Pans a newly selected node into view when it is off screen (the zoom stays). */
function reveal(id) {
  const d3 = window.d3;
  const node = state.layout.find((n) => n.id === id);
  if (!node) return;
  const [x, y] = d3.zoomTransform(state.svg).apply([node.x, node.y]);
  const { width, height } = box(state.svg);
  if (x < 30 || y < 30 || x > width - 30 || y > height - 30) {
    d3.select(state.svg).transition().duration(300).call(state.zoom.translateTo, node.x, node.y);
  }
}
