// Ordering helpers for tests: wait for events, never for time.

/** Resolves with the indices of the first `n` promises to fulfil (in the order they did). */
export function firstFulfilled(promises: ReadonlyArray<Promise<unknown>>, n: number): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const order: number[] = [];
    promises.forEach((p, i) =>
      p.then(() => {
        order.push(i);
        if (order.length === n) resolve([...order]);
      }, reject),
    );
  });
}
