// A Pool driven through a fake backend whose workers answer only when the test says so, so
// which messages go out, and when, is exact. Shared by the pool's scheduling tests.
import { StayAwakePolicy, type Backend, type FromWorker, type SpawnOptions, type ToWorker, type WorkerExit, type WorkerHandle } from '@weft/spi';
import { Pool } from '../src/pool/pool.ts';
import type { WorkItem, WorkSink } from '../src/pool/work-item.ts';

/** A worker that answers each task only when asked to (awaitMessage) or told to (answer). */
export class FakeHandle implements WorkerHandle {
  readonly ident = 1;
  /** ids of the tasks sent and not answered yet, in the order sent */
  readonly runs: number[] = [];
  /** how many 'run' messages came */
  runMessages = 0;
  awaitCalls = 0;
  /** each 'run' message's `slow` mark, in order */
  readonly slowMarks: boolean[] = [];
  /** ids of the functions each 'run' message introduced */
  readonly fnsSent: number[][] = [];
  /** a message holding a task this says yes to throws, as postMessage does for what it cannot clone */
  refuse: (taskId: number) => boolean = () => false;
  /** the run time each answer reports (a slow function is one of 1 ms or more) */
  ms = 0.001;
  /** ids of the tasks the pool asked back ('recall'), in order */
  readonly recalls: number[] = [];
  readonly #listeners: Array<(m: FromWorker) => void> = [];
  post(m: ToWorker): void {
    if (m.type === 'recall') this.recalls.push(m.id);
    if (m.type !== 'run') return;
    if (m.tasks.some((t) => this.refuse(t.id))) throw new Error('DataCloneError: an ArrayBuffer is detached and could not be cloned.');
    this.runMessages++;
    this.slowMarks.push(m.slow === true);
    this.fnsSent.push((m.fns ?? []).map(([id]) => id));
    for (const t of m.tasks) this.runs.push(t.id);
  }
  onMessage(l: (m: FromWorker) => void): void {
    this.#listeners.push(l);
  }
  onExit(_l: (e: WorkerExit) => void): void {}
  terminate(): Promise<void> {
    return Promise.resolve();
  }
  ref(): void {}
  unref(): void {}
  awaitMessage(_ms: number): boolean {
    this.awaitCalls++;
    return this.answer(1) > 0;
  }
  /** answer up to `n` outstanding tasks with their id × 10; how many were answered */
  answer(n = Infinity): number {
    const ids = this.runs.splice(0, n);
    if (ids.length > 0) this.#deliver({ type: 'results', results: ids.map((id) => ({ id, ok: true, value: id * 10, ms: this.ms })) });
    return ids.length;
  }
  /** drop task `id`, not started, and tell the pool so (the answer to a 'recall') */
  giveBack(id: number): void {
    this.runs.splice(this.runs.indexOf(id), 1);
    this.#deliver({ type: 'recalled', id });
  }
  #deliver(m: FromWorker): void {
    for (const l of this.#listeners) l(m);
  }
}

function fakeBackend(handles: FakeHandle[]): Backend {
  return {
    name: 'worker_threads',
    unavailableReason: () => null,
    spawn: (_o: SpawnOptions) => {
      const h = new FakeHandle();
      handles.push(h);
      return h;
    },
    workerSide: () => null,
    currentIdent: () => 0,
  } as unknown as Backend;
}

/** A sink that keeps what its task settled with. */
export function sink(): WorkSink & { value?: unknown } {
  const s: WorkSink & { value?: unknown } = { started: () => true, resolve: (v) => void (s.value = v), reject: (e) => void (s.value = e) };
  return s;
}

/** A pool on fake workers (pushed to `handles` as it spawns them) that believes it has `cores` cores. */
export function fakePool(handles: FakeHandle[], maxWorkers: number, cores = 2, concurrency = 1): Pool {
  return new Pool({
    backend: fakeBackend(handles),
    name: 'fake-pool',
    maxWorkers,
    initializer: null,
    initargs: [],
    initHandles: false,
    maxTasksPerWorker: Infinity,
    idleTimeout: Infinity,
    resourceLimits: undefined,
    abortGrace: 1000,
    concurrency,
    awaitPolicy: new StayAwakePolicy(0.05, cores),
  });
}

const REF = { kind: 'source', source: '(x) => x', name: 'f' } as const;

/** Queue one task of function `fn` (default 'f') whose arguments copy `bytes` bytes. */
export const enqueue = (p: Pool, s: WorkSink, bytes = 0, fn = 'f'): WorkItem => p.enqueue(fn, REF, [1], { chunk: false, handles: false, bytes }, s);

/** A one-worker pool that has run one tiny task, so it batches and prefetches freely. */
export async function warmPool(concurrency = 1): Promise<{ pool: Pool; worker: FakeHandle }> {
  const handles: FakeHandle[] = [];
  const pool = fakePool(handles, 1, 2, concurrency);
  enqueue(pool, sink());
  await dispatched();
  handles[0]!.answer();
  return { pool, worker: handles[0]! };
}

/** let the pool's dispatch (a promise reaction) run */
export const dispatched = (): Promise<void> => new Promise<void>((resolve) => setImmediate(resolve));
