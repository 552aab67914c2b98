import { kpError, LOCAL_OFFSET_MS, localDate } from '@kaoping/contract';
import { askGate } from '@kaoping/kernel';
import { requireString, type Command } from '../command.js';
import { openRuntime } from '../runtime/open-runtime.js';

const USAGE = 'kaoping gate promotion --db FILE --person ID [--date YYYY-MM-DD] [--config FILE] [--json]';

/** `YYYY-MM-DD` as Asia/Shanghai local midnight; a date that does not exist (2026-02-30) is a usage error. */
export function parseAskingDate(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const utc = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  if (!m || new Date(utc).toISOString().slice(0, 10) !== text) {
    throw kpError('KP_ERR_USAGE', `--date must be a calendar date YYYY-MM-DD, got "${text}"\nusage: ${USAGE}`);
  }
  return utc - LOCAL_OFFSET_MS;
}

export const gateCommand: Command = {
  name: 'gate',
  summary: 'Ask a gate (promotion 晋升) about a person: allowed or not, with one reason per failed condition',
  usage: USAGE,
  options: { db: { type: 'string' }, person: { type: 'string' }, date: { type: 'string' }, config: { type: 'string' }, json: { type: 'boolean' } },
  async run(args) {
    const gate = args.positionals[0];
    if (!gate) throw kpError('KP_ERR_USAGE', `missing the gate to ask (promotion)\nusage: ${USAGE}`);
    const db = requireString(args, 'db', this);
    const personId = requireString(args, 'person', this);
    const dateText = args.values.date as string | undefined;
    const asked = dateText === undefined ? undefined : parseAskingDate(dateText);
    const runtime = await openRuntime({ db, config: args.values.config as string | undefined });
    try {
      const date = asked ?? runtime.kernel.clock();
      const answer = await askGate(runtime.kernel, gate, { personId, date });
      if (args.values.json) {
        console.log(JSON.stringify(answer));
        return;
      }
      console.log(`${gate} ${personId} ${localDate(date)}: ${answer.allowed ? '允许 allowed' : '不允许 not allowed'}`);
      for (const r of answer.reasons) console.log(`  [${r.code}] ${r.message}`);
    } finally {
      await runtime.close();
    }
  },
};
