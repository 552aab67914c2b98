import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { KernelEvents } from '@kaoping/contract';
import { completed, local, people, units } from './__fixtures__/events.js';
import { memoryLogger } from './__fixtures__/memory-logger.js';
import { createKernel } from './kernel.js';

const fixtures = fileURLToPath(new URL('./__fixtures__/', import.meta.url));

async function kernelWith(plugins: string[], now = local(2026, 6, 1)) {
  const kernel = createKernel({ cwd: fixtures, config: { plugins, adapters: [] }, logger: memoryLogger(), clock: () => now });
  kernel.directory.setUnits(units);
  kernel.directory.setPeople(people);
  await kernel.start();
  return kernel;
}

describe('kernel.hook', () => {
  it('refuses to score before start and after stop', async () => {
    const kernel = createKernel({ cwd: fixtures, config: { plugins: ['./healthy.ts'], adapters: [] }, logger: memoryLogger() });
    expect(() => kernel.hook(completed('p1', local(2026, 3, 5)))).toThrow('The kernel is not started (state: created); cannot score an event');
    await kernel.start();
    await kernel.stop();
    expect(() => kernel.hook(completed('p1', local(2026, 3, 5)))).toThrow(expect.objectContaining({ code: 'KP_ERR_KERNEL_NOT_STARTED', message: 'The kernel is not started (state: stopped); cannot score an event' }));
  });

  it('answers with the person and every unit up the tree, per year, quarter and month', async () => {
    const kernel = await kernelWith(['./healthy.ts']);
    const answer = kernel.hook(completed('p1', local(2026, 3, 5, 10)));
    expect(answer.accepted).toBe(true);
    expect(answer.errors).toEqual([]);
    const got = answer.changed.map((c) => `${c.subject.kind}:${c.subject.id} ${c.period} ${c.value}`).sort();
    const want = ['person:p1', 'unit:S1', 'unit:D1', 'unit:B'].flatMap((s) => ['2026', '2026-Q1', '2026-03'].map((p) => `${s} ${p} 1`)).sort();
    expect(got).toEqual(want);

    const late = kernel.hook(completed('p2', local(2026, 3, 6), { late: true }));
    expect(late.changed).toContainEqual({ subject: { kind: 'person', id: 'p2' }, indicator: 'test.healthy', period: '2026-03', value: 0 });
    expect(late.changed).toContainEqual({ subject: { kind: 'unit', id: 'D1' }, indicator: 'test.healthy', period: '2026', value: 0.5 });
    expect(kernel.valueOf('unit', 'B', 'test.healthy', '2026-Q1')).toBe(0.5);
    expect(kernel.valueOf('person', 'p1', 'test.healthy', '2026-04')).toBeNull();
  });

  it('counts for the unit on the event, falling back to the actor\'s HR unit', async () => {
    const kernel = await kernelWith(['./healthy.ts']);
    const onRecord = kernel.hook(completed('p1', local(2026, 3, 5), { unitId: 'D1' }));
    expect(new Set(onRecord.changed.filter((c) => c.subject.kind === 'unit').map((c) => c.subject.id))).toEqual(new Set(['D1', 'B']));
    const unitOnly = kernel.hook(completed(null, local(2026, 3, 5), { unitId: 'S1' }));
    expect(new Set(unitOnly.changed.map((c) => `${c.subject.kind}:${c.subject.id}`))).toEqual(new Set(['unit:S1', 'unit:D1', 'unit:B']));
  });

  it('rejects an invalid event naming the field, changes no state and says so on the bus', async () => {
    const kernel = await kernelWith(['./healthy.ts']);
    kernel.hook(completed('p1', local(2026, 3, 5)));
    const before = JSON.stringify(kernel.states.toStoredStates());
    const rejected: KernelEvents['event.rejected'][] = [];
    kernel.bus.on('event.rejected', (e) => rejected.push(e));
    const bad = { ...completed('p1', local(2026, 3, 6), { late: true }), occurredAt: '2026-03-06' };
    const answer = kernel.hook(bad as never);
    expect(answer).toEqual({ accepted: false, errors: [{ path: '/occurredAt', message: 'must be integer' }], changed: [], warnings: [] });
    const { type: _omit, ...noType } = completed('p1', local(2026, 3, 6));
    expect(kernel.hook(noType as never).errors).toEqual([{ path: '', message: 'is missing required property "type"' }]);
    expect(JSON.stringify(kernel.states.toStoredStates())).toBe(before);
    expect(rejected).toHaveLength(2);
    expect(kernel.valueOf('person', 'p1', 'test.healthy', '2026')).toBe(1);
  });

  it('emits event.accepted and result.changed', async () => {
    const kernel = await kernelWith(['./healthy.ts']);
    const seen: string[] = [];
    kernel.bus.on('event.accepted', (e) => seen.push(`accepted ${e.event.id}`));
    kernel.bus.on('result.changed', (e) => seen.push(`changed ${e.changes.length}`));
    const ev = completed('p1', local(2026, 3, 5));
    kernel.hook(ev);
    expect(seen).toEqual([`accepted ${ev.id}`, 'changed 12']);
  });

  it('gives null for a person the indicator does not apply to', async () => {
    const kernel = await kernelWith(['./members-only.ts']);
    expect(kernel.hook(completed('p1', local(2026, 3, 5))).changed[0]).toMatchObject({ subject: { id: 'p1' }, value: 1 });
    const other = kernel.hook(completed('p2', local(2026, 3, 5))).changed;
    expect(other.map((c) => c.value)).toEqual([null, null, null]);
  });

  it('attributes a period-end event to every period ending after it, up to this year\'s end', async () => {
    const kernel = await kernelWith(['./open-at-end.ts'], local(2027, 2, 1));
    const periods = kernel.hook(completed('p1', local(2026, 10, 15))).changed.map((c) => c.period);
    expect(periods).toEqual(['2026', '2027', '2026-Q4', '2027-Q1', '2027-Q2', '2027-Q3', '2027-Q4', '2026-10', '2026-11', '2026-12',
      ...Array.from({ length: 12 }, (_, i) => `2027-${String(i + 1).padStart(2, '0')}`)]);
  });

  it('isolates an indicator whose add throws: warning, failed status, the others keep scoring', async () => {
    const kernel = await kernelWith(['./throwing-add.ts', './healthy.ts']);
    const failed: string[] = [];
    kernel.bus.on('plugin.failed', (s) => failed.push(`${s.id} ${s.code}`));
    expect(kernel.hook(completed('p1', local(2026, 3, 5))).changed.some((c) => c.indicator === 'test.throwing-add')).toBe(true);

    const answer = kernel.hook(completed('p1', local(2026, 3, 6), { boom: true }));
    expect(answer.accepted).toBe(true);
    expect(answer.warnings).toEqual([{ code: 'KP_ERR_PLUGIN_SETUP_FAILED', plugin: 'test.throwing-add', message: 'Plugin "test.throwing-add" failed in add: unexpected matter type' }]);
    expect(answer.changed.map((c) => c.indicator)).toEqual(Array(12).fill('test.healthy'));
    expect(kernel.status().find((s) => s.id === 'test.throwing-add')).toMatchObject({ state: 'failed', code: 'KP_ERR_PLUGIN_SETUP_FAILED' });
    expect(failed).toEqual(['test.throwing-add KP_ERR_PLUGIN_SETUP_FAILED']);

    const next = kernel.hook(completed('p1', local(2026, 3, 7), { boom: true }));
    expect(next.warnings).toEqual([]);
    expect(next.changed.every((c) => c.indicator === 'test.healthy')).toBe(true);
    expect(kernel.valueOf('person', 'p1', 'test.healthy', '2026-03')).toBe(1);
    expect(kernel.indicators().map((i) => i.definition.id)).toEqual(['test.healthy']);
  });

  it('exposes started indicators with resolved params and a stable params hash', async () => {
    const a = createKernel({ cwd: fixtures, logger: memoryLogger(), config: { plugins: ['./healthy.ts'], adapters: [], params: { 'test.healthy': { floor: 0.8 } } } });
    const b = createKernel({ cwd: fixtures, logger: memoryLogger(), config: { plugins: ['./healthy.ts'], adapters: [], params: { 'test.healthy': { target: 0.98, floor: 0.8 } } } });
    await Promise.all([a.start(), b.start()]);
    const [ia] = a.indicators();
    expect(ia.params).toEqual({ target: 0.98, floor: 0.8 });
    expect(ia.paramsHash).toMatch(/^[0-9a-f]{16}$/);
    expect(b.indicators()[0].paramsHash).toBe(ia.paramsHash);
    expect(ia.module).toBe('./healthy.ts');
  });
});
