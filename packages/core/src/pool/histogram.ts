// Run-time and wait-time summaries for pool.stats(): a bounded reservoir of recent samples
// (exact for the last RESERVOIR_SIZE tasks, cheap to record on the hot path).

const RESERVOIR_SIZE = 10_000; // enough for a stable p99; 80 KB per histogram

export interface Summary {
  readonly count: number;
  readonly min: number;
  readonly mean: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

export class Histogram {
  readonly #samples = new Float64Array(RESERVOIR_SIZE);
  #count = 0;
  #sum = 0;
  #min = Infinity;
  #max = -Infinity;

  record(ms: number): void {
    this.#samples[this.#count % RESERVOIR_SIZE] = ms;
    this.#count++;
    this.#sum += ms;
    if (ms < this.#min) this.#min = ms;
    if (ms > this.#max) this.#max = ms;
  }

  /** `n` samples of the same value (a map chunk: each item gets the chunk's average). */
  recordMany(ms: number, n: number): void {
    for (let i = 0; i < n; i++) this.record(ms);
  }

  summary(): Summary {
    if (this.#count === 0) return { count: 0, min: 0, mean: 0, p50: 0, p99: 0, max: 0 };
    const n = Math.min(this.#count, RESERVOIR_SIZE);
    const sorted = this.#samples.slice(0, n).sort();
    const at = (q: number) => sorted[Math.min(n - 1, Math.floor(q * n))]!;
    return { count: this.#count, min: this.#min, mean: this.#sum / this.#count, p50: at(0.5), p99: at(0.99), max: this.#max };
  }
}
