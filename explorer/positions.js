// Who stands where: for each proposed or hypothetical alliance, every actor's position,
// the quote behind it, and a link to its place in the article.
import { all, record } from './api.js';
import { h, fill, humanize } from './dom.js';
import { href, withParams } from './route.js';
import { refLink } from './record.js';

const ORDER = { supports: 0, neutral: 1, skeptical: 2, opposes: 3 };

export async function render(container) {
  const alliances = await all('/v1/alliances?status=proposed,hypothetical');
  const full = await Promise.all(alliances.map((alliance) => record('alliance', alliance.id)));
  const statementIds = new Set(full.flatMap((a) => a.positions.map((p) => p.statement?.id).filter(Boolean)));
  const statements = new Map((await Promise.all([...statementIds].map((id) => record('statement', id)))).map((s) => [s.id, s]));

  const cards = full.map((alliance) => {
    const positions = [...alliance.positions].sort((a, b) => (ORDER[a.stance] ?? 9) - (ORDER[b.stance] ?? 9));
    const rows = positions.map((position) => {
      const statement = position.statement ? statements.get(position.statement.id) : null;
      return h('li', { class: 'position', 'data-actor': position.actor.id, 'data-stance': position.stance },
        h('div', { class: 'who' }, refLink(position.actor),
          h('span', { class: `stance stance-${position.stance}` }, position.stance)),
        statement ? h('div', { class: 'why' },
          h('blockquote', { class: `quote mode-${statement.mode}` }, `“${statement.text}”`),
          h('p', { class: 'attribution' }, `${statement.speaker.name} ${statement.verb} (${humanize(statement.mode)}) · `,
            h('a', { href: href('article', statement.source.document.id, { sel: `statement:${statement.id}` }) }, 'see it in the article')))
          : h('p', { class: 'why muted' }, 'No quote states this position.'));
    });
    return h('article', { class: 'alliance-card', 'data-alliance': alliance.id, 'aria-labelledby': `positions-${alliance.id}` },
      h('h2', { id: `positions-${alliance.id}` },
        h('a', { href: withParams({ sel: `alliance:${alliance.id}` }) }, alliance.name),
        ' ', h('span', { class: `status status-${alliance.status}` }, alliance.status)),
      h('p', { class: 'summary' }, alliance.summary),
      alliance.initiated_by.length ? h('p', { class: 'muted' }, 'Put forward by ',
        alliance.initiated_by.map((ref, i) => [i ? ', ' : '', refLink(ref)])) : null,
      rows.length ? h('ul', { class: 'positions' }, rows) : h('p', { class: 'muted' }, 'No positions recorded.'));
  });
  fill(container,
    h('div', { class: 'view-head' }, h('h1', {}, 'Who stands where')),
    h('p', { class: 'lead' }, `Positions on the ${full.length} alliances that are proposed or hypothetical, each with the quote behind it.`),
    h('div', { class: 'cards' }, cards));
}
