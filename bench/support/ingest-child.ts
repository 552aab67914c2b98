/**
 * Imports one folder into a fresh store in its own process and prints what it measured as JSON,
 * so each run's peak resident memory is its own.
 */
import { openRuntime } from '@kaoping/cli';
import { importFolder } from '@kaoping/kernel';

const [dir, db] = process.argv.slice(2);
const started = process.hrtime.bigint();
const runtime = await openRuntime({ db });
const report = await importFolder(runtime.kernel, dir);
const events = await runtime.kernel.store!.countEvents();
await runtime.close();
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
console.log(JSON.stringify({ seconds, read: report.total.read, accepted: report.total.accepted, events, maxRssBytes: process.resourceUsage().maxRSS * 1024 }));
