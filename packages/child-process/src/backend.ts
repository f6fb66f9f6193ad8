// The child_process backend: workers are forked Node processes talking over a pipe of their
// own (wire/frame-channel.ts: length-prefixed frames, V8-serialized where a value needs it);
// primitives live with a broker in the process that created them and are reached over those
// pipes from every other process of the tree (broker/broker.ts has the sketch).
import {
  InvalidStateError,
  builtin,
  type Backend,
  type BackendName,
  type BarrierHandle,
  type ConditionHandle,
  type EventHandle,
  type PrimitiveDescriptor,
  type PrimitiveHandle,
  type QueueHandle,
  type SemLockHandle,
  type SemLockParams,
  type SpawnOptions,
  type WorkerHandle,
  type WorkerSide,
} from '@weft/spi';
import { isChildProcessDescriptor } from './broker/descriptor.js';
import { createBarrier, createCondition, createEvent, createQueue, createSemLock, revive } from './broker/primitives.js';
import type { BrokeredSemLock } from './broker/sem-lock-handle.js';
import { ProcessWorker } from './process-worker.js';
import { processNode } from './tree/process-node.js';
import { processWorkerSide } from './worker-side.js';

export class ChildProcessBackend implements Backend {
  readonly name: BackendName = 'child_process';

  unavailableReason(): string | null {
    return typeof builtin('node:child_process').fork === 'function' ? null : 'node:child_process.fork is not available in this runtime';
  }

  spawn(options: SpawnOptions): WorkerHandle {
    return new ProcessWorker(options, processNode());
  }

  workerSide(): WorkerSide | null {
    return processWorkerSide();
  }

  currentIdent(): number {
    return process.pid;
  }

  createSemLock(params: SemLockParams): SemLockHandle {
    return createSemLock(processNode(), params);
  }

  createEvent(): EventHandle {
    return createEvent(processNode());
  }

  createCondition(lock: SemLockHandle): ConditionHandle {
    // duck-typed rather than instanceof: the ESM and CJS copies of this package may both be loaded
    if (!('noteHeld' in lock && 'link' in lock) || (lock.kind !== 'lock' && lock.kind !== 'rlock')) {
      throw new TypeError('createCondition(lock): lock must be a Lock or RLock handle made by the child_process backend');
    }
    return createCondition(processNode(), lock as BrokeredSemLock);
  }

  createBarrier(parties: number): BarrierHandle {
    return createBarrier(processNode(), parties);
  }

  createQueue(maxsize: number): QueueHandle {
    return createQueue(processNode(), maxsize);
  }

  revive(descriptor: PrimitiveDescriptor): PrimitiveHandle {
    if (!isChildProcessDescriptor(descriptor)) {
      throw new InvalidStateError(
        `revive(): a ${String(descriptor.backend)} primitive descriptor cannot be used by the child_process backend; every process of a program must use the same backend`,
      );
    }
    return revive(processNode(), descriptor);
  }
}

export const childProcessBackend: Backend = new ChildProcessBackend();
