// The parent's side of one forked worker.
//
//   core scheduler ──post(ToWorker)──▶ ProcessWorker ──protocol frame──▶ child (worker-side.ts)
//   core scheduler ◀──onMessage────── ProcessWorker ◀──protocol frame── child
//   ProcessNode (broker routing) ◀──▶ ProcessWorker ◀──broker frames───▶ child's ProcessNode
//
// Sends wait until the child's hello (so nothing is lost while it loads core's entry).
// The exit is reported once the child is gone AND its channel is drained, after the broker
// has been told (what the child's subtree held of primitives is released first).
import type { ChildProcess } from 'node:child_process';
import type { Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { builtin, compileCacheEnv, holdProcessAlive, type FromWorker, type SpawnOptions, type ToWorker, type WorkerExit, type WorkerHandle } from '@weft/spi';
import { ENV_BACKEND, ENV_BOOT, ENV_PARENT_ADDRESS } from './env.js';
import { childExecArgv } from './exec-argv.js';
import { StderrTail } from './heap-exhaustion.js';
import type { ProcessNode } from './tree/process-node.js';
import { brokerMessage } from './wire/broker-frames.js';
import { HELLO, isBrokerFrame, isFrame, type Frame } from './wire/frame.js';
import { protocolFrame, protocolMessage } from './wire/protocol-frames.js';

/** SIGTERM → SIGKILL: time for the child's exit handlers; a stuck child delays shutdown by this much */
export const TERMINATE_GRACE_MS = 1000;
/** after 'exit', the longest wait for the IPC channel (and a piped stderr) to deliver what is left */
export const EXIT_DRAIN_MS = 1000;

export class ProcessWorker implements WorkerHandle {
  readonly ident: number;
  readonly #child: ChildProcess;
  readonly #node: ProcessNode;
  readonly #stderr: StderrTail | null;
  /** frames held until the child says hello; null once it has */
  #beforeHello: Frame[] | null = [];
  readonly #messageListeners: Array<(message: FromWorker) => void> = [];
  readonly #exitListeners: Array<(exit: WorkerExit) => void> = [];
  #exited: { code: number | null; signal: string | null } | null = null;
  #disconnected = false;
  #spawnError: Error | undefined;
  #finishing = false;
  #exit: WorkerExit | null = null;
  readonly #gone: Promise<void>;
  #markGone!: () => void;
  #terminating: Promise<void> | null = null;

  constructor(options: SpawnOptions, node: ProcessNode) {
    this.#node = node;
    this.#gone = new Promise((resolve) => (this.#markGone = resolve));
    const pipeStderr = options.resourceLimits?.maxOldGenerationSizeMb !== undefined;
    this.#child = builtin('node:child_process').fork(fileURLToPath(options.entry), [], {
      serialization: 'advanced',
      // the parent's whole environment (never an empty one), its compile cache if it turned one
      // on, plus what the child must know
      env: { ...process.env, ...compileCacheEnv(), [ENV_BACKEND]: 'child_process', [ENV_BOOT]: JSON.stringify(options.boot), [ENV_PARENT_ADDRESS]: node.address },
      execArgv: childExecArgv(options.resourceLimits),
      ...(pipeStderr ? { stdio: ['inherit', 'inherit', 'pipe', 'ipc'] } : {}),
    });
    this.ident = this.#child.pid ?? -1;
    this.#stderr = pipeStderr && this.#child.stderr ? new StderrTail(this.#child.stderr) : null;
    this.#child.on('message', (message: unknown) => this.#onMessage(message));
    this.#child.on('exit', (code, signal) => this.#onExit(code, signal));
    this.#child.on('disconnect', () => {
      this.#disconnected = true;
      this.#maybeFinish();
    });
    this.#child.on('error', (err) => {
      // a failed spawn has no pid and may never emit 'exit'; a failed send is followed by 'exit'
      if (this.#child.pid === undefined) {
        this.#spawnError = err;
        this.#disconnected = true;
        this.#onExit(null, null);
      }
    });
    if (this.ident !== -1) node.addChild(this.ident, this);
  }

  post(message: ToWorker): void {
    this.send(protocolFrame(message)); // transfer lists do not apply: IPC copies
  }

  /** a frame for the child (protocol, or broker traffic routed down) */
  send(frame: Frame): void {
    if (this.#beforeHello !== null) {
      builtin('node:v8').serialize(frame); // throws now, like child.send would, for a value IPC cannot carry
      this.#beforeHello.push(frame);
    } else if (this.#child.connected) this.#child.send(frame);
  }

  onMessage(listener: (message: FromWorker) => void): void {
    this.#messageListeners.push(listener);
  }

  onExit(listener: (exit: WorkerExit) => void): void {
    const exit = this.#exit;
    if (exit !== null) queueMicrotask(() => listener(exit));
    else this.#exitListeners.push(listener);
  }

  terminate(): Promise<void> {
    this.#terminating ??= this.#exit !== null ? Promise.resolve() : this.#killGently();
    return this.#terminating;
  }

  ref(): void {
    this.#child.ref();
    this.#child.channel?.ref();
    (this.#child.stderr as Socket | null)?.ref?.();
  }

  /** an idle child must not keep the parent alive: neither its process handle nor its channel */
  unref(): void {
    this.#child.unref();
    this.#child.channel?.unref();
    (this.#child.stderr as Socket | null)?.unref?.();
  }

  async #killGently(): Promise<void> {
    const release = holdProcessAlive();
    this.#child.kill('SIGTERM');
    const escalate = setTimeout(() => this.#child.kill('SIGKILL'), TERMINATE_GRACE_MS);
    try {
      await this.#gone;
    } finally {
      clearTimeout(escalate);
      release();
    }
  }

  #onMessage(message: unknown): void {
    if (!isFrame(message)) return; // the user's own process.send: not ours
    if (isBrokerFrame(message)) return this.#node.receive(brokerMessage(message), this);
    if (typeof message !== 'string' && message[1] === HELLO) {
      const held = this.#beforeHello ?? [];
      this.#beforeHello = null;
      for (const frame of held) if (this.#child.connected) this.#child.send(frame);
      return;
    }
    const m = protocolMessage(message) as FromWorker;
    for (const l of this.#messageListeners) l(m);
  }

  #onExit(code: number | null, signal: string | null): void {
    if (this.#exited !== null) return;
    this.#exited = { code, signal };
    this.#beforeHello = null;
    if (!this.#disconnected) {
      setTimeout(() => {
        this.#disconnected = true;
        this.#maybeFinish();
      }, EXIT_DRAIN_MS);
    }
    this.#maybeFinish();
  }

  #maybeFinish(): void {
    if (this.#exited === null || !this.#disconnected || this.#finishing) return;
    this.#finishing = true;
    void (this.#stderr?.ended(EXIT_DRAIN_MS) ?? Promise.resolve()).then(() => this.#finish());
  }

  #finish(): void {
    const { code, signal } = this.#exited ?? { code: null, signal: null };
    if (this.ident !== -1) this.#node.childGone(this.ident);
    const exit: WorkerExit = {
      code,
      signal,
      error: this.#spawnError,
      resourceLimit: this.#stderr?.diedOfHeapExhaustion(code, signal) ?? false,
    };
    this.#exit = exit;
    this.#markGone();
    for (const l of this.#exitListeners.splice(0)) l(exit);
  }
}
