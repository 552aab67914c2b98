import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importFolder, type ImportReport } from '@kaoping/kernel';
import { kpError } from '@kaoping/contract';
import { requireString, type Command } from '../command.js';
import { scanAndDeliver, scanSummaryText } from '../runtime/loop-scan.js';
import { openRuntime } from '../runtime/open-runtime.js';
import { createProgress } from '../runtime/progress.js';
import { clockAt, parseNow } from '../runtime/subcommands.js';

/** Records per adapter from a generated folder's manifest.json, for the progress bar. */
function manifestTotals(dir: string): Record<string, number> {
  const file = join(dir, 'manifest.json');
  if (!existsSync(file)) return {};
  try {
    const files = (JSON.parse(readFileSync(file, 'utf8')) as { files?: Record<string, number> }).files ?? {};
    const byFolder: Record<string, string> = { hr: 'hr', tax: 'tax-collection', party: 'party-affairs', oa: 'gov-affairs' };
    const totals: Record<string, number> = {};
    for (const [path, n] of Object.entries(files)) {
      const source = byFolder[path.split('/')[0]];
      if (source) totals[source] = (totals[source] ?? 0) + n;
    }
    return totals;
  } catch {
    return {};
  }
}

function printTable(report: ImportReport): void {
  const rows = [...Object.entries(report.sources), ['total', report.total] as const];
  console.log(`${'source'.padEnd(16)}${'read'.padStart(12)}${'accepted'.padStart(12)}${'duplicates'.padStart(12)}${'rejected'.padStart(12)}`);
  for (const [name, c] of rows) {
    console.log(`${name.padEnd(16)}${String(c.read).padStart(12)}${String(c.accepted).padStart(12)}${String(c.duplicates).padStart(12)}${String(c.rejected).padStart(12)}`);
  }
  for (const m of report.missing) console.log(`(no folder for adapter ${m})`);
}

export const importCommand: Command = {
  name: 'import',
  summary: 'Import a folder of host exports (hr/, tax/, party/, oa/) into the store, then scan it for risks',
  usage: 'kaoping import DIR --db FILE [--config FILE] [--now ISO] [--json]',
  options: { db: { type: 'string' }, config: { type: 'string' }, now: { type: 'string' }, json: { type: 'boolean' } },
  async run(args) {
    const dir = args.positionals[0];
    if (!dir) throw kpError('KP_ERR_USAGE', `missing DIR\nusage: ${importCommand.usage}`);
    const db = requireString(args, 'db', importCommand);
    const clock = clockAt(parseNow(args.values.now as string | undefined, importCommand.usage));
    const runtime = await openRuntime({ db, config: args.values.config as string | undefined, clock });
    try {
      const progress = createProgress(process.stderr, manifestTotals(dir));
      let current = '';
      const report = await importFolder(runtime.kernel, dir, {
        onProgress(source, counts) {
          if (current && current !== source) progress.done();
          current = source;
          progress.update(source, counts);
        },
      });
      progress.done();
      // A bulk import raises no risk event by event: one pass over the imported data does.
      const risks = await scanAndDeliver(runtime.kernel);
      if (args.values.json) console.log(JSON.stringify({ sources: report.sources, total: report.total, risks }));
      else {
        printTable(report);
        console.log(scanSummaryText(risks));
      }
    } finally {
      await runtime.close();
    }
  },
};
