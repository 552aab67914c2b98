/**
 * `@kaoping/contract/records`: what every host adapter needs to read native exports —
 * streaming line, CSV, NDJSON and JSON-array readers, host time parsing, code
 * normalisation, field readers that throw coded defects, dead-letter records, config
 * schema and notify delivery. Node built-ins only.
 */
export { eachOf } from './batches.js';
export { readLines, readLineBatches, type Line, type ReadLinesOptions } from './line-reader.js';
export { decodeLine, streamingDecoder, TEXT_ENCODINGS, type TextEncodingName, type DecodedLine } from './text-encoding.js';
export { encodeGbk } from './gbk.js';
export { splitCsvLine, csvHeader, csvRow, type CsvHeader } from './csv.js';
export { readCsv, readCsvBatches, type ReadCsvOptions } from './csv-reader.js';
export { readNdjson, readNdjsonBatches } from './ndjson-reader.js';
export { readJsonArray, readJsonArrayBatches } from './json-array-reader.js';
export type { NativeItem } from './native-item.js';
export {
  DEFAULT_TIME_ZONE, HostTimeError, parseHostTime, tryParseHostTime, parseHostMonth, localYearStart,
  localToEpoch, zoneOffsetAt, isKnownTimeZone, type HostTimeProblem,
} from './host-time.js';
export { normalizeCode } from './code.js';
export {
  RecordDefect, isRecordDefect, invalid, unknownReference, wrongEncoding, reasonOf, rejectedRecord,
  type DefectCode, type RejectedRecord,
} from './defect.js';
export {
  text, optionalText, code, optionalCode, time, optionalTime, month, number, integer, oneOf, optionalOneOf, notBefore, knownPerson, knownUnit,
  type NativeRecord,
} from './fields.js';
export {
  readHostFile, readHostFileBatches, readNative, readNativeBatches, mapOrReject, mapPushed, assertHostFolder, originFile, PUSH_ORIGIN,
  type HostFile, type NativeFormat, type RecordMapper, type ReadHostFileOptions,
} from './host-file.js';
export { hostConfig, fileNameOf, type HostConfig, type HostConfigSpec } from './host-config.js';
export { appendOutbox, postMessage } from './outbox.js';
export { readHost, readHostBatches, normalizeHost, pushedKind, mapEnvOf, eventRecord, type HostSpec, type MapEnv } from './host-adapter.js';
