import type { ActivityEvent, AttrValue, Person } from '@kaoping/contract';
import { localTime } from './time.js';

/** An instant as epoch ms, or as Asia/Shanghai local text (`'2026-03-05 10:00'`). */
export type TimeInput = number | string;

export function toEpoch(t: TimeInput): number {
  return typeof t === 'number' ? t : localTime(t);
}

export type EventInput = Partial<Omit<ActivityEvent, 'occurredAt'>> & { occurredAt?: TimeInput };

let nextId = 1;

/**
 * An ActivityEvent with sensible defaults: a unique id, source `test`, actor `P001` of unit
 * `U001`, mid-2026. Override only what the test is about.
 */
export function makeEvent(partial: EventInput = {}): ActivityEvent {
  return {
    id: partial.id ?? `evt-${nextId++}`,
    source: partial.source ?? 'test',
    type: partial.type ?? 'test.event',
    actorId: partial.actorId === undefined ? 'P001' : partial.actorId,
    unitId: partial.unitId === undefined ? 'U001' : partial.unitId,
    occurredAt: toEpoch(partial.occurredAt ?? '2026-06-15 12:00'),
    attrs: { ...(partial.attrs ?? {}) },
  };
}

/** A Person of the directory; defaults to `P001` in `U001`, not a party member, employed since 2020. */
export function makePerson(partial: Partial<Omit<Person, 'since' | 'until'>> & { since?: TimeInput; until?: TimeInput | null } = {}): Person {
  const { since, until, ...rest } = partial;
  return {
    id: 'P001',
    name: '测试人员',
    unitId: 'U001',
    postId: 'POST1',
    politicalStatus: '群众',
    ...rest,
    since: toEpoch(since ?? '2020-01-01'),
    ...(until === undefined ? {} : { until: until === null ? null : toEpoch(until) }),
  };
}

export interface TaxMatterInput {
  /** 税务事项编号 (swsxbh). */
  id: string;
  actorId?: string;
  unitId?: string | null;
  /** 事项类型 (sxlx). */
  matterType?: string;
  acceptedAt: TimeInput;
  deadlineAt: TimeInput;
  completedAt?: TimeInput | null;
}

/**
 * The events the tax-collection adapter emits for one matter (see the event catalogue):
 * `tax.matter.accepted` at slrq, and `tax.matter.completed` at bjrq when it is completed.
 */
export function taxMatter(input: TaxMatterInput): ActivityEvent[] {
  const acceptedAt = toEpoch(input.acceptedAt);
  const deadlineAt = toEpoch(input.deadlineAt);
  const completedAt = input.completedAt == null ? null : toEpoch(input.completedAt);
  const attrs: Record<string, AttrValue> = {
    matterId: input.id,
    matterType: input.matterType ?? 'general',
    acceptedAt,
    deadlineAt,
    completedAt,
  };
  const base = { source: 'tax-collection', actorId: input.actorId ?? 'P001', unitId: input.unitId === undefined ? 'U001' : input.unitId };
  const out = [makeEvent({ ...base, id: `${input.id}#a`, type: 'tax.matter.accepted', occurredAt: acceptedAt, attrs })];
  if (completedAt !== null) out.push(makeEvent({ ...base, id: `${input.id}#c`, type: 'tax.matter.completed', occurredAt: completedAt, attrs }));
  return out;
}
