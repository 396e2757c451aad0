// Who stands where: for each proposed or hypothetical alliance, every actor's position,
// the quotes behind it, and a link to each quote's place in the article. The positions are
// /v1/analysis/positions as it answers them (its groups, actors and evidence, in its order):
// the explorer draws them and never works them out again, so it cannot disagree with the API.
import { all, get, record } from './api.js';
import { h, fill, humanize } from './dom.js';
import { href, withParams } from './route.js';
import { refLink } from './record.js';

export async function render(container) {
  const alliances = await all('/v1/alliances?status=proposed,hypothetical');
  const analyses = await Promise.all(alliances.map((alliance) =>
    get(`/v1/analysis/positions?alliance=${encodeURIComponent(alliance.id)}`)));
  // The statements' speaker, verb and mode, for the attribution under each quote.
  const statementIds = new Set(analyses.flatMap((analysis) => analysis.groups.flatMap((group) =>
    group.actors.flatMap((entry) => entry.evidence.map((evidence) => evidence.statement.id)))));
  const statements = new Map((await Promise.all([...statementIds].map((id) => record('statement', id)))).map((s) => [s.id, s]));

  const quote = (evidence) => {
    const statement = statements.get(evidence.statement.id);
    return h('div', { class: 'why', 'data-statement': evidence.statement.id },
      h('blockquote', { class: `quote mode-${statement.mode}` }, `“${evidence.text}”`),
      h('p', { class: 'attribution' }, `${statement.speaker.name} ${statement.verb} (${humanize(statement.mode)}) · `,
        h('a', { href: href('article', evidence.place.document.id, { sel: `statement:${evidence.statement.id}` }) }, 'see it in the article')));
  };

  const cards = alliances.map((alliance, index) => {
    const rows = analyses[index].groups.flatMap((group) => group.actors.map((entry) =>
      h('li', { class: 'position', 'data-actor': entry.actor.id, 'data-stance': group.stance },
        h('div', { class: 'who' }, refLink(entry.actor),
          h('span', { class: `stance stance-${group.stance}` }, group.stance)),
        entry.evidence.length ? entry.evidence.map(quote) : h('p', { class: 'why muted' }, 'No quote states this position.'))));
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
    h('p', { class: 'lead' }, `Positions on the ${alliances.length} alliances that are proposed or hypothetical, each with the quotes behind it.`),
    h('div', { class: 'cards' }, cards));
}
