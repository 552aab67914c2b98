import { writeFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** V8's full collection, reachable without starting node with --expose-gc. */
function fullGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/**
 * Peak resident memory of this process, worker threads included (they share its address space),
 * measured per phase of a bench. `process.resourceUsage().maxRSS` is a high-water mark since the
 * process started; on Linux, writing 5 to /proc/self/clear_refs sets it back to the current
 * resident size, so the next reading is the peak of what ran in between. Whatever an earlier
 * phase left behind and is still resident at the reset counts in the next phase's peak; so that
 * this is live data and not an earlier phase's garbage, a full collection runs before each reset.
 */
export class PeakRss {
  private readonly gc = fullGc();

  /** Whether the high-water mark could be reset; without it every reading is the peak since start. */
  readonly perPhase: boolean;

  constructor() {
    this.perPhase = this.reset();
  }

  /** Starts a new phase: the peak read next is measured from now. */
  reset(): boolean {
    this.gc();
    try {
      writeFileSync('/proc/self/clear_refs', '5');
      return true;
    } catch {
      return false;
    }
  }

  /** MiB, the peak since the last reset (or since the process started). */
  read(): number {
    return process.resourceUsage().maxRSS / 1024;
  }

  /** Runs `fn` as one phase and returns its result with the phase's peak. */
  async phase<T>(fn: () => Promise<T> | T): Promise<{ value: T; peakMiB: number }> {
    this.reset();
    const value = await fn();
    return { value, peakMiB: this.read() };
  }
}
