// Pieces several views share: KPI tiles, risk tags, name lookups, empty states.
import { h } from '../dom.js';
import { category, localized, t } from '../i18n.js';

export function kpi(label, value, testid) {
  return h('div', { class: 'kpi', testid }, h('div', { class: 'kpi-value' }, value), h('div', { class: 'kpi-label' }, label));
}

export function empty(text) {
  return h('p', { class: 'muted empty', testid: 'empty' }, text ?? t('empty'));
}

export function riskTag(risk) {
  return h('span', { class: `tag sev-${risk.severity}`, testid: 'risk-tag', title: risk.message },
    risk.categories.map(category).join('·'), ' · ', t(`severity.${risk.severity}`));
}

export function unitName(ctx, id) {
  return ctx.unitById.get(id)?.name ?? id ?? '—';
}

export function indicatorTitle(ctx, id) {
  const ind = ctx.indicatorById.get(id);
  return ind ? localized(ind.title) : id;
}

/** Chart axis labels are short: the first N characters. */
export function shortLabel(text, max = 8) {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

const AGENCY_PREFIX = /^国家税务总局/;
const BUREAU_SUFFIX = /税务局$/;

/**
 * A short name that still says where a unit sits: sections repeat across districts (every
 * 区局 has an 办公室), so a section is named with its parent — 东城区·办公室.
 */
export function unitLabel(ctx, id) {
  const unit = ctx.unitById.get(id);
  if (!unit) return id ?? '—';
  const own = unit.name.replace(AGENCY_PREFIX, '');
  const parent = unit.parentId ? ctx.unitById.get(unit.parentId) : null;
  if (!parent) return own;
  const parentShort = unitLabel(ctx, parent.id);
  const stem = parentShort.replace(BUREAU_SUFFIX, '');
  if (unit.kind === 'section' || unit.kind === 'team') return `${stem}·${own}`;
  return own.startsWith(stem) && own.length > stem.length ? own.slice(stem.length) : own;
}

/**
 * Indicator values as a reader expects them: rates (target scales reaching at most 1) as
 * percentages, counts and means as numbers.
 */
export function indicatorValue(ctx, indicatorId, v) {
  if (v === null || v === undefined) return '—';
  const ind = ctx.indicatorById.get(indicatorId);
  const kind = typeof ind?.scale === 'string' ? ind.scale : ind?.scale?.kind;
  const isRate = kind === 'target' && !/satisfaction/.test(indicatorId) && v >= 0 && v <= 1;
  return isRate ? `${(v * 100).toFixed(1)}%` : String(Math.round(v * 100) / 100);
}
