import { initialSchema } from './001-initial-schema.js';
import { loopSchema } from './002-loop.js';
import { tokenNames } from './003-token-names.js';
import { deadLettersOnce } from './004-dead-letters-once.js';
import { narrowTimeIndex } from './005-narrow-time-index.js';
import { resultsPerSubject } from './006-results-per-subject.js';
import { tokenRevocation } from './007-token-revocation.js';
import { statesCheckpoint } from './008-states-checkpoint.js';
import { compositeWeightSets } from './009-composite-weight-sets.js';
import { risksVersion } from './010-risks-version.js';
import { packedTiersComposites } from './011-packed-tiers-composites.js';
import { tokensVersion } from './012-tokens-version.js';
import { resultChunks } from './013-result-chunks.js';
import type { Migration } from './migration.js';

export type { Migration } from './migration.js';

/** Every schema step in order. Append new steps; never edit one that has shipped. */
export const MIGRATIONS: readonly Migration[] = [initialSchema, loopSchema, tokenNames, deadLettersOnce, narrowTimeIndex, resultsPerSubject, tokenRevocation, statesCheckpoint, compositeWeightSets, risksVersion, packedTiersComposites, tokensVersion, resultChunks];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;
