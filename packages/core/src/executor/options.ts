// The executor's options: one validation table, one frozen filled-in result.
import { validateOptions, type ResourceLimits } from '@weft/spi';
import type { Callable } from '../functions/fn-ref.js';
import { cpuCount } from '../workers/current-worker.js';

export interface WorkerPoolExecutorOptions {
  /** worker count; default os.availableParallelism() */
  readonly maxWorkers?: number;
  /** run once in each worker before its first task */
  readonly initializer?: Callable;
  readonly initargs?: readonly unknown[];
  /** recycle a worker after this many tasks (map chunks count as one) */
  readonly maxTasksPerWorker?: number;
  /** ms an idle worker lingers before it exits; default Infinity (workers exit at shutdown) */
  readonly idleTimeout?: number;
  /** per-worker memory cap (threads: resourceLimits; processes: --max-old-space-size) */
  readonly resourceLimits?: ResourceLimits;
  /** prefix of worker names */
  readonly name?: string;
  /** ms a running task that was cancelled may take to stop before its worker is terminated; default 1000 */
  readonly abortGracePeriod?: number;
  /** async tasks one worker runs at once (for I/O-bound work); default 1 */
  readonly concurrency?: number;
}

/** Default grace for a cancelled running task: long enough to clean up, short enough not to stall a pool. */
export const DEFAULT_ABORT_GRACE_MS = 1000;

export const EXECUTOR_OPTIONS = {
  maxWorkers: { type: 'integer', min: 1, max: 1024, optional: true },
  initializer: { type: 'any' },
  initargs: { type: 'any' },
  maxTasksPerWorker: { type: 'integer', min: 1, optional: true },
  idleTimeout: { type: 'number', min: 0, optional: true, infinite: true },
  resourceLimits: { type: 'any' },
  name: { type: 'string', optional: true },
  abortGracePeriod: { type: 'number', min: 0, optional: true },
  concurrency: { type: 'integer', min: 1, max: 10_000, optional: true },
} as const;

/** Default pool size: the CPUs this process may use. */
export const defaultWorkerCount = cpuCount;

export function validateExecutorOptions(where: string, options: WorkerPoolExecutorOptions | undefined): void {
  validateOptions(where, options, EXECUTOR_OPTIONS);
  validateExecutorDetails(where, options);
}

/** What the option table cannot say: initargs needs an initializer, resourceLimits' own fields. */
export function validateExecutorDetails(where: string, options: Omit<WorkerPoolExecutorOptions, 'maxWorkers'> | undefined): void {
  if (options?.initargs !== undefined && !Array.isArray(options.initargs)) throw new TypeError(`${where}: options.initargs must be an array`);
  if (options?.initargs !== undefined && options.initializer === undefined) throw new TypeError(`${where}: options.initargs was given without options.initializer`);
  const rl = options?.resourceLimits;
  if (rl !== undefined) {
    validateOptions(`${where}: options.resourceLimits`, rl, {
      maxOldGenerationSizeMb: { type: 'number', min: 1, optional: true },
      maxYoungGenerationSizeMb: { type: 'number', min: 1, optional: true },
      stackSizeMb: { type: 'number', min: 0.1, optional: true },
    });
  }
}
