import { describe, expect, it } from 'vitest';
import { planLoadOrder } from './load-order.js';

const messages = (plan: ReturnType<typeof planLoadOrder>) => Object.fromEntries(plan.refused.map((r) => [r.id, `${r.error.code}: ${r.error.message}`]));

describe('planLoadOrder', () => {
  it('puts dependencies first and breaks ties by id, whatever the input order', () => {
    const plan = planLoadOrder([{ id: 'c', dependsOn: ['a'] }, { id: 'b' }, { id: 'a' }, { id: 'd', optionalDependsOn: ['c'] }]);
    expect(plan.order).toEqual(['a', 'b', 'c', 'd']);
    expect(plan.refused).toEqual([]);
  });

  it('reports a cycle with its path, refuses every plugin on it and their dependents', () => {
    const plan = planLoadOrder([{ id: 'a', dependsOn: ['b'] }, { id: 'b', dependsOn: ['a'] }, { id: 'c', dependsOn: ['a'] }, { id: 'd' }]);
    expect(plan.order).toEqual(['d']);
    expect(messages(plan)).toEqual({
      a: 'KP_ERR_DEPENDENCY_CYCLE: Plugin dependency cycle: a → b → a',
      b: 'KP_ERR_DEPENDENCY_CYCLE: Plugin dependency cycle: a → b → a',
      c: 'KP_ERR_DEPENDENCY_MISSING: Plugin "c" requires "a", which is disabled (KP_ERR_DEPENDENCY_CYCLE: a → b → a)',
    });
  });

  it('reports a self-dependency and a longer cycle', () => {
    expect(messages(planLoadOrder([{ id: 's', dependsOn: ['s'] }])).s).toBe('KP_ERR_DEPENDENCY_CYCLE: Plugin dependency cycle: s → s');
    const plan = planLoadOrder([{ id: 'x', dependsOn: ['y'] }, { id: 'y', dependsOn: ['z'] }, { id: 'z', dependsOn: ['x'] }]);
    expect(messages(plan).y).toBe('KP_ERR_DEPENDENCY_CYCLE: Plugin dependency cycle: x → y → z → x');
  });

  it('refuses dependents of a missing or failed plugin transitively, with the reason', () => {
    const plan = planLoadOrder(
      [{ id: 'b', dependsOn: ['gone'] }, { id: 'c', dependsOn: ['b'] }, { id: 'e', dependsOn: ['broken'] }, { id: 'f' }],
      new Map([['broken', 'failed (KP_ERR_PLUGIN_SETUP_FAILED)']]),
    );
    expect(plan.order).toEqual(['f']);
    expect(messages(plan)).toEqual({
      b: 'KP_ERR_DEPENDENCY_MISSING: Plugin "b" requires "gone", which is not installed',
      c: 'KP_ERR_DEPENDENCY_MISSING: Plugin "c" requires "b", which is disabled (KP_ERR_DEPENDENCY_MISSING)',
      e: 'KP_ERR_DEPENDENCY_MISSING: Plugin "e" requires "broken", which is failed (KP_ERR_PLUGIN_SETUP_FAILED)',
    });
  });

  it('orders by optional dependencies when present, ignores them when absent, and breaks loops through them', () => {
    expect(planLoadOrder([{ id: 'a', optionalDependsOn: ['z'] }, { id: 'z' }]).order).toEqual(['z', 'a']);
    expect(planLoadOrder([{ id: 'a', optionalDependsOn: ['missing'] }]).order).toEqual(['a']);
    const loop = planLoadOrder([{ id: 'a', optionalDependsOn: ['b'] }, { id: 'b', dependsOn: ['a'] }]);
    expect(loop).toEqual({ order: ['a', 'b'], refused: [] });
  });
});
