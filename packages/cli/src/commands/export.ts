import { writeFileSync } from 'node:fs';
import { kpError } from '@kaoping/contract';
import { EXPORT_FORMATS, EXPORT_KINDS, exportPeriod, type ExportFormat } from '@kaoping/kernel';
import { requireString, type Command } from '../command.js';
import { openRuntime } from '../runtime/open-runtime.js';

const USAGE = 'kaoping export --db FILE --period P --what results|composites|tiers [--format jsonl|csv] [--out FILE] [--config FILE]';

function oneOf<T extends string>(value: string, allowed: readonly T[], name: string): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw kpError('KP_ERR_USAGE', `--${name} must be one of ${allowed.join(', ')}, got "${value}"\nusage: ${USAGE}`);
  }
  return value as T;
}

/** Writes to stdout; a reader that stops early (`| head`) is not an error. */
function writeStdout(text: string): void {
  process.stdout.once('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
  });
  process.stdout.write(text);
}

export const exportCommand: Command = {
  name: 'export',
  summary: 'Export a closed period\'s results, composites or tiers as NDJSON or CSV',
  usage: USAGE,
  options: {
    db: { type: 'string' }, period: { type: 'string' }, what: { type: 'string' }, format: { type: 'string' },
    out: { type: 'string' }, config: { type: 'string' },
  },
  async run(args) {
    const db = requireString(args, 'db', this);
    const period = requireString(args, 'period', this);
    const what = oneOf(requireString(args, 'what', this), EXPORT_KINDS, 'what');
    const format = oneOf<ExportFormat>((args.values.format as string | undefined) ?? 'jsonl', EXPORT_FORMATS, 'format');
    const runtime = await openRuntime({ db, config: args.values.config as string | undefined });
    try {
      const text = await exportPeriod(runtime.kernel, period, what, format);
      const out = args.values.out as string | undefined;
      if (out) writeFileSync(out, text);
      else writeStdout(text);
    } finally {
      await runtime.close();
    }
  },
};
