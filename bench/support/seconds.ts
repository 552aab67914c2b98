/**
 * Wall and CPU seconds (all threads of this process) of `fn`, with its result: on a shared
 * machine the CPU seconds are the steadier of the two.
 */
export async function seconds<T>(fn: () => Promise<T> | T): Promise<{ value: T; wall: number; cpu: number }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await fn();
  const c = process.cpuUsage(c0);
  return { value, wall: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6 };
}
