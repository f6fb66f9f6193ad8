// Pool.awaitBriefly: a caller about to await the only task in flight lets the transport take its
// answer at once (threads: polling the worker's outbox doorbell). Driven through a fake backend,
// so which calls happen, and in what order, is exact.
import { describe, expect, test } from 'vitest';
import { StayAwakePolicy, type Backend, type FromWorker, type SpawnOptions, type ToWorker, type WorkerExit, type WorkerHandle } from '@weft/spi';
import { Pool } from '../src/pool/pool.ts';
import type { WorkItem, WorkSink } from '../src/pool/work-item.ts';

/** A worker that answers each task only when asked to (awaitMessage) or told to (answerAll). */
class FakeHandle implements WorkerHandle {
  readonly ident = 1;
  readonly runs: number[] = [];
  awaitCalls = 0;
  readonly #listeners: Array<(m: FromWorker) => void> = [];
  post(m: ToWorker): void {
    if (m.type === 'run') for (const t of m.tasks) this.runs.push(t.id);
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
    if (ids.length > 0) this.#deliver({ type: 'results', results: ids.map((id) => ({ id, ok: true, value: id * 10, ms: 0.001 })) });
    return ids.length;
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

function sink(): WorkSink & { value?: unknown } {
  const s: WorkSink & { value?: unknown } = { started: () => true, resolve: (v) => void (s.value = v), reject: (e) => void (s.value = e) };
  return s;
}

function pool(handles: FakeHandle[], maxWorkers: number, cores: number): Pool {
  return new Pool({
    backend: fakeBackend(handles),
    name: 'await-test',
    maxWorkers,
    initializer: null,
    initargs: [],
    initHandles: false,
    maxTasksPerWorker: Infinity,
    idleTimeout: Infinity,
    resourceLimits: undefined,
    abortGrace: 1000,
    concurrency: 1,
    awaitPolicy: new StayAwakePolicy(0.05, cores),
  });
}

const REF = { kind: 'source', source: '(x) => x', name: 'f' } as const;
const enqueue = (p: Pool, s: WorkSink): WorkItem => p.enqueue('f', REF, [1], { chunk: false, handles: false }, s);
/** let the pool's dispatch (a promise reaction) run */
const dispatched = () => new Promise<void>((resolve) => setImmediate(resolve));

/** One task submitted to a one-worker pool, dispatched, then awaited (awaitBriefly) on `cores` cores. */
async function awaitOne(cores: number) {
  const handles: FakeHandle[] = [];
  const p = pool(handles, 1, cores);
  const s = sink();
  const item = enqueue(p, s);
  await dispatched();
  p.awaitBriefly(item);
  return { handle: handles[0]!, s, item };
}

describe('awaiting the only task in flight', () => {
  test('the answer is taken at once and reaches the task before awaitBriefly returns', async () => {
    const { handle, s, item } = await awaitOne(2);
    expect(handle.awaitCalls).toBe(1);
    expect(s.value).toBe(item.id * 10);
  });

  test('with another task in flight, or one still queued, nobody polls', async () => {
    const handles: FakeHandle[] = [];
    const p = pool(handles, 2, 2);
    const a = sink();
    const b = sink();
    const first = enqueue(p, a);
    enqueue(p, b);
    await dispatched();
    p.awaitBriefly(first);
    expect(handles.map((h) => h.awaitCalls)).toEqual([0, 0]);
    for (const h of handles) h.answer();
    expect([a.value, b.value]).toEqual([first.id * 10, (first.id + 1) * 10]);

    const queued = enqueue(p, sink());
    p.awaitBriefly(queued); // not dispatched yet: nothing to poll for
    expect(handles.map((h) => h.awaitCalls)).toEqual([0, 0]);
  });

  test('on one core it never polls; the answer comes the usual way', async () => {
    const { handle, s, item } = await awaitOne(1);
    expect(handle.awaitCalls).toBe(0);
    expect(s.value).toBeUndefined();
    handle.answer();
    expect(s.value).toBe(item.id * 10);
  });
});
