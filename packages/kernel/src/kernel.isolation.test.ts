import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { completed, local } from './__fixtures__/events.js';
import { memoryLogger } from './__fixtures__/memory-logger.js';
import { BUS, CLOCK, CONFIG, DIRECTORY, KERNEL } from './di/tokens.js';
import { createKernel } from './kernel.js';

const fixtures = fileURLToPath(new URL('./__fixtures__/', import.meta.url));

describe('two kernels in one process', () => {
  it('share no state, bus, config, clock, directory or container registrations', async () => {
    const one = createKernel({ cwd: fixtures, logger: memoryLogger(), clock: () => 1, config: { plugins: ['./healthy.ts'], adapters: [], periods: ['year'] } });
    const two = createKernel({ cwd: fixtures, logger: memoryLogger(), clock: () => 2, config: { plugins: ['./healthy.ts', './throwing-add.ts'], adapters: [] } });
    await one.start();
    await two.start();

    const heardByOne: string[] = [];
    one.bus.on('event.accepted', (e) => heardByOne.push(e.event.id));
    two.hook(completed('p1', local(2026, 3, 5)));
    two.hook(completed('p1', local(2026, 3, 6), { boom: true }));
    expect(heardByOne).toEqual([]);
    expect(one.states.size).toBe(0);
    expect(two.status().find((s) => s.id === 'test.throwing-add')?.state).toBe('failed');

    const answer = one.hook(completed('p1', local(2026, 3, 5)));
    expect(answer.changed.map((c) => c.period)).toEqual(['2026']);
    expect(two.valueOf('person', 'p1', 'test.healthy', '2026-03')).toBe(1);

    one.directory.setPeople([{ id: 'p9', name: '王五', unitId: 'S1', postId: 'P01', since: 0 }]);
    expect(two.directory.hasPerson('p9')).toBe(false);

    expect(one.container).not.toBe(two.container);
    expect(one.container.resolve<() => number>(CLOCK)()).toBe(1);
    expect(two.container.resolve<() => number>(CLOCK)()).toBe(2);
    expect(one.container.resolve(BUS)).toBe(one.bus);
    expect(two.container.resolve(BUS)).toBe(two.bus);
    expect(one.container.resolve(CONFIG)).toBe(one.config);
    expect(one.container.resolve(DIRECTORY)).toBe(one.directory);
    expect(two.container.resolve(KERNEL)).toBe(two);
    expect(one.status().map((s) => s.id)).toEqual(['test.healthy']);
  });
});
