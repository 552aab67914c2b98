// The dashboard shell: sign-in, the top bar (nav, period, language), and hash routing to views.
import { api, setToken, token, ApiError } from './api.js';
import { h, clear } from './dom.js';
import { disposeCharts } from './charts.js';
import { lang, setLang, t } from './i18n.js';
import { loginView } from './views/login.js';
import { routes, parseRoute } from './router.js';

const PERIOD_KEY = 'kaoping.period';
const app = document.getElementById('app');

/** What every view may read: who is signed in, the period, and lookups loaded once per session. */
const session = { me: null, periods: [], period: null, indicators: [], units: [], unitById: new Map(), indicatorById: new Map() };
let renderSeq = 0;

async function loadSession() {
  const [me, periods, indicators, units] = await Promise.all([
    api.get('/me'), api.get('/periods'), api.get('/indicators'), api.get('/units'),
  ]);
  session.me = me;
  session.periods = periods.periods ?? [];
  session.indicators = indicators;
  session.indicatorById = new Map(indicators.map((i) => [i.id, i]));
  session.units = units;
  session.unitById = new Map(units.map((u) => [u.id, u]));
  const kept = sessionStorage.getItem(PERIOD_KEY);
  // Default to the newest annual period: tiers and the overview are annual.
  session.period = session.periods.includes(kept) ? kept : session.periods.find((p) => /^\d{4}$/.test(p)) ?? session.periods[0] ?? null;
}

function renderTopbar() {
  document.title = t('title');
  document.getElementById('topbar').hidden = false;
  document.getElementById('brand').textContent = t('title');
  const current = parseRoute(location.hash).name;
  const nav = clear(document.getElementById('nav'));
  for (const [name, key] of [['overview', 'nav.overview'], ['units', 'nav.units'], ['risks', 'nav.risks']]) {
    const active = current === name || (name === 'units' && (current === 'unit' || current === 'person' || current === 'explain'));
    nav.append(h('a', { href: `#/${name}`, class: active ? 'active' : '', testid: `nav-${name}` }, t(key)));
  }
  document.getElementById('period-label').textContent = t('period');
  const select = clear(document.getElementById('period'));
  for (const p of session.periods) select.append(h('option', { value: p, selected: p === session.period }, p));
  document.getElementById('me').replaceChildren(meBadge());
  document.getElementById('lang').textContent = t('lang');
  document.getElementById('logout').textContent = t('logout');
}

function meBadge() {
  const { me } = session;
  const scope = me.role === 'admin' ? t('scope.all')
    : me.unitId ? session.unitById.get(me.unitId)?.name ?? me.unitId
      : me.personId ? `${me.name ?? ''} ${me.personId}`.trim() : '—';
  return h('span', null,
    h('span', { class: 'role', testid: 'me-role', dataset: { role: me.role } }, t(`role.${me.role}`)),
    h('span', { class: 'scope', testid: 'me-scope' }, `${t('scope')}: ${scope}`));
}

function errorCard(e) {
  return h('section', { class: 'card error', testid: 'error' },
    h('h2', { class: 'card-title' }, t('error')),
    h('p', null, e instanceof ApiError && e.code ? `${e.code}: ${e.message}` : String(e?.message ?? e)),
    e?.fix ? h('p', { class: 'muted' }, e.fix) : null);
}

function showLogin(message) {
  document.getElementById('topbar').hidden = true;
  disposeCharts();
  app.replaceChildren(loginView({ message, onToken: signIn }));
}

async function signIn(value) {
  setToken(value);
  try {
    await loadSession();
  } catch (e) {
    setToken(null);
    showLogin(e instanceof ApiError && e.status === 401 ? t('login.failed') : e.message);
    return;
  }
  if (!location.hash || location.hash === '#/' || location.hash === '#/login') location.hash = '#/overview';
  else render();
}

async function render() {
  if (!token()) return showLogin();
  if (!session.me) return signIn(token());
  renderTopbar();
  const seq = ++renderSeq;
  const route = parseRoute(location.hash);
  const view = routes[route.name] ?? routes.overview;
  disposeCharts();
  app.replaceChildren(h('p', { class: 'muted loading', testid: 'loading' }, t('loading')));
  let node;
  try {
    node = await view({ ...session, route, rerender: render });
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      setToken(null);
      session.me = null;
      return showLogin(t('login.failed'));
    }
    node = errorCard(e);
  }
  if (seq !== renderSeq) return;
  app.replaceChildren(node);
}

document.getElementById('period').addEventListener('change', (e) => {
  session.period = e.target.value;
  sessionStorage.setItem(PERIOD_KEY, session.period);
  render();
});
document.getElementById('lang').addEventListener('click', () => {
  setLang(lang() === 'zh' ? 'en' : 'zh');
  render();
});
document.getElementById('logout').addEventListener('click', () => {
  setToken(null);
  session.me = null;
  showLogin();
});
addEventListener('hashchange', render);

setLang(lang());
render();
