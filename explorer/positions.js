// Who stands where: for each proposed or hypothetical alliance, every actor's position,
// the quotes behind it, and a link to each quote's place in the article. The positions are
// /v1/analysis/positions as it answers them (its groups, actors and evidence, in its order):
// the explorer draws them and never works them out again, so it cannot disagree with the API.
// With a date (as_of in the URL) both the alliances and their positions are as of that date.
import { all, get, record, query } from './api.js';
import { h, fill } from './dom.js';
import { withParams } from './route.js';
import { refLink } from './record.js';
import { routeDate, dateControl, dateNote } from './asof.js';
import { wordsBlock, modeLabel, dateAndDocument } from './statements.js';

export async function render(container, route) {
  const { asOf, invalid } = routeDate(route);
  const dates = dateControl(route, { what: 'the positions' });
  const head = h('div', { class: 'view-head' }, h('h1', {}, 'Who stands where'));
  if (invalid) { fill(container, head, dates); return; }
  const alliances = await all(`/v1/alliances${query({ status: 'proposed,hypothetical', as_of: asOf })}`);
  const analyses = await Promise.all(alliances.map((alliance) =>
    get(`/v1/analysis/positions${query({ alliance: alliance.id, as_of: asOf })}`)));
  // The statements' speaker, verb, mode, date and document, for the attribution under each quote.
  const statementIds = new Set(analyses.flatMap((analysis) => analysis.groups.flatMap((group) =>
    group.actors.flatMap((entry) => entry.evidence.map((evidence) => evidence.statement.id)))));
  const statements = new Map((await Promise.all([...statementIds].map((id) => record('statement', id)))).map((s) => [s.id, s]));

  const quote = (evidence) => {
    const statement = statements.get(evidence.statement.id);
    return h('div', { class: 'why', 'data-statement': evidence.statement.id, 'data-mode': statement.mode },
      wordsBlock(statement, evidence.text),
      h('p', { class: 'attribution' }, `${statement.speaker.name} ${statement.verb} (${modeLabel(statement.mode)}) · `,
        dateAndDocument(statement)));
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
  const count = `${alliances.length} alliance${alliances.length === 1 ? '' : 's'}`;
  fill(container, head, dates,
    dateNote(route, {
      what: 'Positions',
      dated: 'the alliances the sources describe on that date, and what was said of them by then',
      undated: 'every position the sources record, at any date',
    }),
    h('p', { class: 'lead' }, alliances.length
      ? `Positions on the ${count} that are proposed or hypothetical, each with the quotes behind it.`
      : `No proposed or hypothetical alliance is described by the sources as of ${asOf}.`),
    h('div', { class: 'cards' }, cards));
}
