// Telling "died of heap exhaustion" from other deaths. V8 prints
// "FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory" on the
// child's stderr and Node then aborts (signal SIGABRT). So when a heap cap is set, the
// parent pipes the child's stderr through to its own, keeps the tail, and reports a
// resource-limit exit when the child died by SIGABRT (or SIGTRAP/134, depending on the
// platform) and the tail holds that line.
import type { Readable } from 'node:stream';

/** enough for V8's last-GCs report and the FATAL ERROR line after it */
const TAIL_BYTES = 16 * 1024;
const OOM_MARK = 'heap out of memory';

export class StderrTail {
  #tail = '';
  #ended = false;
  readonly #waiting: Array<() => void> = [];

  constructor(stream: Readable) {
    stream.on('data', (chunk: Buffer) => {
      process.stderr.write(chunk);
      this.#tail = (this.#tail + chunk.toString('utf8')).slice(-TAIL_BYTES);
    });
    stream.on('close', () => this.#end());
    stream.on('end', () => this.#end());
    stream.on('error', () => this.#end());
  }

  /** resolves when the stream ended, or after `maxMs` (a grandchild may hold the pipe open) */
  ended(maxMs: number): Promise<void> {
    if (this.#ended) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, maxMs);
      this.#waiting.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  diedOfHeapExhaustion(code: number | null, signal: string | null): boolean {
    const aborted = signal === 'SIGABRT' || signal === 'SIGTRAP' || code === 134;
    return aborted && this.#tail.includes(OOM_MARK);
  }

  #end(): void {
    if (this.#ended) return;
    this.#ended = true;
    for (const w of this.#waiting.splice(0)) w();
  }
}
