// The parent's side of one forked worker.
//
//   core scheduler ──post(ToWorker)──▶ ProcessWorker ──protocol frame──▶ child (worker-side.ts)
//   core scheduler ◀──onMessage────── ProcessWorker ◀──protocol frame── child
//   ProcessNode (broker routing) ◀──▶ ProcessWorker ◀──broker frames───▶ child's ProcessNode
//
// Every frame goes on the child's frame pipe (wire/frame-channel.ts), which holds what is sent
// before the child reads it. The exit is reported once the child is gone AND the pipe is
// drained, after the broker has been told (what the child's subtree held of primitives is
// released first).
import type { ChildProcess } from 'node:child_process';
import type { Socket } from 'node:net';
import type { TransferListItem } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { builtin, compileCacheEnv, holdProcessAlive, type FromWorker, type SpawnOptions, type ToWorker, type WorkerExit, type WorkerHandle } from '@weft/spi';
import { CHILD_FRAME_FD, ENV_BACKEND, ENV_BOOT, ENV_FRAME_FD, ENV_PARENT_ADDRESS } from './env.js';
import { childExecArgv } from './exec-argv.js';
import { mallocTuningEnv } from './malloc-tuning.js';
import { StderrTail } from './heap-exhaustion.js';
import type { ProcessNode } from './tree/process-node.js';
import { brokerMessage } from './wire/broker-frames.js';
import { isBrokerFrame, type Frame } from './wire/frame.js';
import { encodeFrame } from './wire/frame-bytes.js';
import { FrameChannel } from './wire/frame-channel.js';
import { protocolFrame, protocolMessage } from './wire/protocol-frames.js';

/** SIGTERM → SIGKILL: time for the child's exit handlers; a stuck child delays shutdown by this much */
export const TERMINATE_GRACE_MS = 1000;
/** after 'exit', the longest wait for the frame pipe (and a piped stderr) to deliver what is left */
export const EXIT_DRAIN_MS = 1000;

export class ProcessWorker implements WorkerHandle {
  readonly ident: number;
  readonly #child: ChildProcess;
  readonly #node: ProcessNode;
  readonly #stderr: StderrTail | null;
  /** null when the spawn failed before the pipe was made */
  readonly #channel: FrameChannel | null;
  readonly #messageListeners: Array<(message: FromWorker) => void> = [];
  readonly #exitListeners: Array<(exit: WorkerExit) => void> = [];
  #exited: { code: number | null; signal: string | null } | null = null;
  #drained = false;
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
      env: {
        ...process.env,
        ...compileCacheEnv(),
        ...mallocTuningEnv(process.env),
        [ENV_BACKEND]: 'child_process',
        [ENV_BOOT]: JSON.stringify(options.boot),
        [ENV_PARENT_ADDRESS]: node.address,
        [ENV_FRAME_FD]: String(CHILD_FRAME_FD),
      },
      execArgv: childExecArgv(options.resourceLimits),
      // fd 3 (CHILD_FRAME_FD) is the frame pipe; fork puts its IPC channel after it
      stdio: ['inherit', 'inherit', pipeStderr ? 'pipe' : 'inherit', 'pipe', 'ipc'],
    });
    this.ident = this.#child.pid ?? -1;
    this.#stderr = pipeStderr && this.#child.stderr ? new StderrTail(this.#child.stderr) : null;
    const pipe = this.#child.stdio[CHILD_FRAME_FD] as Socket | null | undefined;
    this.#channel = pipe ? new FrameChannel(pipe, (frame) => this.#onFrame(frame)) : null;
    this.#channel?.onClose(() => {
      this.#drained = true;
      this.#maybeFinish();
    });
    this.#child.on('exit', (code, signal) => this.#onExit(code, signal));
    this.#child.on('error', (err) => {
      // a failed spawn has no pid and may never emit 'exit'; a failed send is followed by 'exit'
      if (this.#child.pid === undefined) {
        this.#spawnError = err;
        this.#drained = true;
        this.#onExit(null, null);
      }
    });
    if (this.ident !== -1) node.addChild(this.ident, this);
  }

  /** `transfer`'s ArrayBuffers are handed over: detached from the sender (FrameChannel.send) */
  post(message: ToWorker, transfer?: readonly TransferListItem[]): void {
    this.send(protocolFrame(message), transfer);
  }

  /** a frame for the child (protocol, or broker traffic routed down); throws for what V8 cannot serialize */
  send(frame: Frame, transfer?: readonly TransferListItem[]): void {
    if (this.#channel !== null) this.#channel.send(frame, transfer);
    else encodeFrame(frame); // the same error for an uncloneable value, even with no child
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
    this.#channel?.ref();
    (this.#child.stderr as Socket | null)?.ref?.();
  }

  /** an idle child must not keep the parent alive: neither its process handle nor its channels */
  unref(): void {
    this.#child.unref();
    this.#child.channel?.unref();
    this.#channel?.unref();
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

  #onFrame(frame: Frame): void {
    if (isBrokerFrame(frame)) return this.#node.receive(brokerMessage(frame), this);
    const m = protocolMessage(frame) as FromWorker;
    for (const l of this.#messageListeners) l(m);
  }

  #onExit(code: number | null, signal: string | null): void {
    if (this.#exited !== null) return;
    this.#exited = { code, signal };
    if (!this.#drained) {
      setTimeout(() => {
        this.#drained = true;
        this.#maybeFinish();
      }, EXIT_DRAIN_MS);
    }
    this.#maybeFinish();
  }

  #maybeFinish(): void {
    if (this.#exited === null || !this.#drained || this.#finishing) return;
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
