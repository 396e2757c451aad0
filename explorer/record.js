// The record panel: one actor, alliance, relation or statement, with links that navigate
// (select another record, focus the graph on it, or outline its evidence in the article).
import { API, all, record, refType, query } from './api.js';
import { h, fill, humanize } from './dom.js';
import { href, withParams, current } from './route.js';
import { time, isDate } from './dates.js';
import { words, wordsBlock, modeLabel, saidOn, dateAndDocument } from './statements.js';

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
  return h('span', { class: `stance stance-${value}`, 'data-stance': value }, humanize(value));
}

/** One link per document that holds the record's evidence, outlining it there. */
function evidenceLink(type, id, spans) {
  if (!spans?.length) return null;
  const documents = new Map();
  for (const span of spans) {
    if (!documents.has(span.document.id)) documents.set(span.document.id, { document: span.document, count: 0 });
    documents.get(span.document.id).count++;
  }
  return [...documents.values()].map(({ document, count }) =>
    h('a', { class: 'evidence-link', href: href('article', document.id, { sel: `${type}:${id}` }), 'data-document': document.id },
      documents.size === 1
        ? `Outline ${count === 1 ? 'its evidence' : `its ${count} evidence spans`} in the article`
        : `Its evidence in ${document.name} (${count})`));
}

/** "since 2023", "2006 – 2017", or nothing when no source dates it. */
function period(item) {
  if (!item.since && !item.until) return null;
  const span = h('span', { class: 'period', 'data-since': item.since ?? '', 'data-until': item.until ?? '' });
  if (item.since && item.until) span.append(time(item.since), ' – ', time(item.until));
  else if (item.since) span.append('since ', time(item.since));
  else span.append('until ', time(item.until));
  return span;
}

function sources(count) {
  return count == null ? null : `${count} document${count === 1 ? '' : 's'}`;
}

function statementList(title, statements) {
  if (!statements.length) return null;
  return h('section', {}, h('h3', {}, `${title} (${statements.length})`),
    h('ul', { class: 'statements' }, statements.map((st) => h('li', { 'data-statement': st.id, 'data-mode': st.mode },
      h('a', { href: withParams({ sel: `statement:${st.id}` }), class: `words mode-${st.mode}` }, words(st)),
      h('span', { class: 'muted' }, ` — ${st.speaker.name}, ${modeLabel(st.mode)}, `, dateAndDocument(st))))));
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

export async function show(panel, selected, { onClose, asOf = null }) {
  const { type, id } = selected;
  // Actors and alliances answer as of the view's date (their memberships, members, relations).
  const dated = (type === 'actor' || type === 'alliance') && isDate(asOf) ? asOf : null;
  fill(panel, h('p', { class: 'muted' }, 'Loading…'));
  let item;
  try {
    item = await record(type, id, dated);
  } catch (error) {
    fill(panel, closeButton(onClose), h('h2', {}, id), h('p', { class: 'error' }, error.message));
    return;
  }
  const route = current();
  const parts = [];
  const heading = h('h2', { id: 'panel-title', tabindex: -1 }, item.name || item.title || item.id);
  const kindLine = h('p', { class: 'kind-line' }, h('span', { class: `badge kind-${type === 'actor' ? item.kind : type}` }, humanize(type === 'actor' ? item.kind : type)));
  const relationsOf = () => all(`/v1/relations${query({ actor: id, as_of: dated })}`);
  const membership = (m, ref) => h('li', {}, refLink(ref), h('span', { class: 'muted' }, ` (${m.role})`),
    m.since || m.until ? [' ', h('span', { class: 'muted' }, period(m))] : null);

  if (type === 'actor') {
    kindLine.append(item.region ? ` · ${humanize(item.region)}` : '');
    const codes = item.codes ? Object.entries(item.codes).map(([k, v]) => `${v} (${humanize(k).replace('iso3166 ', 'ISO 3166 ')})`).join(', ') : null;
    const [relations, by, about] = await Promise.all([
      relationsOf(),
      all(`/v1/statements?speaker=${encodeURIComponent(id)}`),
      all(`/v1/statements?about=${encodeURIComponent(id)}`),
    ]);
    parts.push(h('p', { class: 'summary' }, item.summary),
      h('dl', {}, field('Also called', item.aliases.join(', ')), field('Codes', codes),
        field('Roles', item.roles.join('; ')), field('Affiliations', refs(item.affiliations)),
        field(dated ? `Alliances in ${dated}` : 'Alliances', item.alliances.length
          ? h('ul', { class: 'refs' }, item.alliances.map((m) => membership(m, m.alliance))) : null),
        field('Sources', sources(item.sources))),
      relationList(relations, id), statementList('Statements by', by), statementList('Statements about', about));
  } else if (type === 'alliance') {
    kindLine.append(` · ${humanize(item.kind)} · `, h('span', { class: `status status-${item.status}` }, item.status));
    const [relations, by, about] = await Promise.all([
      relationsOf(),
      all(`/v1/statements?speaker=${encodeURIComponent(id)}`),
      all(`/v1/statements?about=${encodeURIComponent(id)}`),
    ]);
    parts.push(h('p', { class: 'summary' }, item.summary),
      h('dl', {}, field('Short name', item.short_name), field('Also called', item.aliases.join(', ')),
        field('Founded', item.since ? time(item.since) : null), field('Dissolved', item.until ? time(item.until) : null),
        field('Obligations', item.obligations.map(humanize).join(', ')),
        field(dated ? `Members in ${dated}` : 'Members', item.members.length
          ? h('ul', { class: 'refs' }, item.members.map((m) => membership(m, m.actor))) : null),
        field('Left out', refs(item.excluded)), field('Initiated by', refs(item.initiated_by)),
        field('Positions', item.positions.length ? h('ul', { class: 'refs' }, item.positions.map((p) =>
          h('li', {}, refLink(p.actor), ' ', stance(p.stance)))) : null),
        field('Sources', sources(item.sources))),
      relationList(relations, id), statementList('Statements by', by), statementList('Statements about', about));
  } else if (type === 'relation') {
    kindLine.append(` · ${humanize(item.kind)} · `, h('span', { class: `valence valence-${item.valence}` }, item.valence));
    heading.textContent = `${item.from.name} ${item.directed ? '→' : '↔'} ${item.to.name}`;
    const about = await all(`/v1/statements?about=${encodeURIComponent(id)}`);
    parts.push(h('p', { class: 'summary' }, item.summary),
      h('dl', {}, field('From', refLink(item.from)), field('To', refLink(item.to)),
        field('Directed', item.directed ? 'yes' : 'no'), field('Subject', item.subject),
        field('When', period(item)), field('Sources', sources(item.sources))),
      statementList('Statements about', about));
  } else if (type === 'statement') {
    kindLine.append(` · ${modeLabel(item.mode)}`);
    heading.textContent = item.speaker.name;
    parts.push(h('dl', { class: 'statement-fields' },
      field('Speaker', refLink(item.speaker)), field('Verb', item.verb), field('Mode', modeLabel(item.mode)),
      field('When', saidOn(item)),
      field('Document', h('a', { href: href('article', item.source.document.id, { sel: `statement:${id}` }) }, item.source.document.name)),
      field('Stance', item.stance ? [stance(item.stance.value), ' ', refLink(item.stance.target)] : 'none stated'),
      field('About', refs(item.about))),
    wordsBlock(item),
    h('p', { class: 'sentence' }, h('span', { class: 'muted' }, 'In context: '), item.source.sentence));
  }
  const evidence = type === 'statement' ? [item.source] : item.evidence;
  const actions = h('p', { class: 'actions' },
    (type === 'actor' || type === 'alliance') && route.params.get('focus') !== id
      ? h('a', { href: href('network', '', { focus: id, depth: 1, as_of: route.params.get('as_of'), sel: `${type}:${id}` }) }, 'Focus the graph here') : null,
    (type === 'actor' || type === 'alliance') && !(route.view === 'timeline' && route.params.get(type) === id)
      ? h('a', { class: 'timeline-link', href: href('timeline', '', { [type]: id }) }, 'Its timeline') : null,
    type === 'statement' && route.view === 'article' ? null : evidenceLink(type, id, evidence));
  const asOfLine = dated ? h('p', { class: 'as-of-note', 'data-as-of': dated }, 'As the sources describe ', time(dated)) : null;
  fill(panel, closeButton(onClose), heading, kindLine, asOfLine, actions, ...parts,
    h('p', { class: 'api-link' }, h('a', { href: API + item.href, class: 'muted', 'data-api': true }, `JSON: ${item.href}`)));
}

function closeButton(onClose) {
  return h('button', { type: 'button', class: 'close', 'aria-label': 'Close the record', onclick: onClose }, '×');
}
