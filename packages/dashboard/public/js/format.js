// Number and date formatting shared by the views.
import { t } from './i18n.js';

export function num(v, digits = 1) {
  return v === null || v === undefined || Number.isNaN(v) ? '—' : Number(v).toFixed(digits);
}

/** Rates (0..1) as percentages; other values as they are. */
export function value(v) {
  if (v === null || v === undefined) return '—';
  if (typeof v !== 'number') return String(v);
  return Math.abs(v) <= 1 && !Number.isInteger(v) ? `${(v * 100).toFixed(1)}%` : String(Math.round(v * 1000) / 1000);
}

// Host times are Asia/Shanghai; show them there whatever the browser's zone.
const dateFmt = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

export function date(ms) {
  return typeof ms === 'number' ? dateFmt.format(new Date(ms)).replaceAll('/', '-') : '—';
}

export function tierLabel(tier) {
  return tier === 1 || tier === 2 || tier === 3 ? t(`tier.${tier}`) : t('tier.none');
}

/** The year a period id belongs to: `2026-11` → 2026. */
export function yearOf(period) {
  return Number(String(period).slice(0, 4));
}
