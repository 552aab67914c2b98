// 画像: one person's indicator radar, monthly trend, risk tags, tier history and promotion gate.
import { api } from '../api.js';
import { h, card, link, table } from '../dom.js';
import { chart, TIER_COLORS } from '../charts.js';
import { t } from '../i18n.js';
import { num, tierLabel, yearOf } from '../format.js';
import { href } from '../router.js';
import { empty, indicatorTitle, riskTag, shortLabel, unitLabel } from './shared.js';
import { monthlyComposites, trendChart } from './trend.js';
import { resultsTable } from './unit.js';

const HISTORY_YEARS = 4;

export async function personView(ctx) {
  const { period, route } = ctx;
  const id = route.id;
  const year = yearOf(period);
  // One call (GET /v1/people/:id) answers the person, the period's scores, tier history, risks and gate; the trend charts read the year.
  const [profile, trend, monthly] = await Promise.all([
    api.get(`/people/${encodeURIComponent(id)}`, { period, years: HISTORY_YEARS }),
    api.get('/trend', { subjectKind: 'person', subjectId: id, year }),
    monthlyComposites(ctx, 'person', id, year),
  ]);
  const { person, results, composite, risks, promotion, tierHistory } = profile;

  const header = h('div', { class: 'page-head' },
    h('h1', { testid: 'person-name' }, person.name),
    h('span', { class: 'muted' }, [id, person.postName ?? person.postId, person.politicalStatus].filter(Boolean).join(' · ')),
    link(href('unit', person.unitId), `↑ ${unitLabel(ctx, person.unitId)}`, { class: 'up', testid: 'person-unit' }),
    link(href('explain', null, { period, person: id }), `${t('composite')} ${num(composite?.composite)}`, { class: 'big-score', testid: 'person-composite' }));

  return h('div', { class: 'view', testid: 'person' },
    header,
    h('div', { class: 'row' },
      card(`${t('person.radar')} · ${period}`, { class: 'card wide', testid: 'person-radar' }, radar(ctx, results)),
      card(`${t('person.results')} · ${period}`, { class: 'card wide', testid: 'person-results' }, resultsTable(ctx, results, { person: id }))),
    h('div', { class: 'row' },
      card(`${t('person.trend')} · ${year}`, { class: 'card wide', testid: 'person-trend' }, trendChart(ctx, trend, monthly)),
      h('div', { class: 'stack wide' },
        card(t('person.gate'), { testid: 'person-gate' }, gateBox(promotion)),
        card(t('person.risks'), { testid: 'person-risks' }, risks.length ? link(href('risks', null, { assignee: id }), t('risks.board'), { class: 'small', testid: 'person-tasks-link' }) : null,
          risks.length ? h('div', { class: 'chips' }, risks.map((r) => h('span', { class: r.status === 'resolved' ? 'resolved' : '' }, riskTag(r), ' ', h('span', { class: 'muted small' }, `${r.period} ${indicatorTitle(ctx, r.indicator)}`)))) : empty()))),
    card(t('person.tiers'), { testid: 'person-tiers' }, tierTable(id, tierHistory)));
}

function radar(ctx, results) {
  const scored = results.filter((r) => typeof r.score === 'number').sort((a, b) => a.indicator.localeCompare(b.indicator));
  if (scored.length < 3) return empty();
  return chart({
    tooltip: {},
    radar: { indicator: scored.map((r) => ({ name: shortLabel(indicatorTitle(ctx, r.indicator), 7), max: 100 })), radius: '62%' },
    series: [{ type: 'radar', areaStyle: { opacity: 0.2 }, data: [{ value: scored.map((r) => Math.round(r.score * 10) / 10), name: t('score') }] }],
  });
}

function tierTable(personId, history) {
  return table([
    { label: t('year'), cell: (r) => String(r.year) },
    { label: t('tier'), cell: (r) => h('span', { class: `tier tier-${r.tier ?? 'none'}`, style: `--tier:${TIER_COLORS[r.tier ?? 'none']}` }, tierLabel(r.tier)) },
    { label: t('source'), cell: (r) => (r.source ? t(`tiers.source.${r.source}`) : '—') },
    { label: t('reason'), cell: (r) => (r.source === 'kaoping' ? link(href('explain', null, { period: String(r.year), person: personId, tier: 1 }), r.reason ? t(`reason.${r.reason}`) : t('explain'), { testid: 'tier-explain' }) : r.recordId ?? '—') },
  ], history, { rowTestid: () => 'tier-row' });
}

/** The gate's answer, or why it could not answer (not started, failed), shown in its card. */
function gateBox(promotion) {
  if (promotion.error) return h('p', { class: 'error-text' }, promotion.error.message);
  const { allowed, reasons } = promotion;
  return h('div', { class: `gate ${allowed ? 'allowed' : 'blocked'}`, testid: 'gate-answer', dataset: { allowed: String(allowed) } },
    h('strong', null, allowed ? `✔ ${t('gate.allowed')}` : `✖ ${t('gate.blocked')}`),
    reasons.length ? h('ul', null, reasons.map((r) => h('li', null, r.message ?? r.code))) : null);
}
