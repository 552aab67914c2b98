// 以事见人: why a score (or tier) is what it is, and the host records behind it.
import { api } from '../api.js';
import { h, card, link, table } from '../dom.js';
import { t } from '../i18n.js';
import { date, num, tierLabel, value } from '../format.js';
import { href } from '../router.js';
import { empty, indicatorTitle, unitName } from './shared.js';

/** Records shown per explanation; the count says how many there are in all. */
const MAX_RECORDS = 200;

export async function explainView(ctx) {
  const p = ctx.route.params;
  const params = Object.fromEntries(['period', 'person', 'unit', 'indicator', 'tier'].filter((k) => p.get(k)).map((k) => [k, p.get(k)]));
  params.period ??= ctx.period;
  const explanation = await api.get('/explain', params);
  const keys = eventKeys(explanation).slice(0, MAX_RECORDS);
  const events = keys.length ? await api.get('/events', { ids: keys.join(',') }) : [];
  const total = explanation.eventCount ?? keys.length;

  const subject = params.person
    ? link(href('person', params.person), params.person, { testid: 'explain-subject' })
    : link(href('unit', params.unit), unitName(ctx, params.unit), { testid: 'explain-subject' });
  const what = params.tier ? t('explain.tier') : indicatorTitle(ctx, params.indicator);

  return h('div', { class: 'view', testid: 'explain' },
    h('div', { class: 'page-head' },
      h('h1', null, t('explain.title')),
      h('span', { class: 'muted' }, subject, ` · ${params.period} · `, h('span', { testid: 'explain-what' }, what))),
    h('div', { class: 'row' },
      card(what, { class: 'card wide', testid: 'explain-facts' }, facts(explanation, Boolean(params.tier))),
      card(t('explain.rules'), { class: 'card wide', testid: 'explain-rules' }, rules(explanation))),
    card(`${t('explain.records')} (${total}${total > events.length ? `, ${t('explain.shown', { n: events.length })}` : ''})`, { testid: 'explain-records' },
      events.length ? recordsTable(ctx, events) : empty()));
}

/** Event references as `source:id`, whether the server sends strings or `{ source, id }`. */
export function eventKeys(explanation) {
  const ids = explanation.eventIds ?? [];
  return ids.map((e) => (typeof e === 'string' ? e : `${e.source}:${e.id}`));
}

function facts(x, isTier) {
  const rows = isTier ? [
    [t('tier'), tierLabel(x.tier)], [t('reason'), x.reason ? t(`reason.${x.reason}`) : '—'], [t('composite'), num(x.composite ?? x.score)],
    [t('rank'), x.rank === null || x.rank === undefined ? '—' : `${x.rank} / ${x.n ?? '—'}`],
  ] : [
    [t('value'), value(x.value)], [t('score'), num(x.score)],
    [t('rank'), x.rank === null || x.rank === undefined ? '—' : `${x.rank} / ${x.n ?? '—'}`],
    [t('explain.scale'), x.scale ? (typeof x.scale === 'string' ? x.scale : x.scale.kind) : '—'],
    [t('explain.version'), [x.version, x.paramsHash ? `#${String(x.paramsHash).slice(0, 8)}` : null].filter(Boolean).join(' ')],
    [t('explain.count'), String(x.eventCount ?? '—')],
  ];
  const extra = [[t('explain.params'), x.params ?? x.quota ?? null], [t('explain.state'), x.state ?? x.evidence ?? null]].filter(([, v]) => v !== null && v !== undefined);
  return h('dl', { class: 'facts' },
    rows.filter(([, v]) => v !== undefined).map(([k, v]) => [h('dt', null, k), h('dd', { testid: `fact-${k}` }, v ?? '—')]),
    extra.map(([k, v]) => [h('dt', null, k), h('dd', null, h('code', null, compact(v)))]));
}

function rules(x) {
  const fired = x.rules ?? [];
  if (!fired.length) return empty();
  return h('ul', { class: 'rules' }, fired.map((r) => h('li', { testid: 'explain-rule' },
    typeof r === 'string' ? r : [h('strong', null, r.id ?? r.rule ?? ''), ' ', r.message ?? r.reason ?? compact(r)])));
}

function recordsTable(ctx, events) {
  return table([
    { label: t('event.when'), cell: (e) => date(e.occurredAt) },
    { label: t('event.type'), cell: (e) => e.type },
    { label: t('event.id'), cell: (e) => h('code', null, e.id) },
    { label: t('event.source'), cell: (e) => e.source },
    { label: t('event.unit'), cell: (e) => unitName(ctx, e.unitId) },
    { label: t('event.attrs'), cell: (e) => attrs(e.attrs) },
  ], events, { testid: 'records-table', rowTestid: () => 'record-row' });
}

// Attributes named like times hold epoch ms: show them as dates.
const TIME_ATTR = /(At|deadline|Until)$/;

function attrs(a) {
  return h('span', { class: 'attrs' }, Object.entries(a ?? {}).map(([k, v]) =>
    h('span', { class: 'attr' }, `${k}=`, TIME_ATTR.test(k) && typeof v === 'number' ? date(v) : String(v))));
}

function compact(v) {
  return typeof v === 'string' ? v : JSON.stringify(v);
}
