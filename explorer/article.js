// The article: the document's verbatim text with every statement's span highlighted (its
// mode shown), and the selected record's evidence spans outlined the same way. Offsets are
// Unicode scalars, as the API counts them, so the text is split by code point. A link may
// also name one span (span=START-END, from the timeline): it is outlined and scrolled to.
import { get, all, record } from './api.js';
import { h, fill, humanize, activate } from './dom.js';
import { href, withParams, selection } from './route.js';
import { vocabularies } from './vocab.js';
import { modeLabel, saidOn } from './statements.js';
import { time } from './dates.js';

export async function defaultDocument() {
  const documents = await all('/v1/documents');
  return documents[0]?.id;
}

export async function render(container, route) {
  const documents = await all('/v1/documents');
  const id = route.arg || documents[0]?.id;
  if (!id) { fill(container, h('h1', {}, 'The article'), h('p', {}, 'There are no documents.')); return; }
  const [vocab, meta, text, statements] = await Promise.all([
    vocabularies(),
    get(`/v1/documents/${encodeURIComponent(id)}`),
    get(`/v1/documents/${encodeURIComponent(id)}/text`, { text: true }),
    all(`/v1/statements?document=${encodeURIComponent(id)}`),
  ]);
  const selected = selection(route);
  const evidence = await evidenceSpans(selected, id);
  const target = targetSpan(route);
  if (target) evidence.push(target);

  const picker = documents.length > 1 ? h('nav', { class: 'documents', 'aria-label': 'Documents' },
    h('ul', {}, documents.map((doc) => h('li', {},
      h('a', { href: href('article', doc.id), 'aria-current': doc.id === id ? 'page' : null }, doc.title))))) : null;
  const body = h('div', { class: 'article-text', 'data-document': id });
  body.append(...paragraphs(text, statements, evidence));

  const modeLegend = h('ul', { class: 'legend modes', 'aria-label': 'How statements are marked' },
    vocab.modes.map((mode) => h('li', {}, h('mark', { class: `statement mode-${mode} sample` }, modeLabel(mode)))),
    h('li', {}, h('span', { class: 'evidence sample' }, 'evidence of the selected record')));
  const outlined = evidence.filter((span) => !span.target).length;
  fill(container,
    h('div', { class: 'view-head' }, h('h1', {}, meta.title)),
    h('p', { class: 'byline' }, `${meta.outlet || meta.publisher} · ${humanize(meta.kind)} · `, published(meta),
      ` · ${statements.length} statements`,
      meta.url ? [' · ', h('a', { href: meta.url, rel: 'noopener noreferrer' }, 'the original')] : '',
      outlined ? [' · ', h('strong', {}, `${outlined} evidence span${outlined === 1 ? '' : 's'}`),
        ' of the selected record outlined'] : '',
      target ? [' · ', h('strong', {}, 'the linked sentence'), ' outlined'] : ''),
    meta.rights ? h('p', { class: 'rights muted' }, meta.rights) : null,
    picker, modeLegend, body);

  const shown = body.querySelector('.evidence.target, mark.selected, .evidence');
  if (shown) shown.scrollIntoView({ block: 'center' });
}

function published(meta) {
  if (!meta.published) return 'undated';
  return h('span', { class: 'published', 'data-published': meta.published, 'data-basis': meta.published_basis ?? '' },
    'published ', time(meta.published),
    meta.published_basis === 'inferred' ? ' (inferred from the text; it gives no date)' : '');
}

/** The span a link names (span=START-END), outlined as the target. */
function targetSpan(route) {
  const match = /^(\d+)-(\d+)$/.exec(route.params.get('span') || '');
  if (!match || +match[2] <= +match[1]) return null;
  return { start: +match[1], end: +match[2], kind: 'evidence', target: true };
}

/** Spans to outline: the selected record's evidence in this document (a statement's own span). */
async function evidenceSpans(selected, documentId) {
  // A statement's own span is already marked (and shown selected).
  if (!selected || selected.type === 'document' || selected.type === 'statement') return [];
  try {
    const item = await record(selected.type, selected.id);
    const spans = item.evidence || [];
    return spans.filter((span) => span.document.id === documentId)
      .map((span) => ({ start: span.start, end: span.end, kind: 'evidence' }));
  } catch {
    return [];
  }
}

/** The text as paragraphs of nested marks. Spans that cross are split at the crossing. */
function paragraphs(text, statements, evidence) {
  const chars = Array.from(text);
  const selected = selection();
  const spans = [
    ...statements.map((statement) => ({ start: statement.source.start, end: statement.source.end, kind: 'statement', statement })),
    ...evidence,
  ];
  // Paragraph breaks are boundaries too: a span across one is split there.
  const breaks = [];
  for (let i = 0; i < chars.length; i++) if (chars[i] === '\n') breaks.push(i);

  const result = [];
  let paragraphStart = 0;
  for (const end of [...breaks, chars.length]) {
    if (end > paragraphStart) {
      const inside = spans.filter((span) => span.start < end && span.end > paragraphStart)
        .map((span) => ({ ...span, start: Math.max(span.start, paragraphStart), end: Math.min(span.end, end) }));
      const p = h('p', {});
      p.append(...nest(chars, paragraphStart, end, inside, selected));
      if (chars.slice(paragraphStart, end).join('').trim()) result.push(p);
    }
    paragraphStart = end + 1;
  }
  return result;
}

function nest(chars, start, end, spans, selected) {
  const nodes = [];
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end || (a.kind === 'evidence' ? -1 : 1));
  let position = start;
  while (sorted.length) {
    const span = sorted.shift();
    if (span.start < position) continue;
    if (span.start > position) nodes.push(chars.slice(position, span.start).join(''));
    // Children: spans that start inside this one; a child crossing the end is split.
    const children = [];
    while (sorted.length && sorted[0].start < span.end) {
      const child = sorted.shift();
      if (child.end > span.end) {
        sorted.push({ ...child, start: span.end });
        sorted.sort((a, b) => a.start - b.start || b.end - a.end);
        children.push({ ...child, end: span.end });
      } else {
        children.push(child);
      }
    }
    const element = markFor(span, selected);
    element.append(...nest(chars, span.start, span.end, children, selected));
    nodes.push(element);
    position = span.end;
  }
  if (position < end) nodes.push(chars.slice(position, end).join(''));
  return nodes;
}

function markFor(span, selected) {
  if (span.kind === 'evidence') return h('span', { class: span.target ? 'evidence target' : 'evidence' });
  const statement = span.statement;
  const isSelected = selected?.type === 'statement' && selected.id === statement.id;
  const mark = h('mark', {
    class: `statement mode-${statement.mode}${isSelected ? ' selected' : ''}`,
    tabindex: 0, role: 'button', 'data-statement': statement.id, 'data-mode': statement.mode,
    'aria-label': `${modeLabel(statement.mode)} by ${statement.speaker.name}: show who said it`,
    title: `${modeLabel(statement.mode)} · ${statement.speaker.name} ${statement.verb} · ${saidOn(statement).textContent}`,
  });
  activate(mark, () => { location.hash = withParams({ sel: `statement:${statement.id}` }); });
  return mark;
}

export { humanize };
