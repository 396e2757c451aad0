// The explorer's state lives in the URL's fragment, so every view and selection has a
// link, and Back works: #/view[/argument][?focus=…&depth=…&q=…&sel=type:id]

export function current() {
  const fragment = location.hash.replace(/^#\/?/, '');
  const mark = fragment.indexOf('?');
  const path = mark < 0 ? fragment : fragment.slice(0, mark);
  const params = new URLSearchParams(mark < 0 ? '' : fragment.slice(mark + 1));
  const [view, ...rest] = path.split('/').filter(Boolean).map(decodeURIComponent);
  return { view: view || 'network', arg: rest.join('/'), params };
}

export function href(view, arg = '', params = {}) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value != null && value !== '') query.set(key, value);
  }
  const text = query.toString();
  return `#/${view}${arg ? '/' + encodeURIComponent(arg) : ''}${text ? '?' + text : ''}`;
}

/** The current route with some parameters changed (null removes one). */
export function withParams(changes, route = current()) {
  const params = Object.fromEntries(route.params);
  Object.assign(params, changes);
  return href(route.view, route.arg, params);
}

/** A link that selects a record in the current view. */
export function select(type, id) {
  return withParams({ sel: `${type}:${id}` });
}

export function selection(route = current()) {
  const sel = route.params.get('sel');
  if (!sel || !sel.includes(':')) return null;
  const [type, ...id] = sel.split(':');
  return { type, id: id.join(':') };
}
