/** One schema step. `version` numbers are consecutive from 1; `up` is plain SQL run once. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly up: string;
}
