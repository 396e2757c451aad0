// The API's vocabularies (kinds, valences, stances, modes, event kinds, date bases), read
// once from its OpenAPI document's schemas, so the explorer never keeps copies that could
// drift from what the server answers.
import { get } from './api.js';

let loaded = null;

/** The enums of the schemas the explorer draws; one request per page view (api.js caches it). */
export function vocabularies() {
  if (!loaded) {
    loaded = get('/openapi.json').then(read);
    loaded.catch(() => { loaded = null; });
  }
  return loaded;
}

function read(openapi) {
  const schemas = openapi.components?.schemas || {};
  const values = (path) => {
    let node = schemas;
    for (const key of path.split('.')) node = node?.properties?.[key] ?? node?.[key];
    if (!Array.isArray(node?.enum)) throw new Error(`the API's OpenAPI document has no enumeration at ${path}`);
    return node.enum.filter((value) => value != null);
  };
  const actorKinds = values('Actor.kind');
  return {
    // Graph nodes are actors (by their kind) and alliances.
    nodeKinds: [...actorKinds, 'alliance'].filter((kind, i, all) => all.indexOf(kind) === i),
    actorKinds,
    valences: values('Relation.valence'),
    stances: values('Statement.stance.value'),
    modes: values('Statement.mode'),
    events: values('TimelineEvent.event'),
    dateBases: values('TimelineEvent.date_basis'),
    saidOnBases: values('Statement.said_on_basis'),
    publishedBases: values('Document.published_basis'),
    statuses: values('Alliance.status'),
  };
}
