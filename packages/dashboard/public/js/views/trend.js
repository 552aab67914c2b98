// 纵向: monthly scores of one subject over a year, one line per indicator.
import { chart } from '../charts.js';
import { t } from '../i18n.js';
import { empty, indicatorTitle } from './shared.js';

export function trendChart(ctx, points, props) {
  const months = [...new Set(points.map((p) => p.period))].sort();
  const indicators = [...new Set(points.map((p) => p.indicator))].sort();
  if (!months.length) return empty();
  const at = new Map(points.map((p) => [`${p.indicator}|${p.period}`, p.score]));
  return chart({
    tooltip: { trigger: 'axis', valueFormatter: (v) => (v === null || v === undefined ? '—' : Number(v).toFixed(1)) },
    legend: { type: 'scroll', top: 0 },
    grid: { left: 40, right: 16, top: 36, bottom: 28 },
    xAxis: { type: 'category', data: months, boundaryGap: false },
    yAxis: { type: 'value', min: 0, max: 100, name: t('score') },
    series: indicators.map((id) => ({
      name: indicatorTitle(ctx, id), type: 'line', connectNulls: false, symbolSize: 5,
      data: months.map((m) => at.get(`${id}|${m}`) ?? null),
    })),
  }, props);
}
