// The worker's side of the transport, over the protocol port the parent handed over in
// workerData (see thread-worker.ts for the sketch). Present only in a thread this backend
// spawned: it finds its boot data under workerData.weft.
//
// Lingering: once the runtime says it is idle, the thread sleeps on the doorbell for up to
// LINGER_WAIT_MS and takes the next message synchronously instead of returning to its event
// loop — for back-to-back tasks that saves a wake-up through libuv on every round trip. While
// messages keep coming the event loop still turns every LINGER_BUDGET_MS, so a task's own
// timers, I/O and parentPort messages still run, at most LINGER_WAIT_MS late.
//
// Spinning: before it sleeps, a lingering thread polls the doorbell awake for LINGER_SPIN_MS.
// A caller awaiting tasks one at a time sends the next within a few tens of µs; a thread asleep
// in the kernel on an idle core then costs a cross-core wake (~50 µs on a small VM, and the
// scheduler keeps the pair in that mode once there), a thread still spinning does not. Whether
// it pays (not on one core, nor when the sender shares this thread's core) is measured and
// decided by @weft/spi's StayAwakePolicy.
import { StayAwakePolicy, nowMs, type FromWorker, type ToWorker, type WorkerBootData, type WorkerSide } from '@weft/spi';
import { receiveMessageOnPort, workerData, type MessagePort, type TransferListItem } from 'node:worker_threads';
import { Doorbell } from './doorbell.js';
import { CHANNEL_KEY, type ProtocolChannel } from './protocol-channel.js';
import { postProtocol, readProtocol } from './protocol-port.js';

/** How long an idle thread waits on the doorbell before going back to its event loop. */
const LINGER_WAIT_MS = 5;
/** The longest the event loop is held up while messages keep arriving. */
const LINGER_BUDGET_MS = 1;
/** How long an idle thread polls before it sleeps (a cross-core round trip fits; 20 µs does not). */
const LINGER_SPIN_MS = 0.05;

class ThreadWorkerSide implements WorkerSide {
  readonly boot: WorkerBootData;
  readonly #port: MessagePort;
  readonly #bell: Doorbell;
  readonly #outbox: Doorbell;
  /** made on the first linger: it loads node:os, which start-up does not need */
  #awake: StayAwakePolicy | undefined;
  readonly #listeners: Array<(message: ToWorker) => void> = [];
  #isIdle: (() => boolean) | undefined;
  #lingering = false;
  /** set when lingering ran out of budget: no more lingering until the event loop has turned */
  #yielding = false;

  constructor(channel: ProtocolChannel, boot: WorkerBootData) {
    this.#port = channel.port;
    this.#bell = new Doorbell(channel.bell);
    this.#outbox = new Doorbell(channel.outbox);
    this.boot = boot;
  }

  post(message: FromWorker, transfer?: readonly TransferListItem[]): void {
    postProtocol(this.#port, message, transfer);
    this.#outbox.knock();
  }

  onMessage(listener: (message: ToWorker) => void): void {
    this.#listeners.push(listener);
    // The port queues messages until its first listener, so nothing sent early is lost.
    if (this.#listeners.length === 1) {
      this.#port.on('message', (message: ToWorker | string) => {
        this.#deliver(message);
        this.#linger();
      });
    }
  }

  setIdleProbe(isIdle: () => boolean): void {
    this.#isIdle = isIdle;
  }

  #deliver(wire: ToWorker | string): void {
    const message = readProtocol(wire);
    for (const listener of this.#listeners) listener(message);
  }

  #linger(): void {
    const isIdle = this.#isIdle;
    if (isIdle === undefined || this.#lingering || this.#yielding) return;
    this.#lingering = true;
    try {
      const until = nowMs() + LINGER_BUDGET_MS;
      while (isIdle()) {
        const seen = this.#bell.rung();
        const next = receiveMessageOnPort(this.#port);
        if (next !== undefined) {
          this.#deliver(next.message as ToWorker | string);
          if (nowMs() >= until) {
            // Messages already queued would each start a new linger from the event loop's
            // message handler, and timers would wait for all of them: turn the loop first.
            this.#yielding = true;
            setImmediate(() => (this.#yielding = false));
            return;
          }
        } else {
          const awake = (this.#awake ??= new StayAwakePolicy(LINGER_SPIN_MS));
          if (!awake.enabled) {
            // One core: never awake, so nothing to time (two clock reads a round trip).
            if (!this.#bell.sleep(seen, LINGER_WAIT_MS)) return;
            continue;
          }
          const start = nowMs();
          const spin = awake.window();
          if (spin > 0 && this.#bell.spin(seen, spin)) {
            awake.answered(nowMs() - start);
            continue;
          }
          const rang = this.#bell.sleep(seen, LINGER_WAIT_MS);
          awake.answered(rang ? nowMs() - start : Number.POSITIVE_INFINITY);
          if (!rang) return;
        }
      }
    } finally {
      this.#lingering = false;
    }
  }
}

let side: ThreadWorkerSide | null | undefined;

/** This thread's transport when this backend spawned it, else null. */
export function workerSide(): WorkerSide | null {
  if (side === undefined) {
    const data = workerData as { weft?: WorkerBootData; [CHANNEL_KEY]?: ProtocolChannel } | null | undefined;
    const boot = data?.weft;
    const channel = data?.[CHANNEL_KEY];
    side = boot !== undefined && channel !== undefined ? new ThreadWorkerSide(channel, boot) : null;
  }
  return side;
}
