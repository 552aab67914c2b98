// 总览: how scores spread, how tiers fall per tier group, what risks are open.
import { api } from '../api.js';
import { h, card } from '../dom.js';
import { chart, SEVERITY_COLORS, TIER_COLORS } from '../charts.js';
import { category, t } from '../i18n.js';
import { num, yearOf } from '../format.js';
import { empty, kpi, unitLabel } from './shared.js';

const SEVERITIES = ['high', 'medium', 'low'];

export async function overviewView(ctx) {
  const { period } = ctx;
  if (!period) return card(t('nav.overview'), { testid: 'overview' }, empty());
  const year = String(yearOf(period));
  const [composites, tiers, risks, tasks] = await Promise.all([
    api.get('/composites', { period, subjectKind: 'person' }),
    api.get('/tiers', { period: year }),
    api.get('/risks', { status: 'open' }),
    api.get('/tasks'),
  ]);
  const scores = composites.map((c) => c.composite).filter((v) => typeof v === 'number');
  const mean = scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : null;
  // Risks are raised for the period running when they fire, so the open ones are shown whatever their period.
  const openRisks = risks.length;
  const pendingTasks = tasks.filter((x) => x.state !== 'verified').length;

  return h('div', { class: 'view', testid: 'overview' },
    h('div', { class: 'kpis' },
      kpi(t('overview.people'), String(composites.length), 'kpi-people'),
      kpi(t('overview.mean'), num(mean), 'kpi-mean'),
      kpi(t('overview.openRisks'), String(openRisks), 'kpi-risks'),
      kpi(t('overview.openTasks'), String(pendingTasks), 'kpi-tasks')),
    h('div', { class: 'row' },
      card(`${t('overview.histogram')} · ${period}`, { class: 'card wide', testid: 'histogram' },
        scores.length ? chart(histogram(scores)) : empty(t('overview.noComposite'))),
      card(`${t('overview.tiers')} · ${year}`, { class: 'card wide', testid: 'tiers-chart' },
        tiers.length ? chart(tierBars(ctx, tiers)) : empty())),
    card(`${t('overview.risks')} · ${t('risk.status.open')}`, { testid: 'risks-chart' },
      risks.length ? chart(riskBars(risks)) : empty()));
}

/** Ten bins of width 10; a score of exactly 100 falls in the last. */
function histogram(scores) {
  const bins = Array.from({ length: 10 }, () => 0);
  for (const s of scores) bins[Math.min(9, Math.max(0, Math.floor(s / 10)))]++;
  const labels = bins.map((_, i) => `${i * 10}–${i * 10 + 10}`);
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 40, right: 16, top: 24, bottom: 32 },
    xAxis: { type: 'category', data: labels, name: t('composite'), nameLocation: 'middle', nameGap: 24 },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'bar', data: bins, barCategoryGap: '4%', itemStyle: { color: '#1f5fa8' } }],
  };
}

function tierBars(ctx, tiers) {
  const groups = [...new Set(tiers.map((x) => x.group))].sort();
  const keys = [1, 2, 3, 'none'];
  const count = (group, key) => tiers.filter((x) => x.group === group && (key === 'none' ? x.tier === null : x.tier === key)).length;
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 40, right: 16, top: 32, bottom: 48 },
    xAxis: { type: 'category', data: groups.map((g) => unitLabel(ctx, g)), axisLabel: { interval: 0, rotate: groups.length > 4 ? 20 : 0 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: keys.map((k) => ({
      name: t(k === 'none' ? 'tier.none' : `tier.${k}`), type: 'bar', stack: 'tiers',
      itemStyle: { color: TIER_COLORS[k] }, data: groups.map((g) => count(g, k)),
    })),
  };
}

function riskBars(risks) {
  const categories = [...new Set(risks.flatMap((r) => r.categories))].sort();
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 40, right: 16, top: 32, bottom: 28 },
    xAxis: { type: 'category', data: categories.map(category) },
    yAxis: { type: 'value', minInterval: 1 },
    series: SEVERITIES.map((s) => ({
      name: t(`severity.${s}`), type: 'bar', stack: 'sev', itemStyle: { color: SEVERITY_COLORS[s] },
      data: categories.map((c) => risks.filter((r) => r.severity === s && r.categories.includes(c)).length),
    })),
  };
}
