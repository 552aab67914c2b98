import type { ActivityEvent, PeriodId, Risk, SubjectKind, Task } from './model.js';

/** A value that changed because of an event: what the hook returns and the bus carries. */
export interface ValueChange {
  subject: { kind: SubjectKind; id: string };
  indicator: string;
  period: PeriodId;
  value: number | null;
}

export type PluginState = 'loaded' | 'started' | 'failed' | 'disabled' | 'stopped';

export interface PluginStatus {
  id: string;
  kind: string;
  version?: string;
  module: string;
  state: PluginState;
  code?: string;
  reason?: string;
}

export interface ValidationIssue {
  /** JSON pointer of the offending field, `''` for the whole record. */
  path: string;
  message: string;
}

/** The typed events of the kernel's bus (mitt). */
export type KernelEvents = {
  'kernel.started': { plugins: PluginStatus[] };
  'kernel.stopped': { at: number };
  'plugin.started': PluginStatus;
  'plugin.failed': PluginStatus;
  'plugin.disabled': PluginStatus;
  'event.accepted': { event: ActivityEvent };
  'event.rejected': { errors: ValidationIssue[] };
  'result.changed': { changes: ValueChange[] };
  'risk.raised': { risk: Risk };
  'risk.resolved': { risk: Risk };
  'task.changed': { task: Task; from: Task['state'] | null };
};

export type KernelEventName = keyof KernelEvents;
