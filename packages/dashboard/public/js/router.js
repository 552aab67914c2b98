// Hash routes: #/overview, #/units, #/unit/ID, #/person/ID, #/explain?…, #/risks.
import { overviewView } from './views/overview.js';
import { unitsView } from './views/units.js';
import { unitView } from './views/unit.js';
import { personView } from './views/person.js';
import { explainView } from './views/explain.js';
import { risksView } from './views/risks.js';

export const routes = {
  overview: overviewView,
  units: unitsView,
  unit: unitView,
  person: personView,
  explain: explainView,
  risks: risksView,
};

/** `#/unit/U01?x=1` → { name: 'unit', id: 'U01', params: URLSearchParams('x=1') }. */
export function parseRoute(hash) {
  const raw = String(hash ?? '').replace(/^#\/?/, '');
  const [path, search = ''] = raw.split('?');
  const [name = 'overview', ...rest] = path.split('/');
  return { name: name || 'overview', id: rest.length ? decodeURIComponent(rest.join('/')) : null, params: new URLSearchParams(search) };
}

/** Builds a hash link; undefined/null params are left out. */
export function href(name, id, params) {
  const path = id === undefined || id === null ? `#/${name}` : `#/${name}/${encodeURIComponent(id)}`;
  const entries = Object.entries(params ?? {}).filter(([, v]) => v !== undefined && v !== null && v !== '');
  return entries.length ? `${path}?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)]))}` : path;
}
