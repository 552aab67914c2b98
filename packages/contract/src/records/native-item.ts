import type { RecordDefect } from './defect.js';

/**
 * One record as a native reader found it: its first line, its text as read (for the dead
 * letter), and either the parsed value or why it could not be read.
 */
export type NativeItem<T> =
  | { line: number; raw: string; value: T; defect?: undefined }
  | { line: number; raw: string; value?: undefined; defect: RecordDefect };
