// One unit the pool schedules: a submitted task or one chunk of a map. It carries the
// encoded payload and how to report back; the pool never looks at futures directly.
import type { TransferListItem } from 'node:worker_threads';
import { nowMs, type FnRef } from '@weft/spi';

export interface WorkSink {
  /** the task was handed to a worker; false = it was cancelled meanwhile, drop it */
  started(): boolean;
  /** `ms`: how long the worker ran it */
  resolve(value: unknown, ms: number): void;
  /** `index`: position within a chunk of the failing item */
  reject(error: unknown, index?: number): void;
}

export type WorkState = 'queued' | 'running' | 'done';

export class WorkItem {
  state: WorkState = 'queued';
  /** set when the caller gave up on a running item; its late result is dropped */
  abandoned = false;
  /** its worker was told to stop it: that worker holds its next task until we 'resume' it */
  stopSent = false;
  readonly enqueuedAt = nowMs();
  startedAt = 0;
  /** binary payload size of its arguments (0 when unknown or none) */
  bytes = 0;
  /** its function was slow or unmeasured when it was sent (see WorkerSlot.slowInflight) */
  slow = false;
  /** handed to a worker before (a requeued item after its worker died): its sink already knows */
  sent = false;
  /** its worker was asked to give it back (another worker went idle; read-ahead.ts) and has not answered */
  recalling = false;

  constructor(
    readonly id: number,
    readonly fnKey: string,
    readonly fnRef: FnRef,
    readonly args: unknown[],
    readonly chunk: boolean,
    readonly handles: boolean,
    readonly transfer: TransferListItem[] | undefined,
    readonly sink: WorkSink,
    /** chunk of bare items, each called as fn(item, ...extra) */
    readonly flatExtra?: unknown[] | undefined,
  ) {}

  /** how many user-visible tasks this is: the items of a map chunk, else 1 (stats count these) */
  get size(): number {
    return this.chunk ? this.args.length : 1;
  }
}
