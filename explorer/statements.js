// How a statement is shown everywhere: only a direct or partial quote stands in quotation
// marks (a paraphrase is the reporter's words, never printed as if verbatim), and every
// statement says when it was said and in which document.
import { h, humanize } from './dom.js';
import { href } from './route.js';
import { time } from './dates.js';

const QUOTED = new Set(['direct', 'partial']);

export function isQuoted(mode) {
  return QUOTED.has(mode);
}

/** The words as text: “…” for a quote, bare for a paraphrase (or any mode not known to quote). */
export function words(statement, text = statement.text) {
  return isQuoted(statement.mode) ? `“${text}”` : text;
}

/** A mode as words: direct quote, partial quote, paraphrase. */
export function modeLabel(mode) {
  return isQuoted(mode) ? `${humanize(mode)} quote` : humanize(mode);
}

/** The words as a block: a blockquote for a quote, a paragraph for a paraphrase. */
export function wordsBlock(statement, text = statement.text) {
  const quoted = isQuoted(statement.mode);
  return h(quoted ? 'blockquote' : 'p', { class: `quote mode-${statement.mode}`, 'data-mode': statement.mode },
    quoted ? null : h('span', { class: 'paraphrase-label' }, 'Paraphrase: '), words(statement, text));
}

/** When it was said, and whether that is the text's own date or only its document's. */
export function saidOn(statement) {
  const attrs = { class: 'said-on', 'data-said-on': statement.said_on ?? '', 'data-basis': statement.said_on_basis ?? '' };
  if (!statement.said_on) return h('span', attrs, 'undated');
  if (statement.said_on_basis === 'publication') {
    return h('span', { ...attrs, title: 'The text does not date it: this is when its document was published; it was said then or before.' },
      'said by ', time(statement.said_on), ' (the document’s date)');
  }
  return h('span', { ...attrs, title: 'The text gives this date.' }, 'said ', time(statement.said_on));
}

/** "said June 2024 · in <document>", the document linking to the statement's place in it. */
export function dateAndDocument(statement) {
  const document = statement.source.document;
  return h('span', { class: 'said-where' }, saidOn(statement), ' · in ',
    h('a', { href: href('article', document.id, { sel: `statement:${statement.id}` }), 'data-document': document.id }, document.name));
}
