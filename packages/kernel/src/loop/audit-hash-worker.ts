/**
 * The audit's hashing thread (its own entry, so a build keeps it as a separate file): it hashes a
 * close's subjects from their columns while the main thread writes them, part by part, taking the
 * next part from `next` (shared with the main thread, which takes parts too once its writes are
 * done), and answers the parts it hashed, each's hashes in the order `columnHashes` gives them.
 */
import { parentPort } from 'node:worker_threads';
import { columnHashes, SubjectHasher } from './audit.js';
import { columnsOf, type PortableColumns } from './portable-columns.js';

export interface HashJob { id: number; columns: PortableColumns; next: Int32Array; parts: number; subjectsPerPart: number }
export type HashAnswer = { id: number; parts: [number, string[]][] } | { id: number; error: string } | { ready: true };

parentPort?.on('message', ({ id, columns, next, parts, subjectsPerPart }: HashJob) => {
  let answer: HashAnswer;
  try {
    const all = columnsOf(columns);
    const hasher = new SubjectHasher();
    const done: [number, string[]][] = [];
    for (let part = Atomics.add(next, 0, 1); part < parts; part = Atomics.add(next, 0, 1)) {
      done.push([part, columnHashes(all, part * subjectsPerPart, (part + 1) * subjectsPerPart, hasher)]);
    }
    answer = { id, parts: done };
  } catch (e) {
    answer = { id, error: e instanceof Error ? e.message : String(e) };
  }
  parentPort?.postMessage(answer);
});
// Loaded: from now on a close may wait for this thread's answers.
parentPort?.postMessage({ ready: true } satisfies HashAnswer);
