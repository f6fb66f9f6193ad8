// Worker: one long-lived worker running one target, like threading.Thread /
// multiprocessing.Process, on the backend of this process.
//
//   start() ──spawn──▶ worker ──init──▶ run {target(...args)} ──▶ result ──▶ close(exitCode)
//                        └──────────────── 'exit' (code) / 'error' (err) ◀──┘
import { EventEmitter } from 'eventemitter3';
import { InvalidStateError, SerializationError, deserializeError, validateOptions, type WorkerHandle } from '@weft/spi';
import { encodeArgs, newEncodeState } from '../codec/encode.js';
import { resolveFn, type Callable, type ResolvedFn } from '../functions/fn-ref.js';
import { attachFailure } from '../executor/task-failure.js';
import { backend } from '../internal/get-backend.js';
import { assertNotImportingTaskModule } from '../worker-runtime/import-guard.js';
import { registerChild, unregisterChild } from './children.js';
import { workerBoot, workerEntryUrl } from './spawn-support.js';

export interface WorkerOptions<A extends unknown[] = unknown[]> {
  readonly target: Callable<A>;
  readonly args?: A;
  readonly name?: string;
}

export interface WorkerEvents {
  /** the worker is gone; `exitCode` is non-zero when the target threw or the worker crashed */
  exit: [exitCode: number];
  /** the target threw (the error rebuilt as itself), or the worker crashed */
  error: [error: Error];
}

let workerCount = 0;

export class Worker<A extends unknown[] = unknown[]> extends EventEmitter<WorkerEvents> {
  readonly #fn: ResolvedFn;
  readonly #args: unknown[];
  readonly #handles: boolean;
  readonly #name: string;
  #handle: WorkerHandle | undefined;
  #exitCode: number | null = null;
  #exited: Promise<void> | undefined;

  constructor(options: WorkerOptions<A>) {
    super();
    validateOptions('new Worker()', options, { target: { type: 'any' }, args: { type: 'any' }, name: { type: 'string', optional: true } });
    if (options === undefined) throw new TypeError('new Worker(): options with a target are required');
    if (options.args !== undefined && !Array.isArray(options.args)) throw new TypeError('new Worker(): options.args must be an array');
    this.#fn = resolveFn(options.target, 'new Worker(): options.target');
    const state = newEncodeState();
    this.#args = encodeArgs(options.args ?? [], 'new Worker()', state);
    this.#handles = state.handles;
    this.#name = options.name ?? `Worker-${++workerCount}`;
  }

  get name(): string {
    return this.#name;
  }
  /** threadId or pid once started; undefined before */
  get ident(): number | undefined {
    return this.#handle?.ident;
  }
  /** null until the worker has exited */
  get exitCode(): number | null {
    return this.#exitCode;
  }
  isAlive(): boolean {
    return this.#handle !== undefined && this.#exitCode === null;
  }

  /** Start the worker. @throws InvalidStateError when called twice. */
  start(): this {
    if (this.#handle !== undefined) throw new InvalidStateError(`Worker ${this.#name} was already started; a Worker runs once — create a new one`);
    assertNotImportingTaskModule(`Worker ${this.#name}.start()`);
    const handle = backend().spawn({ entry: workerEntryUrl(), boot: workerBoot(backend().name, this.#name) });
    this.#handle = handle;
    const info = { name: this.#name, ident: handle.ident };
    registerChild(info);
    let failed = false;
    this.#exited = new Promise((resolve) => {
      handle.onExit((exit) => {
        unregisterChild(info);
        const code = exit.code ?? 1;
        this.#exitCode = failed && code === 0 ? 1 : code;
        if (!failed && (exit.code !== 0 || exit.signal !== null)) {
          const how = exit.signal !== null ? `signal ${exit.signal}` : `exit code ${exit.code}`;
          this.#emitError(new Error(`Worker ${this.#name} (ident ${handle.ident}) ended with ${how}${exit.error ? `: ${exit.error.message}` : ''}`, { cause: exit.error }));
        }
        this.emit('exit', this.#exitCode);
        resolve();
      });
    });
    handle.onMessage((m) => {
      if (m.type === 'initFailed') {
        failed = true;
        this.#emitError(deserializeError(m.error));
        handle.post({ type: 'close', exitCode: 1 });
      } else if (m.type === 'results') {
        const r = m.results[0];
        if (r !== undefined && !r.ok) {
          failed = true;
          this.#emitError(attachFailure(deserializeError(r.error), { workerIdent: handle.ident, workerName: this.#name }));
        }
        handle.post({ type: 'close', exitCode: failed ? 1 : 0 });
      }
    });
    handle.post({ type: 'init', initializer: null, initargs: [], concurrency: 1 });
    try {
      handle.post({ type: 'run', tasks: [{ id: 1, fn: 1, args: this.#args, handles: this.#handles || undefined }], fns: [[1, this.#fn.ref]] });
    } catch (error) {
      // e.g. an argument's buffer was handed elsewhere between new Worker() and start(): end
      // the worker that would otherwise wait for its task forever, and say why
      failed = true;
      void handle.terminate();
      const reason = error instanceof Error ? error.message : String(error);
      throw new SerializationError(`Worker ${this.#name}.start(): its args could not be sent to the worker: ${reason}; pass arguments that stay valid until start() (copy a buffer you hand elsewhere)`, { cause: error });
    }
    return this;
  }

  /** Resolve true once the worker has exited, false if `timeout` ms pass first. */
  async join(options?: { readonly timeout?: number }): Promise<boolean> {
    validateOptions('Worker.join()', options, { timeout: { type: 'number', min: 0, optional: true, infinite: true } });
    if (this.#exited === undefined) throw new InvalidStateError(`Worker.join(): ${this.#name} has not been started; call start() first`);
    const timeout = options?.timeout;
    if (timeout === undefined || timeout === Infinity) {
      await this.#exited;
      return true;
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeout)));
    const r = await Promise.race([this.#exited.then(() => true as const), timedOut]);
    clearTimeout(timer);
    return r;
  }

  /** Stop the worker now; resolves once it has exited. */
  async terminate(): Promise<void> {
    if (this.#handle === undefined || this.#exitCode !== null) return;
    await this.#handle.terminate();
    await this.#exited;
  }

  #emitError(err: Error): void {
    // An 'error' nobody listens to must not be lost: report it as a warning instead of throwing.
    if (this.listenerCount('error') > 0) this.emit('error', err);
    else process.emitWarning(`Worker ${this.#name}: ${err.stack ?? err.message}`, 'WeftWorkerError');
  }
}
