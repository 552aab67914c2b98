import type { AdapterContext, AdapterRecord, DirectoryView } from '@kaoping/contract';
import { mapEnvOf, readHostBatches } from '@kaoping/contract/records';
import { HR, type HrConfig } from './host.js';
import { hrMappers } from './mappers.js';
import { unitMapper } from './map-unit.js';

/** What this read has accepted so far, in front of what the directory knew before. */
function readSoFar(before: DirectoryView) {
  const units = new Set<string>();
  const people = new Map<string, string>();
  const view: DirectoryView = {
    hasUnit: (id) => units.has(id) || before.hasUnit(id),
    hasPerson: (id) => people.has(id) || before.hasPerson(id),
    unitOf: (id) => people.get(id) ?? before.unitOf(id),
  };
  const note = (r: AdapterRecord): void => {
    if (r.kind === 'unit') units.add(r.unit.id);
    else if (r.kind === 'person') people.set(r.person.id, r.person.unitId);
  };
  return { view, note };
}

const ANY_UNIT: DirectoryView = { hasUnit: () => true, hasPerson: () => true, unitOf: () => undefined };

/** Codes units.csv defines, whatever their order: a child may come before its parent. */
async function unitCodes(ctx: AdapterContext<HrConfig>): Promise<Set<string>> {
  const codes = new Set<string>();
  const probe = unitMapper(mapEnvOf(ctx, ANY_UNIT));
  // Quiet: the main pass warns about a missing units.csv.
  for await (const batch of readHostBatches(HR, { ...ctx, logger: { info() {}, warn() {}, error() {} } }, { units: probe })) {
    for (const r of batch) if (r.kind === 'unit') codes.add(r.unit.id);
  }
  return codes;
}

/**
 * Units, then people, then sanctions, attendance and tier history. References are checked
 * against what this read accepted so far (plus the directory from earlier imports):
 * people against units, events against people. units.csv is read twice (it is small) so
 * a parent may be listed after its children. Each batch is noted before the next is mapped.
 */
export async function* readHrBatches(ctx: AdapterContext<HrConfig>): AsyncGenerator<AdapterRecord[]> {
  const defined = await unitCodes(ctx);
  const soFar = readSoFar(ctx.directory);
  const unitsView: DirectoryView = { ...soFar.view, hasUnit: (id) => defined.has(id) || ctx.directory.hasUnit(id) };
  const mappers = { ...hrMappers(mapEnvOf(ctx, soFar.view)), units: unitMapper(mapEnvOf(ctx, unitsView)) };
  for await (const batch of readHostBatches(HR, ctx, mappers)) {
    for (const r of batch) soFar.note(r);
    yield batch;
  }
}
