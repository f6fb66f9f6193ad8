// Spawns a fixture script (test/fixtures/*.mjs) through the backend's own spawn(), so the
// transport and the dead-holder release under test are the real ones, and collects what the
// fixture reports back.
import type { ToWorker, WorkerExit, WorkerHandle } from '@weft/spi';
import { PROTOCOL_VERSION } from '@weft/spi';
import { workerThreadsBackend } from '../../dist/index.js';

export const backend = workerThreadsBackend;

export interface Report {
  readonly type: string;
  readonly [key: string]: unknown;
}

export class FixtureWorker {
  readonly handle: WorkerHandle;
  readonly exited: Promise<WorkerExit>;
  readonly #inbox: Report[] = [];
  #onReport: (() => void) | undefined;
  #exit: WorkerExit | undefined;

  constructor(fixture: string, start: Record<string, unknown> = {}) {
    this.handle = backend.spawn({
      entry: new URL(`../fixtures/${fixture}.mjs`, import.meta.url),
      boot: { protocol: PROTOCOL_VERSION, backend: 'worker_threads', name: `fixture-${fixture}` },
    });
    this.handle.onMessage((message) => {
      this.#inbox.push(message as unknown as Report);
      this.#onReport?.();
    });
    this.exited = new Promise((resolve) =>
      this.handle.onExit((exit) => {
        this.#exit = exit;
        this.#onReport?.();
        resolve(exit);
      }),
    );
    this.send({ type: 'start', ...start });
  }

  /** A command to the fixture (fixtures speak their own little language, not weft's protocol). */
  send(command: Record<string, unknown>): void {
    this.handle.post(command as unknown as ToWorker);
  }

  /** The next report of `type` (earlier reports of other types stay queued). */
  async next(type: string): Promise<Report> {
    for (;;) {
      const at = this.#inbox.findIndex((r) => r.type === type);
      if (at >= 0) return this.#inbox.splice(at, 1)[0] as Report;
      const failed = this.#inbox.find((r) => r.type === 'failed');
      if (failed !== undefined) throw new Error(`fixture failed: ${String(failed.stack ?? failed.message)}`);
      if (this.#exit !== undefined) {
        throw new Error(`fixture exited (code ${this.#exit.code}) before reporting "${type}": ${this.#exit.error?.message ?? ''}`);
      }
      await new Promise<void>((resolve) => (this.#onReport = resolve));
      this.#onReport = undefined;
    }
  }
}

/** Start several fixtures of one kind. */
export function spawnMany(fixture: string, count: number, start: (i: number) => Record<string, unknown>): FixtureWorker[] {
  return Array.from({ length: count }, (_, i) => new FixtureWorker(fixture, start(i)));
}
