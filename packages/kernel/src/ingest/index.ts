export { ingestRecords, type IngestTarget, type LineOutcome, type RecordStream } from './ingest-records.js';
export { importFolder, type ImportReport, type ImportOptions } from './import-folder.js';
export { emptyCounts, addCounts, type IngestCounts } from './counts.js';
export { ingestTarget } from './ingest-target.js';
