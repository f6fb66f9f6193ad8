// Where a task failed: the worker that ran it and, for map/starmap/pmap, the item's index.
// Attached to the rebuilt error as a non-enumerable `weft` property and read back with
// taskFailure(err).

export interface TaskFailure {
  /** ident (threadId or pid) of the worker that ran the task */
  readonly workerIdent: number;
  readonly workerName: string;
  /** position of the failing item in the input of map/starmap/pmap/gmap */
  readonly index?: number;
}

const kFailure = Symbol.for('weft.taskFailure');

export function attachFailure<E>(error: E, info: TaskFailure): E {
  if (typeof error === 'object' && error !== null) {
    Object.defineProperty(error, kFailure, { value: info, configurable: true, enumerable: false, writable: true });
    Object.defineProperty(error, 'weft', { value: info, configurable: true, enumerable: false, writable: true });
  }
  return error;
}

/** Add the input index to a failure already attached (map knows the index, the pool does not). */
export function withIndex<E>(error: E, index: number): E {
  const prev = taskFailure(error);
  if (prev !== undefined) attachFailure(error, { ...prev, index });
  else if (typeof error === 'object' && error !== null) attachFailure(error, { workerIdent: -1, workerName: '', index });
  return error;
}

/** Where `error` (rejected by a future, map, or pmap) happened, if it came from a task. */
export function taskFailure(error: unknown): TaskFailure | undefined {
  return typeof error === 'object' && error !== null ? ((error as Record<symbol, TaskFailure | undefined>)[kFailure] ?? undefined) : undefined;
}
