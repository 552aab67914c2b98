import { DeskClock, FRONT_DESK_DAY, runFrontDesk, type ScoringBackend, type Step, type StepReport } from '@kaoping/example-embedded-host';
import type { Logger } from '@kaoping/kernel';
import { httpBackend } from './http-backend.js';
import { startSidecar } from './start-sidecar.js';

export interface SidecarDemoOptions {
  dbFile: string;
  steps?: readonly Step[];
  print?: (line: string) => void;
  logger?: Logger;
  /** Wraps the HTTP backend (the test compares each answer with an in-process kernel). */
  wrap?: (backend: ScoringBackend) => ScoringBackend;
  clock?: DeskClock;
}

/** The same front desk as the embedded example, with Kaoping behind HTTP instead of in-process. */
export async function runSidecarDemo(options: SidecarDemoOptions): Promise<StepReport[]> {
  const print = options.print ?? ((line: string) => console.log(line));
  const clock = options.clock ?? new DeskClock();
  const sidecar = await startSidecar({ dbFile: options.dbFile, clock: clock.read, ...(options.logger ? { logger: options.logger } : {}) });
  try {
    print('考评 Kaoping — 办税服务厅 + 旁路服务 / the tax front desk calling Kaoping over HTTP');
    print(`server ${sidecar.url} (store ${options.dbFile}); the desk holds an integrator token and the hall leader's token`);
    print('');
    const http = httpBackend({ baseUrl: sidecar.url, integratorToken: sidecar.integratorToken, readerToken: sidecar.leaderToken });
    return await runFrontDesk(options.wrap ? options.wrap(http) : http, options.steps ?? FRONT_DESK_DAY, clock, print);
  } finally {
    await sidecar.close();
  }
}
