import type { Logger } from '@kaoping/kernel';
import { embeddedBackend } from './embedded-backend.js';
import { FRONT_DESK_DAY, type Step } from './front-desk-day.js';
import { runFrontDesk, type StepReport } from './front-desk.js';
import { DeskClock, startFrontDeskKernel } from './kernel-setup.js';

export interface EmbeddedDemoOptions {
  dbFile: string;
  steps?: readonly Step[];
  print?: (line: string) => void;
  logger?: Logger;
}

/** The whole example: a kernel over a SQLite file inside the front-desk app, the day's matters through its hook. */
export async function runEmbeddedDemo(options: EmbeddedDemoOptions): Promise<StepReport[]> {
  const print = options.print ?? ((line: string) => console.log(line));
  const clock = new DeskClock();
  const desk = await startFrontDeskKernel({ dbFile: options.dbFile, clock: clock.read, ...(options.logger ? { logger: options.logger } : {}) });
  try {
    print('考评 Kaoping — 办税服务厅内嵌示例 / a tax front desk with the kernel embedded');
    print(`store ${options.dbFile}`);
    for (const s of desk.kernel.status()) print(`plugin ${s.id} ${s.version ?? ''} ${s.state}${s.code ? ` (${s.code}: ${s.reason})` : ''}`);
    print('');
    return await runFrontDesk(embeddedBackend(desk.kernel), options.steps ?? FRONT_DESK_DAY, clock, print);
  } finally {
    await desk.close();
  }
}
