// The one place that turns suites into tests for a backend. Entry files under test/<backend>/
// call runSuites(backend, group); WEFT_BACKEND is set *before* @weft/core is first loaded (the
// suites are imported dynamically afterwards), so core — and every worker and child process it
// starts, which inherit the environment — selects that backend.
import { describe } from 'vitest';
import type { BackendName, Suite } from './support/context.js';

const GROUPS = {
  /** functions, arguments, futures, the executor */
  executor: async (): Promise<Suite[]> => [
    (await import('./suites/functions.suite.js')).functionsSuite,
    (await import('./suites/arguments-and-results.suite.js')).argumentsAndResultsSuite,
    (await import('./suites/futures.suite.js')).futuresSuite,
    (await import('./suites/executor.suite.js')).executorSuite,
  ],
  /** backend selection, errors, crashes and process lifetime, Worker, TypeScript task modules, one copy of core */
  lifecycle: async (): Promise<Suite[]> => [
    (await import('./suites/backend-selection.suite.js')).backendSelectionSuite,
    (await import('./suites/errors.suite.js')).errorsSuite,
    (await import('./suites/crash.suite.js')).crashSuite,
    (await import('./suites/worker.suite.js')).workerSuite,
    (await import('./suites/typescript-task-modules.suite.js')).typescriptTaskModulesSuite,
    (await import('./suites/single-copy.suite.js')).singleCopySuite,
  ],
  /** Lock, RLock, Semaphore, BoundedSemaphore, Condition */
  locks: async (): Promise<Suite[]> => [
    (await import('./suites/lock.suite.js')).lockSuite,
    (await import('./suites/rlock.suite.js')).rlockSuite,
    (await import('./suites/semaphore.suite.js')).semaphoreSuite,
    (await import('./suites/bounded-semaphore.suite.js')).boundedSemaphoreSuite,
    (await import('./suites/condition.suite.js')).conditionSuite,
  ],
  /** Event, Barrier, Queue, SimpleQueue */
  eventsAndQueues: async (): Promise<Suite[]> => [
    (await import('./suites/event.suite.js')).eventSuite,
    (await import('./suites/barrier.suite.js')).barrierSuite,
    (await import('./suites/queue.suite.js')).queueSuite,
    (await import('./suites/simple-queue.suite.js')).simpleQueueSuite,
  ],
} as const;

export type SuiteGroup = keyof typeof GROUPS;

export async function runSuites(backend: BackendName, group: SuiteGroup): Promise<void> {
  process.env.WEFT_BACKEND = backend;
  const suites = await GROUPS[group]();
  describe(`[${backend}]`, () => {
    for (const suite of suites) suite({ backend });
  });
}
