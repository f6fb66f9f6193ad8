// The worker_threads backend: transport over node:worker_threads, primitives on
// SharedArrayBuffer + Atomics (src/sab). Importing it has no side effects.
import type { Backend, ConditionHandle, SemLockHandle } from '@weft/spi';
import { currentIdent } from './ident.js';
import { revive } from './revive.js';
import { SabBarrier } from './sab/barrier.js';
import { SabCondition } from './sab/condition.js';
import { SabEvent } from './sab/event.js';
import { SabMutexLock } from './sab/mutex-lock.js';
import { SabQueue } from './sab/queue.js';
import { createSemLock } from './sab/sem-lock.js';
import { ThreadWorker } from './thread-worker.js';
import { unavailableReason } from './unavailable-reason.js';
import { workerSide } from './worker-side.js';

function createCondition(lock: SemLockHandle): ConditionHandle {
  if (!(lock instanceof SabMutexLock)) {
    throw new TypeError(
      'createCondition(): the lock must be a Lock or RLock made by the worker_threads backend ' +
        `(got ${lock instanceof Object ? `a ${lock.kind} handle of another kind or backend` : String(lock)})`,
    );
  }
  return SabCondition.create(lock);
}

export const workerThreadsBackend: Backend = Object.freeze({
  name: 'worker_threads',
  unavailableReason,
  spawn: (options) => new ThreadWorker(options),
  workerSide,
  currentIdent,
  createSemLock,
  createEvent: () => SabEvent.create(),
  createCondition,
  createBarrier: (parties) => SabBarrier.create(parties),
  createQueue: (maxsize) => SabQueue.create(maxsize),
  revive,
} satisfies Backend);
