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

/** A tier group is named after its 区局 (or the root); fall back to the raw group id. */
export function groupName(ctx, group) {
  return ctx.unitById.get(group)?.name ?? group;
}

export function indicatorTitle(ctx, id) {
  const ind = ctx.indicatorById.get(id);
  return ind ? localized(ind.title) : id;
}

/** Chart axis labels are short: the first N characters. */
export function shortLabel(text, max = 8) {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
