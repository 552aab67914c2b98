export { localTime } from './time.js';
export { makeEvent, makePerson, taxMatter, toEpoch, type EventInput, type TaxMatterInput, type TimeInput } from './events.js';
export { eventArbitrary, eventListArbitrary, timeArbitrary, uniqueIds, type EventSpec } from './arbitraries.js';
export { checkIndicator, type CheckIndicatorOptions, type GoldenCase, type GoldenCaseResult, type GoldenReport } from './check-indicator.js';
export {
  checkIndicatorProperties, formatReport, type CheckPropertiesOptions, type PropertyReport, type PropertyResult,
} from './check-properties.js';
export { INDICATOR_PROPERTIES, type IndicatorProperty, type PropertyInput } from './properties.js';
export { STATIC_CHECKS, type StaticCheck } from './static-checks.js';
export { IndicatorCheckError } from './check-error.js';
export { firstDifference, numbersClose } from './deep-diff.js';
export { buildState, countsIn, eventsIn, makeContext, resolveParams, type AnyIndicator } from './harness.js';
// Adapter conformance.
export * from './check-adapter.js';
export { eventIdsIn, readAdapter, recordingLogger, recordsAt, rejectedAt, type RejectedRecord } from './adapter-records.js';
