import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { kpError } from '@kaoping/contract';
import { batchEvaluateWithStats, resultCount, scoreStates, storeScores } from '@kaoping/kernel';
import { requireString, type Command } from '../command.js';
import { openRuntime } from '../runtime/open-runtime.js';

const USAGE = 'kaoping evaluate --db FILE --period P [--workers N] [--chunk-size ROWIDS] [--direct] [--config FILE] [--json]';

function positiveInteger(value: unknown, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^[1-9]\d*$/.test(value)) throw kpError('KP_ERR_USAGE', `--${name} must be a whole number ≥ 1, got "${String(value)}"\nusage: ${USAGE}`);
  return Number(value);
}

export const evaluateCommand: Command = {
  name: 'evaluate',
  summary: 'Re-evaluate a period from the stored events in worker threads, then score and store it',
  usage: USAGE,
  options: {
    db: { type: 'string' }, period: { type: 'string' }, workers: { type: 'string' }, 'chunk-size': { type: 'string' },
    direct: { type: 'boolean' }, config: { type: 'string' }, json: { type: 'boolean' },
  },
  async run(args) {
    // Workers open the file themselves, from their own working folder's point of view: pass it absolute.
    const db = resolve(requireString(args, 'db', this));
    const period = requireString(args, 'period', this);
    const workers = positiveInteger(args.values.workers, 'workers');
    const chunkSize = positiveInteger(args.values['chunk-size'], 'chunk-size');
    // Opening the store would create an empty database and "evaluate" nothing: say so instead.
    if (!existsSync(db)) throw kpError('KP_ERR_STORE', `cannot open database ${db}: no such file (import host exports first: kaoping import DIR --db FILE)`);
    const runtime = await openRuntime({ db, config: args.values.config as string | undefined });
    try {
      const started = performance.now();
      const { table, stats } = await batchEvaluateWithStats(runtime.kernel, { dbPath: db, period, workers, chunkSize, columnar: args.values.direct !== true });
      const scores = scoreStates(runtime.kernel, table, period);
      await storeScores(runtime.kernel, period, scores);
      const seconds = (performance.now() - started) / 1000;
      const summary = {
        period, events: stats.events, partitions: stats.partitions, workers: stats.workers, retries: stats.retries,
        segmentsBuilt: stats.segmentsBuilt, states: stats.states, batchSeconds: Number(stats.seconds.toFixed(3)),
        seconds: Number(seconds.toFixed(3)), results: resultCount(scores), composites: scores.composites.length, tiers: scores.tiers.length,
      };
      if (args.values.json) {
        console.log(JSON.stringify(summary));
        return;
      }
      const n = (x: number) => x.toLocaleString('en');
      console.log(`期间 ${period} 已重新考评 (period ${period} re-evaluated from the stored events in ${seconds.toFixed(1)} s)`);
      console.log(`  事件 events read   ${n(stats.events)} in ${n(stats.partitions)} partitions on ${stats.workers} worker${stats.workers === 1 ? '' : 's'} (${stats.seconds.toFixed(1)} s${stats.retries ? `, ${stats.retries} partitions retried` : ''}${stats.segmentsBuilt ? `, ${stats.segmentsBuilt} columnar segments built` : ''})`);
      console.log(`  状态 states        ${n(stats.states)}`);
      console.log(`  结果 results       ${n(resultCount(scores))}`);
      console.log(`  综合分 composites   ${n(scores.composites.length)}`);
      if (scores.tiers.length) console.log(`  段次 tiers         ${n(scores.tiers.length)}`);
    } finally {
      await runtime.close();
    }
  },
};
