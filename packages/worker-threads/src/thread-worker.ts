// The parent's side of one worker thread.
//
//   parent                                      worker thread (core's worker entry)
//   ThreadWorker.post(msg) ─▶ port.postMessage ─▶ its port ─▶ WorkerSide listeners
//                          └▶ doorbell.ring() ─▶ wakes it if it sleeps in Atomics.wait
//   onMessage listeners ◀─ 'message' ◀─ port ◀─ WorkerSide.post(msg) ─▶ outbox.knock()
//                     ◀─ awaitMessage(ms): polls the outbox, takes the message at once
//   'error' (kept) + 'exit' ─▶ drain the port ─▶ release what the thread held ─▶ onExit (once)
//
// The protocol has a MessageChannel of its own, so parentPort is left entirely to the user.
// Both ends post through protocol-port.ts (small messages of plain scalars as one string).
import { compileCacheEnv, type FromWorker, type ResourceLimits, type SpawnOptions, type ToWorker, type WorkerExit, type WorkerHandle, nowMs } from '@weft/spi';
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort, type TransferListItem, type WorkerOptions } from 'node:worker_threads';
import { releaseEverythingHeldBy } from './dead-holder-registry.js';
import { Doorbell } from './doorbell.js';
import { holderIdOf } from './ident.js';
import { CHANNEL_KEY, type ProtocolChannel } from './protocol-channel.js';
import { postProtocol, readProtocol } from './protocol-port.js';
import { workerExecArgv } from './worker-exec-argv.js';

const kOutOfMemoryCode = 'ERR_WORKER_OUT_OF_MEMORY';

function toNodeLimits(limits: ResourceLimits | undefined): WorkerOptions['resourceLimits'] {
  if (limits === undefined) return undefined;
  const out: NonNullable<WorkerOptions['resourceLimits']> = {};
  if (limits.maxOldGenerationSizeMb !== undefined) out.maxOldGenerationSizeMb = limits.maxOldGenerationSizeMb;
  if (limits.maxYoungGenerationSizeMb !== undefined) out.maxYoungGenerationSizeMb = limits.maxYoungGenerationSizeMb;
  if (limits.stackSizeMb !== undefined) out.stackSizeMb = limits.stackSizeMb;
  return out;
}

export class ThreadWorker implements WorkerHandle {
  readonly ident: number;
  readonly #worker: Worker;
  readonly #port: MessagePort;
  readonly #bell = new Doorbell();
  readonly #outbox = new Doorbell();
  readonly #messageListeners: Array<(message: FromWorker) => void> = [];
  readonly #exitListeners: Array<(exit: WorkerExit) => void> = [];
  #error: Error | undefined;
  #exit: WorkerExit | undefined;
  #terminating: Promise<void> | undefined;
  readonly #exited: Promise<void>;
  #resolveExited!: () => void;

  constructor(options: SpawnOptions) {
    // env and execArgv are the parent's (Node's defaults), so loaders such as tsx carry over.
    const execArgv = workerExecArgv();
    // Node's default env is a copy of process.env; the copy is made here only to add to it.
    const cache = compileCacheEnv();
    const { port1, port2 } = new MessageChannel();
    const channel: ProtocolChannel = { port: port2, bell: this.#bell.buffer, outbox: this.#outbox.buffer };
    this.#worker = new Worker(options.entry, {
      ...(execArgv === undefined ? {} : { execArgv }),
      ...(cache === undefined ? {} : { env: { ...process.env, ...cache } }),
      workerData: { weft: options.boot, [CHANNEL_KEY]: channel },
      transferList: [port2],
      resourceLimits: toNodeLimits(options.resourceLimits),
      name: options.boot.name,
    });
    this.ident = this.#worker.threadId;
    this.#exited = new Promise((resolve) => (this.#resolveExited = resolve));
    this.#port = port1;
    this.#port.on('message', (message: FromWorker | string) => this.#deliver(message));
    // Only the Worker's own ref()/unref() decides whether this thread keeps the parent alive.
    this.#port.unref();
    // 'error' (an uncaught exception, a failed start, running out of memory) is always
    // followed by 'exit'; keep the first and report both as one WorkerExit.
    this.#worker.on('error', (err: Error) => {
      this.#error ??= err;
    });
    this.#worker.once('exit', (code: number) => this.#onExit(code));
  }

  post(message: ToWorker, transfer?: readonly TransferListItem[]): void {
    postProtocol(this.#port, message, transfer);
    this.#bell.ring();
  }

  onMessage(listener: (message: FromWorker) => void): void {
    this.#messageListeners.push(listener);
  }

  awaitMessage(ms: number): boolean {
    const until = nowMs() + ms;
    for (;;) {
      // `seen` first: a message posted after it either is on the port already or moves the bell.
      const seen = this.#outbox.rung();
      const next = receiveMessageOnPort(this.#port);
      if (next !== undefined) {
        this.#deliver(next.message as FromWorker | string);
        return true;
      }
      // The bell may also move late for a message the event loop has taken already (the worker
      // knocks after posting): then look again, for as long as the window lasts.
      const left = until - nowMs();
      if (left <= 0 || !this.#outbox.spin(seen, left)) return false;
    }
  }

  onExit(listener: (exit: WorkerExit) => void): void {
    const exit = this.#exit;
    if (exit !== undefined) queueMicrotask(() => listener(exit));
    else this.#exitListeners.push(listener);
  }

  terminate(): Promise<void> {
    this.#terminating ??= this.#worker.terminate().then(() => this.#exited);
    return this.#terminating;
  }

  ref(): void {
    this.#worker.ref();
  }

  unref(): void {
    this.#worker.unref();
  }

  #deliver(wire: FromWorker | string): void {
    const message = readProtocol(wire);
    for (const listener of this.#messageListeners) listener(message);
  }

  #onExit(code: number): void {
    // What the thread posted before it exited is already queued on our port, but unlike
    // parentPort's messages nothing delivers it before 'exit': take it now, results first.
    for (let next = receiveMessageOnPort(this.#port); next !== undefined; next = receiveMessageOnPort(this.#port)) {
      this.#deliver(next.message as FromWorker | string);
    }
    this.#port.close();
    const error = this.#error;
    const resourceLimit = (error as { code?: unknown } | undefined)?.code === kOutOfMemoryCode;
    const exit: WorkerExit = { code, signal: null, error, ...(resourceLimit ? { resourceLimit: true } : {}) };
    // First give back what the dead thread held, so listeners (and waiters) see it free.
    releaseEverythingHeldBy(holderIdOf(this.ident));
    this.#exit = exit;
    const listeners = this.#exitListeners.splice(0);
    this.#resolveExited();
    for (const listener of listeners) listener(exit);
  }
}
