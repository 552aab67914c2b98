// 以事见人: why a score, composite or tier is what it is, and the host records behind it.
import { api } from '../api.js';
import { h, card, link, table } from '../dom.js';
import { localized, t } from '../i18n.js';
import { date, num, tierLabel } from '../format.js';
import { href } from '../router.js';
import { empty, indicatorTitle, indicatorValue, unitLabel } from './shared.js';

/** Records fetched per explanation; the count says how many there are in all. */
const MAX_RECORDS = 100;
// Canonical event types start with their host: tax.* come from the tax-collection adapter, etc.
const SOURCE_OF_PREFIX = { tax: 'tax-collection', gov: 'gov-affairs', hr: 'hr', party: 'party-affairs' };

export async function explainView(ctx) {
  const p = ctx.route.params;
  const params = Object.fromEntries(['period', 'person', 'unit', 'indicator', 'tier'].filter((k) => p.get(k)).map((k) => [k, p.get(k)]));
  params.period ??= ctx.period;
  const x = await api.get('/explain', params);
  const keys = eventKeys(x).slice(0, MAX_RECORDS);
  const records = x.kind === 'tier' ? ruleRecords(x) : keys.length ? await api.get('/events', { ids: keys.join(',') }) : [];
  const total = x.kind === 'tier' ? records.length : x.events?.count ?? x.eventCount ?? records.length;

  const subjectId = params.person ?? params.unit;
  const subjectName = x.subject?.name ?? (params.unit ? unitLabel(ctx, params.unit) : subjectId);
  const subject = link(params.person ? href('person', params.person) : href('unit', params.unit), `${subjectName} ${subjectId}`, { testid: 'explain-subject' });
  const what = x.kind === 'tier' ? t('explain.tier') : x.kind === 'composite' ? t('composite') : localized(x.indicator?.title) || indicatorTitle(ctx, params.indicator);

  return h('div', { class: 'view', testid: 'explain', dataset: { kind: x.kind ?? '' } },
    h('div', { class: 'page-head' },
      h('h1', null, t('explain.title')),
      h('span', { class: 'muted' }, subject, ` · ${params.period} · `, h('span', { testid: 'explain-what' }, what))),
    x.kind === 'composite' ? card(what, { testid: 'explain-facts' }, compositeFacts(ctx, x, params)) : h('div', { class: 'row' },
      card(what, { class: 'card wide', testid: 'explain-facts' }, x.kind === 'tier' ? tierFacts(x) : indicatorFacts(ctx, x)),
      card(x.kind === 'tier' ? t('explain.rules') : t('explain.selection'), { class: 'card wide', testid: 'explain-rules' }, x.kind === 'tier' ? rules(x.rules) : evidenceRule(x))),
    x.kind === 'composite' ? null : card(`${t('explain.records')} (${total}${total > records.length ? `, ${t('explain.shown', { n: records.length })}` : ''})`, { testid: 'explain-records' },
      records.length ? h('div', { class: 'scroll' }, recordsTable(ctx, records)) : empty()));
}

/**
 * The `source:id` keys of the records behind an indicator value. The kernel lists plain ids
 * with the event types it read; the source follows from the type's host prefix.
 */
export function eventKeys(x) {
  if (Array.isArray(x.eventIds)) return x.eventIds.map((e) => (typeof e === 'string' ? e : `${e.source}:${e.id}`));
  const ids = x.events?.ids ?? [];
  const sources = [...new Set((x.events?.query?.types ?? []).map((type) => SOURCE_OF_PREFIX[type.split('.')[0]]).filter(Boolean))];
  return ids.flatMap((id) => sources.map((s) => `${s}:${id}`));
}

function factList(rows) {
  return h('dl', { class: 'facts' }, rows.filter(([, v]) => v !== undefined && v !== null && v !== '').map(([k, v, testid]) =>
    [h('dt', null, k), h('dd', { testid }, typeof v === 'object' && !(v instanceof Node) ? h('code', null, JSON.stringify(v)) : v)]));
}

function indicatorFacts(ctx, x) {
  const scale = x.scale ?? {};
  return factList([
    [t('value'), indicatorValue(ctx, x.indicator?.id, x.value), 'fact-value'],
    [t('score'), num(x.score), 'fact-score'],
    [t('explain.scale'), [scale.kind, scale.formula].filter(Boolean).join(': ')],
    ['', scale.computation ? h('code', null, scale.computation) : null],
    [t('explain.params'), x.params],
    [t('explain.version'), [x.indicatorVersion ?? x.indicator?.version, x.paramsHash ? `#${String(x.paramsHash).slice(0, 12)}` : null].filter(Boolean).join(' ')],
    [t('explain.state'), x.state],
    [t('explain.count'), String(x.events?.count ?? x.eventCount ?? '—'), 'fact-count'],
    [t('source'), x.source],
  ]);
}

function tierFacts(x) {
  return factList([
    [t('tier'), h('span', { class: `tier tier-${x.tier ?? 'none'}` }, tierLabel(x.tier)), 'fact-tier'],
    [t('reason'), x.reason ? t(`reason.${x.reason}`) : null],
    [t('composite'), num(x.score ?? x.composite?.value)],
    [t('rank'), x.rank === null || x.rank === undefined ? '—' : `${x.rank} / ${x.n ?? '—'}`],
    [t('explain.quota'), x.quota === undefined ? null : `${Math.round(x.quota * 100)}% → ${x.tierOneSlots ?? x.quotaSlots ?? '—'}`],
    [t('explain.threshold'), x.threshold === undefined ? null : String(x.threshold)],
    [t('explain.group'), x.group ? `${x.group.name ?? ''} ${x.group.id}`.trim() : null],
    [t('explain.left'), x.leftOn],
  ]);
}

function compositeFacts(ctx, x, params) {
  const subject = params.person ? { person: params.person } : { unit: params.unit };
  return h('div', null,
    h('p', { class: 'big-score', testid: 'fact-composite' }, `${t('composite')} ${num(x.composite)}`),
    table([
      { label: t('indicator'), cell: (r) => localized(r.title) || indicatorTitle(ctx, r.id) },
      { label: t('value'), class: 'num', cell: (r) => indicatorValue(ctx, r.id, r.value) },
      { label: t('score'), class: 'num', cell: (r) => link(href('explain', null, { period: params.period, ...subject, indicator: r.id }), num(r.score), { testid: 'score-link', dataset: { indicator: r.id } }) },
      { label: t('explain.weight'), class: 'num', cell: (r) => (r.weight === null || r.weight === undefined ? '—' : `${(r.weight * 100).toFixed(1)}%`) },
    ], x.indicators ?? [], { rowTestid: () => 'composite-row' }));
}

function evidenceRule(x) {
  return x.events?.rule ? h('p', { class: 'muted' }, x.events.rule) : empty();
}

function rules(fired) {
  if (!fired?.length) return empty();
  return h('ul', { class: 'rules' }, fired.map((r) => h('li', { testid: 'explain-rule' },
    h('strong', null, r.rule), ` → ${tierLabel(r.tier)} · `, r.message)));
}

/** A tier's evidence is the records of the rules that fired (a sanction, say). */
function ruleRecords(x) {
  return (x.rules ?? []).flatMap((r) => r.records.map((rec) => ({ id: rec.id, type: rec.type, source: r.rule, occurredAt: rec.date, unitId: null, attrs: rec.attrs })));
}

function recordsTable(ctx, events) {
  return table([
    { label: t('event.when'), cell: (e) => (typeof e.occurredAt === 'number' ? date(e.occurredAt) : e.occurredAt) },
    { label: t('event.type'), cell: (e) => e.type },
    { label: t('event.id'), cell: (e) => h('code', null, e.id) },
    { label: t('event.source'), cell: (e) => e.source },
    { label: t('event.unit'), cell: (e) => (e.unitId ? unitLabel(ctx, e.unitId) : '—') },
    { label: t('event.attrs'), cell: (e) => attrs(e.attrs) },
  ], events, { testid: 'records-table', rowTestid: () => 'record-row' });
}

// Attributes named like times hold epoch ms: show them as dates.
const TIME_ATTR = /(At|deadline|Until)$/;

function attrs(a) {
  return h('span', { class: 'attrs' }, Object.entries(a ?? {}).map(([k, v]) =>
    h('span', { class: 'attr' }, `${k}=`, TIME_ATTR.test(k) && typeof v === 'number' ? date(v) : String(v))));
}
