import { periodOf, type ActivityEvent, type RiskCategory, type Store } from '@kaoping/contract';
import type { DeadlineSource } from '../config.js';
import type { RiskCandidate } from '../types.js';

const PREFIX = 'deadline|';
const LOCAL_OFFSET_MS = 8 * 3_600_000;

export function deadlineKey(src: DeadlineSource, eventId: string): string {
  return `${PREFIX}${src.source}|${src.type}|${eventId}`;
}

/** The source and opening event id behind a deadline risk's key. */
export function parseDeadlineKey(key: string, sources: readonly DeadlineSource[]): { src: DeadlineSource; eventId: string } | undefined {
  if (!key.startsWith(PREFIX)) return undefined;
  for (const src of sources) {
    const head = `${PREFIX}${src.source}|${src.type}|`;
    if (key.startsWith(head)) return { src, eventId: key.slice(head.length) };
  }
  return undefined;
}

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** `YYYY-MM-DD HH:mm`, Asia/Shanghai: how the host shows the deadline. */
function localTime(ts: number): string {
  return new Date(ts + LOCAL_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** Open at `now`: accepted by then, and neither its own completion time nor a closing event is at or before it. */
export function isOpenAt(src: DeadlineSource, opening: ActivityEvent, closing: ActivityEvent | undefined, now: number): boolean {
  if (opening.occurredAt > now) return false;
  const completed = num(opening.attrs[src.completedAttr]);
  if (completed !== null && completed <= now) return false;
  return closing === undefined || closedAt(src, closing) > now;
}

/** When a closing event closed its matter: its completion attribute, else its own time. */
export function closedAt(src: DeadlineSource, closing: ActivityEvent): number {
  return num(closing.attrs[src.completedAttr]) ?? closing.occurredAt;
}

/** The risk of an open matter whose deadline is within the window of `now` (or already past); undefined otherwise. */
export function deadlineCandidate(
  src: DeadlineSource, e: ActivityEvent, now: number, windowMs: number, categories: readonly RiskCategory[],
): RiskCandidate | undefined {
  const deadline = num(e.attrs[src.deadlineAttr]);
  if (deadline === null || deadline - now > windowMs) return undefined;
  const subject = e.actorId !== null ? { kind: 'person' as const, id: e.actorId } : e.unitId !== null ? { kind: 'unit' as const, id: e.unitId } : undefined;
  if (subject === undefined) return undefined;
  const past = deadline < now;
  const hours = Math.round(Math.abs(deadline - now) / 360_000) / 10;
  const [zh, en] = past
    ? [`已超过办理期限 ${hours} 小时`, `is ${hours} h past its deadline`]
    : [`距办理期限还有 ${hours} 小时`, `is due in ${hours} h`];
  return {
    dedupKey: deadlineKey(src, e.id),
    trigger: 'deadline',
    categories: [...categories],
    severity: past ? 'high' : 'medium',
    subject,
    period: periodOf(deadline, 'month').id,
    indicator: src.indicator,
    evidence: [e.id],
    message: `${src.label.zh} ${e.id} 未办结，${zh}（期限 ${localTime(deadline)}）(open ${src.label.en} ${e.id} ${en}, deadline ${localTime(deadline)})`,
  };
}

/** The id of the event that closes an opening event; undefined when the source has none. */
export function closingId(src: DeadlineSource, openingId: string): string | undefined {
  const c = src.closedBy;
  if (c === undefined || !openingId.endsWith(c.openingSuffix)) return undefined;
  return openingId.slice(0, openingId.length - c.openingSuffix.length) + c.closingSuffix;
}

/** The id of the opening event a closing event closes; undefined when it is not one. */
export function openingIdOf(src: DeadlineSource, closing: ActivityEvent): string | undefined {
  const c = src.closedBy;
  if (c === undefined || closing.source !== src.source || closing.type !== c.type || !closing.id.endsWith(c.closingSuffix)) return undefined;
  return closing.id.slice(0, closing.id.length - c.closingSuffix.length) + c.openingSuffix;
}

/** The closing events of these opening events, by opening id. */
export async function closingEvents(store: Store, src: DeadlineSource, opening: readonly ActivityEvent[]): Promise<Map<string, ActivityEvent>> {
  const out = new Map<string, ActivityEvent>();
  const keys = opening.flatMap((e) => { const id = closingId(src, e.id); return id === undefined ? [] : [{ source: src.source, id }]; });
  if (keys.length === 0) return out;
  for (const c of await store.getEvents(keys)) {
    const openingId = openingIdOf(src, c);
    if (openingId !== undefined) out.set(openingId, c);
  }
  return out;
}

/** The stored closing event of one opening event, if any. */
export async function closingOf(store: Store, src: DeadlineSource, opening: ActivityEvent): Promise<ActivityEvent | undefined> {
  return (await closingEvents(store, src, [opening])).get(opening.id);
}

/**
 * Every matter of the source accepted within the lookback and still open at `now` whose deadline
 * is within the window: the scheduled check for matters that simply aged into it.
 */
export async function scanDeadlines(
  store: Store, src: DeadlineSource, now: number, windowMs: number, lookbackMs: number, categories: readonly RiskCategory[],
): Promise<RiskCandidate[]> {
  const out: RiskCandidate[] = [];
  // The store returns only matters due within the window and not completed by now (most of a
  // window's matters are done: reading them all was a city's scan's five seconds); the checks
  // below stay the judge.
  const attrs = [{ name: src.deadlineAttr, atMost: now + windowMs }, { name: src.completedAttr, absentOrAbove: now }];
  for await (const batch of store.scanEvents({ source: src.source, types: [src.type], from: now - lookbackMs, to: now + 1, attrs })) {
    const near = batch.filter((e) => deadlineCandidate(src, e, now, windowMs, categories) !== undefined && isOpenAt(src, e, undefined, now));
    const closing = await closingEvents(store, src, near);
    for (const e of near) {
      if (!isOpenAt(src, e, closing.get(e.id), now)) continue;
      out.push(deadlineCandidate(src, e, now, windowMs, categories)!);
    }
  }
  return out;
}

/** Whether the matter behind a deadline risk is still open at `now` (read from the events themselves). */
export async function matterOpen(store: Store, src: DeadlineSource, eventId: string, now: number): Promise<boolean> {
  const [opening] = (await store.getEvents([{ source: src.source, id: eventId }])).filter((e) => e.type === src.type);
  if (opening === undefined) return false;
  return isOpenAt(src, opening, await closingOf(store, src, opening), now);
}
