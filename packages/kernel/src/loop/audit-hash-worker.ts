/**
 * The audit's hashing thread (its own entry, so a build keeps it as a separate file): it hashes a
 * close's subjects from their columns while the main thread writes them, and answers each job's
 * hashes in the order `columnHashes` gives them.
 */
import { parentPort } from 'node:worker_threads';
import { columnHashes } from './audit.js';
import { columnsOf, type PortableColumns } from './portable-columns.js';

export interface HashJob { id: number; columns: PortableColumns }
export type HashAnswer = { id: number; hashes: string[] } | { id: number; error: string } | { ready: true };

parentPort?.on('message', ({ id, columns }: HashJob) => {
  let answer: HashAnswer;
  try {
    answer = { id, hashes: columnHashes(columnsOf(columns)) };
  } catch (e) {
    answer = { id, error: e instanceof Error ? e.message : String(e) };
  }
  parentPort?.postMessage(answer);
});
// Loaded: from now on a close may wait for this thread's answers.
parentPort?.postMessage({ ready: true } satisfies HashAnswer);
