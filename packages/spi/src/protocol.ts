// The messages between a pool (parent side) and the worker runtime (worker side).
//
//   parent (core scheduler)                          worker (core worker-runtime)
//   ─────────────────────────                        ─────────────────────────────
//   init {initializer, initargs}  ───────────────▶  load fn, run initializer
//                                 ◀───────────────  ready | initFailed
//   run {tasks[], fns[]}          ───────────────▶  run each task in order
//                                 ◀───────────────  results [{id, ok, value|error}] (batched)
//   abort {id}                    ───────────────▶  fire taskSignal() of that task
//   close                         ───────────────▶  exit once idle
//
// A backend carries these objects as they are (postMessage / IPC with advanced serialization);
// on a channel shared with user messages it wraps them with PROTOCOL_TAG.
import type { SerializedError } from './serialize-error.js';

export const PROTOCOL_TAG = '__weft__';
export const PROTOCOL_VERSION = 2; // 2: compact frames write integers in base 36

/** How a function reaches the worker (the three forms of API.md). */
export type FnRef =
  | { readonly kind: 'task'; readonly module: string; readonly name: string }
  | { readonly kind: 'module'; readonly module: string; readonly name: string }
  | { readonly kind: 'source'; readonly source: string; readonly name: string };

export interface TaskMessage {
  readonly id: number;
  /** key of the FnRef in this worker's function table (sent once per worker in `fns`) */
  readonly fn: number;
  /**
   * The argument list. For a chunk (`chunk: true`) an array of argument lists, one per item,
   * and the result value is the array of results.
   */
  readonly args: unknown[];
  readonly chunk?: boolean;
  /**
   * A flat chunk: `args` is the list of items themselves and each call is
   * `fn(item, ...extra)` — no argument list per item to allocate and clone.
   */
  readonly flat?: boolean;
  readonly extra?: unknown[];
  /** set when args contain encoded primitives that the worker must revive */
  readonly handles?: boolean;
}

export type ToWorker =
  | { readonly type: 'init'; readonly initializer: FnRef | null; readonly initargs: unknown[]; readonly handles?: boolean; readonly concurrency: number }
  | {
      readonly type: 'run';
      readonly tasks: TaskMessage[];
      readonly fns?: Array<[number, FnRef]>;
      /**
       * Every task here ran 1 ms or more last time (or has not run yet): a hint to the
       * transport that compacting the message is not worth it (compact-protocol.ts). The
       * worker ignores it.
       */
      readonly slow?: true;
    }
  | { readonly type: 'abort'; readonly id: number }
  /** the parent has the result of a task it aborted: the worker may start its next task */
  | { readonly type: 'resume' }
  /** give back task `id` if it has not started (another worker is idle): answered with 'recalled' */
  | { readonly type: 'recall'; readonly id: number }
  | { readonly type: 'close'; readonly exitCode?: number };

export type TaskResult =
  | { readonly id: number; readonly ok: true; readonly value: unknown; readonly handles?: boolean; readonly ms: number }
  | {
      readonly id: number;
      readonly ok: false;
      readonly error: SerializedError;
      /** for a chunk: the position within the chunk of the item that failed */
      readonly index?: number;
      readonly ms: number;
    };

export type FromWorker =
  | { readonly type: 'ready' }
  | { readonly type: 'initFailed'; readonly error: SerializedError }
  | { readonly type: 'results'; readonly results: TaskResult[] }
  /** the answer to 'recall': task `id` was dropped unstarted, and will not run here */
  | { readonly type: 'recalled'; readonly id: number };

/** What a spawned worker is told about itself (workerData / an env variable). */
export interface WorkerBootData {
  readonly protocol: number;
  readonly backend: BackendName;
  /** human name, e.g. "WeftPool-1_0" or a Worker's name */
  readonly name: string;
  /** URL of a loader to register before importing task modules (tsx under Node 20), if any */
  readonly tsxApi?: string;
}

export type BackendName = 'worker_threads' | 'child_process';
export const BACKEND_NAMES: readonly BackendName[] = ['worker_threads', 'child_process'];
