import type { ActivityEvent } from '@kaoping/contract';

/** A matter (税务事项) as the front desk knows it. */
export interface Matter {
  /** 税务事项编号 swsxbh. */
  id: string;
  /** 事项类型 sxlx. */
  type: string;
  /** Person code of the clerk who handles it. */
  clerk: string;
  /** 受理日期 slrq, epoch ms. */
  acceptedAt: number;
  /** 办理期限 blqx, epoch ms. */
  deadlineAt: number;
}

const SOURCE = 'tax-collection';

/**
 * The canonical events of the catalogue, as the tax-collection system would emit them:
 * `tax.matter.accepted` (`<swsxbh>#a`, at slrq) and `tax.matter.completed` (`<swsxbh>#c`, at bjrq).
 * unitId null: the kernel counts the matter for the clerk's HR unit.
 */
function matterEvent(m: Matter, type: string, suffix: string, at: number, completedAt: number | null): ActivityEvent {
  return {
    id: `${m.id}${suffix}`, source: SOURCE, type, actorId: m.clerk, unitId: null, occurredAt: at,
    attrs: { matterId: m.id, matterType: m.type, acceptedAt: m.acceptedAt, deadlineAt: m.deadlineAt, completedAt },
  };
}

export function acceptedEvent(m: Matter): ActivityEvent {
  return matterEvent(m, 'tax.matter.accepted', '#a', m.acceptedAt, null);
}

export function completedEvent(m: Matter, completedAt: number): ActivityEvent {
  return matterEvent(m, 'tax.matter.completed', '#c', completedAt, completedAt);
}
