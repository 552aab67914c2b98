import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { completed, local, people, units } from '../__fixtures__/events.js';
import { memoryLogger } from '../__fixtures__/memory-logger.js';
import { createKernel } from '../kernel.js';
import { closePeriod, scoreStates } from './score-states.js';

const fixtures = fileURLToPath(new URL('../__fixtures__/', import.meta.url));
const own = fileURLToPath(new URL('./__fixtures__/', import.meta.url));

async function kernelWith(plugins: string[], cwd = fixtures) {
  const kernel = createKernel({ cwd, config: { plugins, adapters: [] }, logger: memoryLogger(), clock: () => local(2026, 6, 1) });
  kernel.directory.setUnits(units);
  kernel.directory.setPeople(people);
  await kernel.start();
  return kernel;
}

describe('scoreStates', () => {
  it('scores every person and unit of the directory from the table, null where there is nothing', async () => {
    const kernel = await kernelWith(['./healthy.ts', './members-only.ts']);
    kernel.hook(completed('p1', local(2026, 3, 5, 10)));
    kernel.hook(completed('p1', local(2026, 3, 6, 10), { late: true }));
    kernel.hook(completed('p2', local(2026, 3, 6, 10)));
    const s = scoreStates(kernel, kernel.states, '2026-Q1');
    const row = (id: string, ind: string) => s.results.find((r) => r.subjectId === id && r.indicator === ind);
    // p1: 1 of 2 on time; p2: 1 of 1; the units merge both: 2 of 3.
    expect(row('p1', 'test.healthy')).toMatchObject({ subjectKind: 'person', value: 0.5, period: '2026-Q1', indicatorVersion: '1.0.0' });
    expect(row('p2', 'test.healthy')?.value).toBe(1);
    expect(row('D1', 'test.healthy')?.value).toBeCloseTo(2 / 3, 12);
    // members-only applies to p1 (中共党员) and not to p2; it scores people only.
    expect(row('p1', 'test.members-only')?.value).toBe(0.5);
    expect(row('p2', 'test.members-only')).toMatchObject({ value: null, score: null, evidence: { applies: false } });
    expect(row('S1', 'test.members-only')).toBeUndefined();
    // Another quarter has no states: every value null, no composite, and no tiers outside years.
    const q2 = scoreStates(kernel, kernel.states, '2026-Q2');
    expect(q2.results.every((r) => r.value === null)).toBe(true);
    expect(q2.composites.every((c) => c.composite === null)).toBe(true);
    expect(q2.tiers).toEqual([]);
    // Subjects come in id order whatever order the directory was loaded in.
    expect(s.composites.map((c) => `${c.subjectKind}:${c.subjectId}`)).toEqual(['person:p1', 'person:p2', 'unit:B', 'unit:D1', 'unit:S1']);
  });

  it('names the plugin whose value throws while a period is scored', async () => {
    // No event goes through the hook (which would take the plugin out): close is the first to ask for a value.
    const kernel = await kernelWith(['./throwing-value.ts'], own);
    expect(() => scoreStates(kernel, kernel.states, '2026')).toThrow(expect.objectContaining({
      code: 'KP_ERR_PLUGIN_SETUP_FAILED', message: 'Plugin "test.throwing-value" failed in value: value exploded',
    }));
  });
});

describe('closePeriod', () => {
  it('needs a store', async () => {
    const kernel = await kernelWith(['./healthy.ts']);
    await expect(closePeriod(kernel, '2026')).rejects.toMatchObject({
      code: 'KP_ERR_STORE', message: 'Store error: closing a period needs a kernel created with a store (createKernel({ store }))',
    });
  });
});
