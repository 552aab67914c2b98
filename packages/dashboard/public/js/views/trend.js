// 纵向: one subject's year month by month — the composite in bold, each indicator's score thin.
import { api } from '../api.js';
import { chart } from '../charts.js';
import { t } from '../i18n.js';
import { empty, indicatorTitle } from './shared.js';

// With more indicators than this, their lines start hidden (a click on the legend shows one).
const SHOWN_INDICATORS = 4;

/** The monthly composites of a subject over a year, from the months that were closed. */
export async function monthlyComposites(ctx, subjectKind, subjectId, year) {
  const months = ctx.periods.filter((p) => p.startsWith(`${year}-`) && /^\d{4}-\d{2}$/.test(p));
  const rows = await Promise.all(months.map((period) => api.get('/composites', { period, subjectKind, subjectId })));
  return rows.flat().map((c) => ({ period: c.period, composite: c.composite }));
}

export function trendChart(ctx, points, composites = [], props) {
  const months = [...new Set([...points.map((p) => p.period), ...composites.map((c) => c.period)])].sort();
  const indicators = [...new Set(points.map((p) => p.indicator))].sort();
  if (!months.length) return empty();
  const at = new Map(points.map((p) => [`${p.indicator}|${p.period}`, p.score]));
  const compositeAt = new Map(composites.map((c) => [c.period, c.composite]));
  const compositeName = t('composite');
  const selected = Object.fromEntries(indicators.map((id) => [indicatorTitle(ctx, id), indicators.length <= SHOWN_INDICATORS]));
  const round = (v) => (typeof v === 'number' ? Math.round(v * 10) / 10 : null);
  return chart({
    tooltip: { trigger: 'axis' },
    legend: { type: 'scroll', top: 0, selected },
    grid: { left: 40, right: 16, top: 40, bottom: 28 },
    xAxis: { type: 'category', data: months, boundaryGap: false },
    yAxis: { type: 'value', min: 0, max: 100 },
    series: [
      ...(composites.length ? [{
        name: compositeName, type: 'line', symbolSize: 7, lineStyle: { width: 3 }, itemStyle: { color: '#16324f' }, z: 3,
        data: months.map((m) => round(compositeAt.get(m))),
      }] : []),
      ...indicators.map((id) => ({
        name: indicatorTitle(ctx, id), type: 'line', symbolSize: 4, lineStyle: { width: 1.5 },
        data: months.map((m) => round(at.get(`${id}|${m}`))),
      })),
    ],
  }, props);
}
