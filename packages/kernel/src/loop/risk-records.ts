import type { Risk } from '@kaoping/contract';
import { auditEntry } from './audit.js';
import { SYSTEM_ACTOR, type LoopContext, type RiskCandidate } from './types.js';
import type { Announce } from './unit-of-work.js';

/** Stores a new open risk and audits it. */
export async function recordRaised(ctx: LoopContext, candidate: RiskCandidate, now: number, announce: Announce): Promise<Risk> {
  const risk: Risk = { ...candidate, id: ctx.newId(), status: 'open', raisedAt: now, resolvedAt: null };
  await ctx.store.putRisks([risk]);
  await ctx.store.appendAudit([auditEntry(now, SYSTEM_ACTOR, 'risk.raised', `risk/${risk.id}`, {
    dedupKey: risk.dedupKey, trigger: risk.trigger, subject: risk.subject, period: risk.period, indicator: risk.indicator,
    severity: risk.severity, evidence: risk.evidence,
  })]);
  announce('risk.raised', { risk });
  return risk;
}

/** Marks an open risk resolved and audits who resolved it and why. */
export async function recordResolved(ctx: LoopContext, risk: Risk, now: number, actor: string, why: string, announce: Announce): Promise<Risk> {
  if (risk.status === 'resolved') return risk;
  const resolved: Risk = { ...risk, status: 'resolved', resolvedAt: now };
  await ctx.store.putRisks([resolved]);
  await ctx.store.appendAudit([auditEntry(now, actor, 'risk.resolved', `risk/${risk.id}`, { why })]);
  announce('risk.resolved', { risk: resolved });
  return resolved;
}
