import {
  defineGate, localDate, localDay, localYearMonth,
  type ActivityEvent, type GateContext, type GateQuery, type GateReason,
} from '@kaoping/contract';

export type PromotionParams = {
  /** How many whole years before the asking date's year must have tier 1 or 2. */
  years: number;
};

const DEFAULTS: PromotionParams = { years: 3 };

/** One reason per year of the look-back that has no tier or tier 3. */
function tierReasons(q: GateQuery, ctx: GateContext<PromotionParams>): GateReason[] {
  const asked = localYearMonth(q.date).year;
  const years = ctx.params?.years ?? DEFAULTS.years;
  const out: GateReason[] = [];
  for (let year = asked - years; year < asked; year++) {
    const t = ctx.tier(q.personId, year);
    if (t === null || t.tier === null) {
      out.push({ code: 'tier-missing', year, message: `${year} 年度无考核段次 (no tier for ${year})` });
    } else if (t.tier === 3) {
      const record = t.recordId ? `，记录 ${t.recordId}` : '';
      const recordEn = t.recordId ? `, record ${t.recordId}` : '';
      out.push({
        code: 'tier-3', year, tier: 3, source: t.source, recordId: t.recordId ?? null,
        message: `${year} 年度考核为第3段${record} (tier 3 in ${year}${recordEn})`,
      });
    }
  }
  return out;
}

/**
 * A sanction is in force from its 处分日期 through its 影响期至, both read as local dates, so
 * asking any time on the last day still finds it in force. No 影响期至 means no end.
 */
function inForce(e: ActivityEvent, date: number): boolean {
  const until = e.attrs.effectiveUntil;
  const day = localDay(date);
  return localDay(e.occurredAt) <= day && (typeof until !== 'number' || localDay(until) >= day);
}

function sanctionReason(e: ActivityEvent): GateReason {
  const until = typeof e.attrs.effectiveUntil === 'number' ? localDate(e.attrs.effectiveUntil) : null;
  const from = localDate(e.occurredAt);
  const untilZh = until ?? '无期限';
  const untilEn = until ?? 'no end';
  return {
    code: 'sanction-in-force',
    recordId: e.id,
    sanctionType: e.attrs.sanctionType ?? null,
    imposedOn: from,
    effectiveUntil: until,
    message: `处分影响期内：记录 ${e.id}，处分日期 ${from}，影响期至 ${untilZh} (sanction ${e.id} in force from ${from} until ${untilEn})`,
  };
}

export default defineGate<PromotionParams>({
  id: 'gate.promotion',
  version: '1.0.0',
  api: '^1',
  title: { zh: '晋升资格', en: 'Promotion eligibility' },
  description: {
    zh: '前三个年度考核均为第1或第2段，且询问日无处分在影响期内',
    en: 'Tier 1 or 2 in each of the three years before the asking year, and no sanction in force on the asking date.',
  },
  params: {
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        years: { type: 'integer', minimum: 1, maximum: 10, default: DEFAULTS.years, description: 'Years before the asking year that must have tier 1 or 2.' },
      },
    },
    defaults: DEFAULTS,
  },
  decide(q, ctx) {
    if (!ctx.person(q.personId)) {
      const reasons = [{ code: 'unknown-person', personId: q.personId, message: `人员 ${q.personId} 不在人事名册中 (person ${q.personId} is not in the HR directory)` }];
      return { allowed: false, reasons };
    }
    const sanctions = ctx.records(q.personId, ['hr.sanction.imposed']).filter((e) => inForce(e, q.date));
    const reasons = [...tierReasons(q, ctx), ...sanctions.map(sanctionReason)];
    return { allowed: reasons.length === 0, reasons };
  },
});
