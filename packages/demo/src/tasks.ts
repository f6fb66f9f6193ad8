// Task functions of the demo. A task module holds only tasks (no top-level program), because
// every worker imports it to find them — as with Python's multiprocessing.
import { getIdent, task, type Lock, type Queue } from '@weft/core';

/** Deliberately slow CPU-bound work: naive Fibonacci. */
export const fib = task(import.meta.url, function fib(n: number): number {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
});

export type Mark = readonly ['enter' | 'exit', number, number];

/**
 * Enter a critical section `rounds` times under `lock`, reporting entry and exit on `log`.
 * If the Lock did not exclude other workers, the log would show interleaved sections.
 */
export const guardedWork = task(import.meta.url, async function guardedWork(lock: Lock, log: Queue<Mark>, rounds: number): Promise<number> {
  const me = getIdent();
  for (let i = 0; i < rounds; i++) {
    await lock.runExclusive(async () => {
      await log.put(['enter', me, i]);
      fib(18); // hold the lock for a moment of real work
      await log.put(['exit', me, i]);
    });
  }
  return me;
});
