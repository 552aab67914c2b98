// One unit: its monthly trend (纵向), its own indicators, its sub-units and its people.
import { api } from '../api.js';
import { h, card, link, table } from '../dom.js';
import { t } from '../i18n.js';
import { num, tierLabel, yearOf } from '../format.js';
import { href } from '../router.js';
import { empty, indicatorTitle, indicatorValue, unitLabel } from './shared.js';
import { monthlyComposites, trendChart } from './trend.js';

export async function unitView(ctx) {
  const { period, route } = ctx;
  const id = route.id;
  const unit = ctx.unitById.get(id);
  const year = yearOf(period);
  const [trend, monthly, results, composites, people, personComposites, tiers] = await Promise.all([
    api.get('/trend', { subjectKind: 'unit', subjectId: id, year }),
    monthlyComposites(ctx, 'unit', id, year),
    api.get('/results', { period, subjectKind: 'unit', subjectId: id }),
    api.get('/composites', { period, subjectKind: 'unit', subjectId: id }),
    api.get('/people', { unit: id }),
    api.get('/composites', { period, subjectKind: 'person' }),
    api.get('/tiers', { period: String(year), unit: id }),
  ]);
  const personScore = new Map(personComposites.map((c) => [c.subjectId, c.composite]));
  const tierOf = new Map(tiers.map((x) => [x.personId, x]));
  const children = ctx.units.filter((u) => u.parentId === id);

  const header = h('div', { class: 'page-head' },
    h('h1', { testid: 'unit-name' }, unit?.name ?? id),
    h('span', { class: 'muted' }, `${id} · ${unit ? t(`kind.${unit.kind}`) : ''}`),
    unit?.parentId && ctx.unitById.has(unit.parentId)
      ? link(href('unit', unit.parentId), `↑ ${unitLabel(ctx, unit.parentId)}`, { class: 'up' }) : null,
    link(href('explain', null, { period, unit: id }), `${t('composite')} ${num(composites[0]?.composite)}`, { class: 'big-score', testid: 'unit-composite' }));

  return h('div', { class: 'view', testid: 'unit' },
    header,
    h('div', { class: 'row' },
      card(`${t('unit.trend')} · ${year}`, { class: 'card wide', testid: 'unit-trend' }, trendChart(ctx, trend, monthly)),
      card(`${t('unit.results')} · ${period}`, { class: 'card wide', testid: 'unit-results' }, resultsTable(ctx, results, { unit: id }))),
    children.length ? card(t('units.table'), { testid: 'unit-children' },
      h('div', { class: 'chips' }, children.map((u) => link(href('unit', u.id), u.name, { class: 'chip', testid: 'child-unit', dataset: { unitId: u.id } })))) : null,
    card(`${t('unit.people')} (${people.length})`, { testid: 'unit-people' }, people.length ? table([
      { label: t('person'), cell: (p) => link(href('person', p.id), `${p.name} ${p.id}`, { testid: 'person-link', dataset: { personId: p.id } }) },
      { label: t('unit.name'), cell: (p) => unitLabel(ctx, p.unitId) },
      { label: t('post'), cell: (p) => p.postName ?? p.postId },
      { label: t('composite'), class: 'num', cell: (p) => num(personScore.get(p.id)) },
      { label: t('tier'), cell: (p) => {
        const tier = tierOf.get(p.id);
        return tier ? link(href('explain', null, { period: String(year), person: p.id, tier: 1 }), tierLabel(tier.tier), { class: `tier tier-${tier.tier ?? 'none'}` }) : '—';
      } },
    ], sortPeople(people, personScore), { rowTestid: () => 'person-row' }) : empty()));
}

/** The indicator table both the unit and the person page show; each score opens its explanation. */
export function resultsTable(ctx, results, subject) {
  if (!results.length) return empty();
  const rows = [...results].sort((a, b) => a.indicator.localeCompare(b.indicator));
  return table([
    { label: t('indicator'), cell: (r) => indicatorTitle(ctx, r.indicator) },
    { label: t('value'), class: 'num', cell: (r) => indicatorValue(ctx, r.indicator, r.value) },
    { label: t('score'), class: 'num', cell: (r) => link(href('explain', null, { period: r.period, ...subject, indicator: r.indicator }), num(r.score), { testid: 'score-link', dataset: { indicator: r.indicator }, title: t('explain') }) },
  ], rows, { testid: 'results-table', rowTestid: () => 'result-row' });
}

function sortPeople(people, score) {
  return [...people].sort((a, b) => (score.get(b.id) ?? -1) - (score.get(a.id) ?? -1) || a.id.localeCompare(b.id));
}
