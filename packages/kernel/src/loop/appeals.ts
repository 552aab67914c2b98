import { kpError, type Appeal, type Comment, type PeriodId, type Tier } from '@kaoping/contract';
import { auditEntry, resultKey } from './audit.js';
import { recordResolved } from './risk-records.js';
import type { Routing } from './routing.js';
import { closeBySystem } from './task-workflow.js';
import type { LoopContext } from './types.js';
import type { Announce } from './unit-of-work.js';

/**
 * 申诉 and 绩效沟通. Target ids: a result is `<period>/<subjectKind>/<subjectId>/<indicator>`
 * (as `resultKey`), a tier `<period>/<personId>`, a risk its id. An accepted appeal records the
 * adjustment beside the original in its decision; the result and tier rows are never overwritten.
 */

export interface AppealInput {
  personId: string;
  targetKind: Appeal['targetKind'];
  targetId: string;
  reason: string;
}

/** Accepting a result appeal gives a new value and/or score; a tier appeal a new tier; a risk appeal withdraws the risk. */
export interface Adjustment {
  value?: number | null;
  score?: number | null;
  tier?: 1 | 2 | 3;
}

export interface DecisionInput {
  appealId: string;
  evaluatorId: string;
  accept: boolean;
  reason: string;
  adjustment?: Adjustment;
}

/** What an accepted appeal changed: both values are kept. */
export interface AdjustmentRecord {
  appealId: string;
  targetKind: Appeal['targetKind'];
  targetId: string;
  original: Record<string, unknown>;
  adjusted: Record<string, unknown>;
  reason: string;
  by: string;
  at: number;
}

export function tierTargetId(period: PeriodId, personId: string): string {
  return `${period}/${personId}`;
}

interface Target {
  /** Who may appeal it. */
  owners: string[];
  /** The fields an adjustment may change, as they stand. */
  current: Record<string, unknown>;
  period?: PeriodId;
}

function invalid(target: string, why: string): Error {
  return kpError('KP_ERR_APPEAL_INVALID', target, why);
}

async function loadTarget(ctx: LoopContext, routing: Routing, kind: Appeal['targetKind'], id: string): Promise<Target> {
  const owner = (subjectKind: string, subjectId: string): string[] => {
    if (subjectKind === 'person') return [subjectId];
    const leader = routing.leaderOf(subjectId);
    return leader === undefined ? [] : [leader];
  };
  if (kind === 'result') {
    const [period, subjectKind, subjectId, indicator] = id.split('/');
    const [row] = period && subjectKind && subjectId && indicator
      ? await ctx.store.listResults({ period, subjectKind: subjectKind as 'person' | 'unit', subjectId, indicator })
      : [];
    if (row === undefined) throw kpError('KP_ERR_NOT_FOUND', 'Result', id);
    return { owners: owner(row.subjectKind, row.subjectId), current: { value: row.value, score: row.score }, period: row.period };
  }
  if (kind === 'tier') {
    const slash = id.indexOf('/');
    const [row] = slash > 0 ? await ctx.store.listTiers({ period: id.slice(0, slash), personId: id.slice(slash + 1) }) : [];
    if (row === undefined) throw kpError('KP_ERR_NOT_FOUND', 'Tier', id);
    return { owners: [row.personId], current: { tier: row.tier }, period: row.period };
  }
  const [risk] = await ctx.store.listRisks({ id });
  if (risk === undefined) throw kpError('KP_ERR_NOT_FOUND', 'Risk', id);
  const assignees = (await ctx.store.listTasks({ riskId: id })).map((t) => t.assigneeId);
  return { owners: [...owner(risk.subject.kind, risk.subject.id), ...assignees], current: { status: risk.status }, period: risk.period };
}

export async function fileAppeal(ctx: LoopContext, routing: Routing, input: AppealInput, now: number): Promise<Appeal> {
  const label = `on ${input.targetKind} "${input.targetId}"`;
  if (!input.reason?.trim()) throw invalid(label, 'a reason is required: say what is wrong with it');
  const target = await loadTarget(ctx, routing, input.targetKind, input.targetId);
  if (!target.owners.includes(input.personId)) {
    throw invalid(label, `person "${input.personId}" may appeal only their own ${input.targetKind} (or, for a unit, its leader)`);
  }
  const open = await ctx.store.listAppeals({ targetKind: input.targetKind, targetId: input.targetId, state: 'open' });
  if (open.length > 0) throw invalid(label, `it is already under appeal (${open[0].id}); wait for that decision`);
  const appeal: Appeal = {
    id: ctx.newId(), personId: input.personId, targetKind: input.targetKind, targetId: input.targetId,
    reason: input.reason.trim(), state: 'open', decision: null, createdAt: now, decidedAt: null,
  };
  await ctx.store.putAppeals([appeal]);
  await ctx.store.appendAudit([auditEntry(now, input.personId, 'appeal.filed', `appeal/${appeal.id}`, {
    targetKind: appeal.targetKind, targetId: appeal.targetId, reason: appeal.reason, original: target.current,
  })]);
  return appeal;
}

function finite(v: unknown): boolean {
  return v === null || (typeof v === 'number' && Number.isFinite(v));
}

/** The adjusted fields of an accepted appeal, checked against what its target kind allows. */
function adjustedFields(appeal: Appeal, adj: Adjustment | undefined, current: Record<string, unknown>): Record<string, unknown> {
  const label = appeal.id;
  if (appeal.targetKind === 'risk') return { status: 'resolved' };
  if (appeal.targetKind === 'tier') {
    if (adj?.tier !== 1 && adj?.tier !== 2 && adj?.tier !== 3) throw invalid(label, 'accepting a tier appeal needs the adjusted tier (1, 2 or 3)');
    return { tier: adj.tier };
  }
  const hasValue = adj !== undefined && 'value' in adj;
  const hasScore = adj !== undefined && 'score' in adj;
  if (!hasValue && !hasScore) throw invalid(label, 'accepting a result appeal needs the adjusted value or score');
  if ((hasValue && !finite(adj!.value)) || (hasScore && !finite(adj!.score))) throw invalid(label, 'the adjusted value and score must be finite numbers or null');
  return { value: hasValue ? adj!.value : current.value, score: hasScore ? adj!.score : current.score };
}

/** An evaluator accepts (with the adjustment) or rejects (with the reason) an open appeal. */
export async function decideAppeal(ctx: LoopContext, routing: Routing, input: DecisionInput, now: number, announce: Announce): Promise<Appeal> {
  const [appeal] = await ctx.store.listAppeals({ id: input.appealId });
  if (appeal === undefined) throw kpError('KP_ERR_NOT_FOUND', 'Appeal', input.appealId);
  if (appeal.state !== 'open') throw invalid(appeal.id, `it was already ${appeal.state}; a decided appeal stays decided`);
  if (!input.reason?.trim()) throw invalid(appeal.id, 'a decision needs its reason');
  if (input.evaluatorId === appeal.personId) throw invalid(appeal.id, 'a person cannot decide their own appeal');
  const base = { by: input.evaluatorId, reason: input.reason.trim(), at: now };
  let decision: Record<string, unknown>;
  if (input.accept) {
    const original = (await loadTarget(ctx, routing, appeal.targetKind, appeal.targetId)).current;
    decision = { outcome: 'accepted', ...base, original, adjusted: adjustedFields(appeal, input.adjustment, original) };
  } else {
    decision = { outcome: 'rejected', ...base };
  }
  const decided: Appeal = { ...appeal, state: input.accept ? 'accepted' : 'rejected', decision, decidedAt: now };
  await ctx.store.putAppeals([decided]);
  await ctx.store.appendAudit([auditEntry(now, input.evaluatorId, `appeal.${decided.state}`, `appeal/${appeal.id}`, {
    targetKind: appeal.targetKind, targetId: appeal.targetId, ...decision,
  })]);
  if (input.accept && appeal.targetKind === 'risk') {
    const [risk] = await ctx.store.listRisks({ id: appeal.targetId });
    if (risk) await recordResolved(ctx, risk, now, input.evaluatorId, `appeal ${appeal.id} accepted`, announce);
    await closeBySystem(ctx, appeal.targetId, `appeal ${appeal.id} accepted`, now, announce);
  }
  return decided;
}

/** Every adjustment accepted appeals made, optionally of one period (results and tiers; ids start with it). */
export async function listAdjustments(ctx: Pick<LoopContext, 'store'>, period?: PeriodId): Promise<AdjustmentRecord[]> {
  const out: AdjustmentRecord[] = [];
  for (const a of await ctx.store.listAppeals({ state: 'accepted' })) {
    if (a.targetKind === 'risk' || !a.decision) continue;
    if (period !== undefined && !a.targetId.startsWith(`${period}/`)) continue;
    const d = a.decision as { original: Record<string, unknown>; adjusted: Record<string, unknown>; reason: string; by: string; at: number };
    out.push({ appealId: a.id, targetKind: a.targetKind, targetId: a.targetId, original: d.original, adjusted: d.adjusted, reason: d.reason, by: d.by, at: d.at });
  }
  return out;
}

export interface TierWithAppeal extends Tier {
  /** An appeal on this tier is open: show the tier as under appeal until it is decided. */
  underAppeal: boolean;
  /** The tier after an accepted appeal (the `tier` field keeps the original). */
  adjustedTier?: 1 | 2 | 3;
}

export async function tiersWithAppeals(ctx: Pick<LoopContext, 'store'>, period: PeriodId): Promise<TierWithAppeal[]> {
  const open = new Set((await ctx.store.listAppeals({ targetKind: 'tier', state: 'open' })).map((a) => a.targetId));
  const adjusted = new Map((await listAdjustments(ctx, period)).filter((a) => a.targetKind === 'tier').map((a) => [a.targetId, a.adjusted.tier as 1 | 2 | 3]));
  return (await ctx.store.listTiers({ period })).map((t) => {
    const id = tierTargetId(t.period, t.personId);
    const adj = adjusted.get(id);
    return { ...t, underAppeal: open.has(id), ...(adj !== undefined ? { adjustedTier: adj } : {}) };
  });
}

export interface CommentInput {
  targetKind: string;
  targetId: string;
  authorId: string;
  body: string;
}

export async function addComment(ctx: LoopContext, input: CommentInput, now: number): Promise<Comment> {
  if (!input.body?.trim()) throw kpError('KP_ERR_USAGE', `A comment on ${input.targetKind} "${input.targetId}" needs a body`);
  const comment: Comment = { id: ctx.newId(), targetKind: input.targetKind, targetId: input.targetId, authorId: input.authorId, body: input.body.trim(), at: now };
  await ctx.store.putComments([comment]);
  await ctx.store.appendAudit([auditEntry(now, input.authorId, 'comment.added', `${input.targetKind}/${input.targetId}`, { commentId: comment.id })]);
  return comment;
}

export { resultKey as resultTargetId };
