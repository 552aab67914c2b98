/**
 * Readers work in batches (one read chunk's worth of lines or records): every `await` in an async
 * generator costs promises and a trip through the microtask queue, and a pipeline of nested
 * generators pays that once per level per item. The one-at-a-time readers are these flattened.
 */
export async function* eachOf<T>(batches: AsyncIterable<readonly T[]>): AsyncGenerator<T> {
  for await (const batch of batches) {
    for (let i = 0; i < batch.length; i++) yield batch[i];
  }
}
