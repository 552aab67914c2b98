import { main } from './main.js';

export interface CapturedRun {
  code: number;
  /** What the command printed with console.log, one line per call. */
  out: string;
  /** What it printed with console.error. */
  err: string;
}

/**
 * Runs a `kaoping` command in this process and returns its exit code and what it printed, instead
 * of printing it: for tests and for hosts that drive the CLI in-process. Console output from
 * anything else running meanwhile is captured too, so run one command at a time.
 */
export async function runCaptured(argv: readonly string[]): Promise<CapturedRun> {
  const out: string[] = [];
  const err: string[] = [];
  const { log, error } = console;
  console.log = (...a: unknown[]) => { out.push(a.map(String).join(' ')); };
  console.error = (...a: unknown[]) => { err.push(a.map(String).join(' ')); };
  try {
    return { code: await main([...argv]), out: out.join('\n'), err: err.join('\n') };
  } finally {
    console.log = log;
    console.error = error;
  }
}
