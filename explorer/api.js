// The only way the explorer talks to Lattice: documented GET endpoints, JSON.
// The API's base URL is the page's own origin, or ?api=URL when the page is served from
// elsewhere (the server must allow that origin: the cors_origins setting).

export const API = apiBase(new URL(location.href).searchParams.get('api'));

/** An http(s) URL's origin and path without a trailing slash; anything else means "this origin". */
function apiBase(given) {
  if (!given) return '';
  try {
    const url = new URL(given);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return '';
    return (url.origin + url.pathname).replace(/\/+$/, '');
  } catch {
    return '';
  }
}

const cache = new Map();

/** GET a JSON document (or text with {text: true}); one request per path per page view. */
export function get(path, { text = false } = {}) {
  const key = (text ? 'text:' : '') + path;
  if (!cache.has(key)) {
    const request = fetch(API + path, { headers: { Accept: text ? 'text/plain' : 'application/json' } })
      .then(async (response) => {
        if (!response.ok) {
          let detail = `${response.status} ${response.statusText}`;
          try { detail = (await response.json()).detail || detail; } catch { /* not a problem document */ }
          throw new Error(`${path}: ${detail}`);
        }
        return text ? response.text() : response.json();
      });
    request.catch(() => cache.delete(key));
    cache.set(key, request);
  }
  return cache.get(key);
}

/** Every item of a collection, following links.next. */
export async function all(path) {
  const items = [];
  let next = path + (path.includes('?') ? '&' : '?') + 'limit=500';
  while (next) {
    const page = await get(next);
    items.push(...page.data);
    next = page.links.next;
  }
  return items;
}

export const plural = { actor: 'actors', alliance: 'alliances', relation: 'relations', statement: 'statements', document: 'documents' };

/** A record by type and id; asOf (a date) for the records that answer as of a date. */
export function record(type, id, asOf = null) {
  return get(`/v1/${plural[type]}/${encodeURIComponent(id)}${asOf ? `?as_of=${encodeURIComponent(asOf)}` : ''}`);
}

/** A query string ("?a=1&b=2", or "") of the parameters that have a value. */
export function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value != null && value !== '') search.set(key, value);
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** The type of a reference ({id, name, kind, href}) from its href. */
export function refType(ref) {
  const match = /^\/v1\/([a-z]+)\//.exec(ref.href || '');
  const type = match && Object.keys(plural).find((key) => plural[key] === match[1]);
  return type || (ref.kind === 'alliance' ? 'alliance' : 'actor');
}
