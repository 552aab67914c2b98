import { kpError } from '@kaoping/contract';
import { requireString, type Command } from '../command.js';

const USAGE = 'kaoping generate --preset small|city|province --seed N --year YYYY --out DIR [--dirty]';

function integerOption(value: string, name: string): number {
  if (!/^\d+$/.test(value)) throw kpError('KP_ERR_USAGE', `--${name} must be a whole number, got "${value}"\nusage: ${USAGE}`);
  return Number(value);
}

export const generateCommand: Command = {
  name: 'generate',
  summary: 'Write a synthetic tax bureau (HR, tax, party, OA exports) in the hosts\' native formats',
  usage: USAGE,
  options: {
    preset: { type: 'string' },
    seed: { type: 'string' },
    year: { type: 'string' },
    out: { type: 'string' },
    dirty: { type: 'boolean' },
  },
  async run(args) {
    const { generateBureau, isPresetName, terminalProgress } = await import('../generate/index.js');
    const preset = requireString(args, 'preset', this);
    if (!isPresetName(preset)) throw kpError('KP_ERR_USAGE', `unknown preset "${preset}": use small, city or province\nusage: ${USAGE}`);
    const seed = integerOption(requireString(args, 'seed', this), 'seed');
    const year = integerOption(requireString(args, 'year', this), 'year');
    const out = requireString(args, 'out', this);
    const started = performance.now();
    const manifest = await generateBureau({ preset, seed, year, out, dirty: args.values.dirty === true, onProgress: terminalProgress(process.stderr) });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const { counts } = manifest;
    console.log(`wrote ${counts.lines.toLocaleString('en')} records in ${Object.keys(manifest.files).length} files to ${out} in ${seconds} s`);
    console.log(`  ${counts.units} units (${counts.districts} 区局, ${counts.sections} 科室), ${counts.people} people, ${counts.partyMembers} party members, ${counts.leavers} leavers`);
    for (const [file, n] of Object.entries(manifest.files)) console.log(`  ${file.padEnd(24)} ${n.toLocaleString('en').padStart(12)}`);
    if (manifest.injectedDefects) {
      const kinds = Object.entries(manifest.injectedDefects).map(([k, n]) => `${k} ${n}`).join(', ');
      console.log(`  injected defects: ${kinds}; dirty codes (accepted after normalising): ${manifest.normalizedDefects?.['dirty-code'] ?? 0}`);
    }
    console.log(`  manifest: ${out}/manifest.json`);
  },
};
