import { AssertionError } from 'node:assert';

/**
 * Thrown when an indicator fails a check. An AssertionError, so test runners show it as a
 * failed expectation; `report` holds every case or property, passed and failed.
 */
export class IndicatorCheckError<R = unknown> extends AssertionError {
  readonly report: R;

  constructor(message: string, report: R) {
    super({ message });
    this.name = 'IndicatorCheckError';
    this.report = report;
  }
}
