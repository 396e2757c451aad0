// The record panel: one actor, alliance, relation or statement, with links that navigate
// (select another record, focus the graph on it, or outline its evidence in the article).
import { API, all, record, refType } from './api.js';
import { h, fill, humanize } from './dom.js';
import { href, withParams, current } from './route.js';

const STANCE_LABEL = { supports: 'supports', opposes: 'opposes', skeptical: 'skeptical', neutral: 'neutral' };

/** A link that selects the referenced record, staying in the current view. */
export function refLink(ref) {
  const type = refType(ref);
  if (type === 'document') return h('a', { href: href('article', ref.id) }, ref.name);
  return h('a', { href: withParams({ sel: `${type}:${ref.id}` }), class: `ref kind-${ref.kind}`, 'data-ref': ref.id }, ref.name);
}

function refs(list) {
  if (!list?.length) return null;
  return h('ul', { class: 'refs' }, list.map((ref) => h('li', {}, refLink(ref))));
}

function field(label, value) {
  if (value == null || value === '' || (Array.isArray(value) && !value.length)) return null;
  return [h('dt', {}, label), h('dd', {}, value)];
}

function stance(value) {
  return h('span', { class: `stance stance-${value}`, 'data-stance': value }, STANCE_LABEL[value] ?? value);
}

function evidenceLink(type, id, spans) {
  if (!spans?.length) return null;
  const documentId = spans[0].document.id;
  return h('a', { class: 'evidence-link', href: href('article', documentId, { sel: `${type}:${id}` }) },
    `Outline ${spans.length === 1 ? 'its evidence' : `its ${spans.length} evidence spans`} in the article`);
}

export function statementSummary(statement) {
  return h('div', { class: 'statement-card', 'data-statement': statement.id },
    h('blockquote', { class: `quote mode-${statement.mode}` }, `“${statement.text}”`),
    h('p', { class: 'attribution' }, refLink(statement.speaker), ` ${statement.verb} `,
      h('span', { class: 'mode' }, `(${humanize(statement.mode)})`),
      statement.stance ? [' · ', stance(statement.stance.value), ' ', refLink(statement.stance.target)] : '',
      ' · ', h('a', { href: href('article', statement.source.document.id, { sel: `statement:${statement.id}` }) }, 'in the article')));
}

function statementList(title, statements) {
  if (!statements.length) return null;
  return h('section', {}, h('h3', {}, `${title} (${statements.length})`),
    h('ul', { class: 'statements' }, statements.map((st) => h('li', {},
      h('a', { href: withParams({ sel: `statement:${st.id}` }) }, `“${st.text}”`),
      h('span', { class: 'muted' }, ` — ${st.speaker.name}, ${humanize(st.mode)}`)))));
}

function relationList(relations, id) {
  if (!relations.length) return null;
  return h('section', {}, h('h3', {}, `Relations (${relations.length})`),
    h('ul', { class: 'relations' }, relations.map((relation) => {
      const other = relation.from.id === id ? relation.to : relation.from;
      const arrow = relation.directed ? (relation.from.id === id ? '→' : '←') : '↔';
      return h('li', { class: `valence-${relation.valence}` },
        h('span', { class: 'valence-dot', 'aria-hidden': 'true' }),
        h('a', { href: withParams({ sel: `relation:${relation.id}` }) }, humanize(relation.kind)),
        ` ${arrow} `, refLink(other),
        relation.subject ? h('span', { class: 'muted' }, ` (${relation.subject})`) : '');
    })));
}

export async function show(panel, selected, { onClose }) {
  const { type, id } = selected;
  fill(panel, h('p', { class: 'muted' }, 'Loading…'));
  let item;
  try {
    item = await record(type, id);
  } catch (error) {
    fill(panel, closeButton(onClose), h('h2', {}, id), h('p', { class: 'error' }, error.message));
    return;
  }
  const route = current();
  const parts = [];
  const heading = h('h2', { id: 'panel-title', tabindex: -1 }, item.name || item.title || item.id);
  const kindLine = h('p', { class: 'kind-line' }, h('span', { class: `badge kind-${type === 'actor' ? item.kind : type}` }, humanize(type === 'actor' ? item.kind : type)));

  if (type === 'actor') {
    kindLine.append(item.region ? ` · ${humanize(item.region)}` : '');
    const codes = item.codes ? Object.entries(item.codes).map(([k, v]) => `${v} (${humanize(k).replace('iso3166 ', 'ISO 3166 ')})`).join(', ') : null;
    const [relations, by, about] = await Promise.all([
      all(`/v1/relations?actor=${encodeURIComponent(id)}`),
      all(`/v1/statements?speaker=${encodeURIComponent(id)}`),
      all(`/v1/statements?about=${encodeURIComponent(id)}`),
    ]);
    parts.push(h('p', { class: 'summary' }, item.summary),
      h('dl', {}, field('Also called', item.aliases.join(', ')), field('Codes', codes),
        field('Roles', item.roles.join('; ')), field('Affiliations', refs(item.affiliations)),
        field('Alliances', item.alliances.length ? h('ul', { class: 'refs' }, item.alliances.map((m) =>
          h('li', {}, refLink(m.alliance), h('span', { class: 'muted' }, ` (${m.role})`)))) : null)),
      relationList(relations, id), statementList('Statements by', by), statementList('Statements about', about));
  } else if (type === 'alliance') {
    kindLine.append(` · ${humanize(item.kind)} · `, h('span', { class: `status status-${item.status}` }, item.status));
    const [relations, by, about] = await Promise.all([
      all(`/v1/relations?actor=${encodeURIComponent(id)}`),
      all(`/v1/statements?speaker=${encodeURIComponent(id)}`),
      all(`/v1/statements?about=${encodeURIComponent(id)}`),
    ]);
    parts.push(h('p', { class: 'summary' }, item.summary),
      h('dl', {}, field('Short name', item.short_name), field('Also called', item.aliases.join(', ')),
        field('Obligations', item.obligations.map(humanize).join(', ')),
        field('Members', item.members.length ? h('ul', { class: 'refs' }, item.members.map((m) =>
          h('li', {}, refLink(m.actor), h('span', { class: 'muted' }, ` (${m.role})`)))) : null),
        field('Left out', refs(item.excluded)), field('Initiated by', refs(item.initiated_by)),
        field('Positions', item.positions.length ? h('ul', { class: 'refs' }, item.positions.map((p) =>
          h('li', {}, refLink(p.actor), ' ', stance(p.stance)))) : null)),
      relationList(relations, id), statementList('Statements by', by), statementList('Statements about', about));
  } else if (type === 'relation') {
    kindLine.append(` · ${humanize(item.kind)} · `, h('span', { class: `valence valence-${item.valence}` }, item.valence));
    heading.textContent = `${item.from.name} ${item.directed ? '→' : '↔'} ${item.to.name}`;
    const about = await all(`/v1/statements?about=${encodeURIComponent(id)}`);
    parts.push(h('p', { class: 'summary' }, item.summary),
      h('dl', {}, field('From', refLink(item.from)), field('To', refLink(item.to)),
        field('Directed', item.directed ? 'yes' : 'no'), field('Subject', item.subject)),
      statementList('Statements about', about));
  } else if (type === 'statement') {
    kindLine.append(` · ${humanize(item.mode)}`);
    heading.textContent = item.speaker.name;
    parts.push(h('dl', { class: 'statement-fields' },
      field('Speaker', refLink(item.speaker)), field('Verb', item.verb), field('Mode', humanize(item.mode)),
      field('Stance', item.stance ? [stance(item.stance.value), ' ', refLink(item.stance.target)] : 'none stated'),
      field('About', refs(item.about))),
    h('blockquote', { class: `quote mode-${item.mode}` }, `“${item.text}”`),
    h('p', { class: 'sentence' }, h('span', { class: 'muted' }, 'In context: '), item.source.sentence));
  }
  const evidence = type === 'statement' ? [item.source] : item.evidence;
  const actions = h('p', { class: 'actions' },
    (type === 'actor' || type === 'alliance') && route.params.get('focus') !== id
      ? h('a', { href: href('network', '', { focus: id, depth: 1, sel: `${type}:${id}` }) }, 'Focus the graph here') : null,
    type === 'statement' && route.view === 'article' ? null : evidenceLink(type, id, evidence));
  fill(panel, closeButton(onClose), heading, kindLine, actions, ...parts,
    h('p', { class: 'api-link' }, h('a', { href: API + item.href, class: 'muted', 'data-api': true }, `JSON: ${item.href}`)));
}

function closeButton(onClose) {
  return h('button', { type: 'button', class: 'close', 'aria-label': 'Close the record', onclick: onClose }, '×');
}
