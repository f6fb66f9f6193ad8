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
//
// Keeping the last message: a thread frees the arguments it received in bulk, when an
// allocation (often the next large argument's) triggers a scavenge. If nothing above the freed
// buffers is still in use, glibc gives the top of the thread's heap back to the kernel, and
// every page of the next arguments is faulted in again (on one core, 1 MiB arguments one at a
// time: ~200 faults a task and half the throughput). Holding the previous message until the
// next one has been read keeps the newest buffer alive through that scavenge, so the freed ones
// stay a hole below it for the next arguments. A thread that reads no message for KEEP_LAST_MS
// lets it go.
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
/**
 * A thread that has read no message for this long drops the last one it kept. Longer than the
 * gaps between large arguments (8 MiB ones on one core come ~7 ms apart to each of two workers).
 */
const KEEP_LAST_MS = 1000;

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
  /** the last message read, kept alive until the next (see the top of the file); never read: the reference is the point */
  #kept: ToWorker | undefined;
  /** messages read so far, so the let-go timer can tell whether one came while it waited */
  #read = 0;
  #letGo: ReturnType<typeof setTimeout> | undefined;

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
    this.#keep(message);
    for (const listener of this.#listeners) listener(message);
  }

  #keep(message: ToWorker): void {
    this.#kept = message;
    this.#read++;
    if (this.#letGo === undefined) this.#armLetGo();
  }

  /** One timer for a whole stream of messages: re-armed while they keep coming. */
  #armLetGo(): void {
    const read = this.#read;
    this.#letGo = setTimeout(() => {
      this.#letGo = undefined;
      if (this.#read !== read) this.#armLetGo();
      else this.#kept = undefined;
    }, KEEP_LAST_MS).unref();
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
