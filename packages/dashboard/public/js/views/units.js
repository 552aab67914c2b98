// 单位 · 横向: the units in scope side by side by composite score; a click opens the unit.
import { api } from '../api.js';
import { h, card, link, table } from '../dom.js';
import { chart } from '../charts.js';
import { t } from '../i18n.js';
import { num } from '../format.js';
import { href } from '../router.js';
import { empty, unitLabel } from './shared.js';

const KIND_COLORS = { bureau: '#16324f', district: '#1f5fa8', section: '#2e9e6a', team: '#3aa7b8' };

export async function unitsView(ctx) {
  const { period, units } = ctx;
  const composites = period ? await api.get('/composites', { period, subjectKind: 'unit' }) : [];
  const byUnit = new Map(composites.map((c) => [c.subjectId, c.composite]));
  const ordered = treeOrder(units);
  const scored = ordered.filter((u) => typeof byUnit.get(u.id) === 'number').sort((a, b) => byUnit.get(a.id) - byUnit.get(b.id));

  const bars = scored.length ? chart({
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 40, top: 8, bottom: 24, containLabel: true },
    xAxis: { type: 'value', min: 0, max: 100 },
    yAxis: { type: 'category', data: scored.map((u) => unitLabel(ctx, u.id)), axisLabel: { interval: 0 } },
    series: [{
      type: 'bar', data: scored.map((u) => ({ value: round(byUnit.get(u.id)), unitId: u.id, itemStyle: { color: KIND_COLORS[u.kind] } })),
      label: { show: true, position: 'right' },
    }],
  }, {
    testid: 'units-chart', dataset: { units: scored.map((u) => u.id).join(',') },
    style: `height:${Math.max(240, scored.length * 24 + 40)}px`,
    onClick: (p) => { location.hash = href('unit', p.data.unitId); },
  }) : empty();

  const rows = table([
    { label: t('unit.name'), cell: (u) => h('span', { class: `indent-${Math.min(u.level, 4)}` }, link(href('unit', u.id), u.name, { testid: 'unit-link', dataset: { unitId: u.id } })) },
    { label: t('unit.kind'), cell: (u) => t(`kind.${u.kind}`) },
    { label: t('composite'), class: 'num', cell: (u) => num(byUnit.get(u.id)) },
  ], ordered, { testid: 'units-table', rowTestid: () => 'unit-row' });

  return h('div', { class: 'view', testid: 'units' },
    card(`${t('units.compare')} · ${period ?? ''}`, { testid: 'units-compare' }, bars),
    card(t('units.table'), null, rows));
}

/** Parents before children, siblings by id, so the table reads as the org tree; adds `level`. */
export function treeOrder(units) {
  const ids = new Set(units.map((u) => u.id));
  const children = new Map();
  for (const u of units) {
    const parent = u.parentId && ids.has(u.parentId) ? u.parentId : null;
    if (!children.has(parent)) children.set(parent, []);
    children.get(parent).push(u);
  }
  const out = [];
  // Depth is relative to the top of the caller's scope, so a leader's own unit is not indented.
  const walk = (parent, level) => {
    for (const u of (children.get(parent) ?? []).sort((a, b) => a.id.localeCompare(b.id))) {
      out.push({ ...u, level });
      walk(u.id, level + 1);
    }
  };
  walk(null, 0);
  return out;
}

function round(v) {
  return Math.round(v * 10) / 10;
}
