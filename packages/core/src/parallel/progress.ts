// Progress for pmap()/gmap(): a user callback `(done, total)`, or — for `progress: true` — a
// bar on stderr drawn by cli-progress, which is imported only when a bar is actually shown
// (stderr is a terminal), so programs that never ask for one never load it.
//
//   map run ──finished items──▶ update(done) ──▶ callback(done, total)
//                                             └─▶ bar: value, rate, ETA (redrawn ≤ BAR_FPS a second)
//   end (ok / error / break) ──▶ finish(): final state drawn, line ended
import type * as CliProgress from 'cli-progress';
import { nowMs } from '@weft/spi';
import { importModule } from '../internal/loader-hooks.js';
import type { ProgressCallback } from './pmap-options.js';

export interface Progress {
  /** `done` items have finished (monotonic) */
  update(done: number): void;
  /** draw the final state and release the terminal; resolves once it is on screen */
  finish(): Promise<void>;
}

/** Redraws per second: smooth enough to watch, cheap enough not to compete with the work. */
const BAR_FPS = 10;
/** Width of the bar itself in characters, at most; the label and counters around it need ~55 more. */
const BAR_WIDTH = 30;
/** Narrowest bar drawn, however narrow the terminal (the line is then cut at the edge). */
const MIN_BAR_WIDTH = 10;
/** Characters the label and counters around the bar take. */
const TEXT_WIDTH = 55;
/**
 * Rate and ETA come from the progress of about the last RATE_WINDOW_MS: recent enough to
 * follow a change of pace and to leave worker start-up out, long enough to be steady.
 */
const RATE_WINDOW_MS = 5000;

/**
 * The progress reporter for `option`, or undefined when there is none to show.
 * A callback that throws stops being called; `onCallbackError` gets the error (the run then fails with it).
 */
export function openProgress(label: string, option: boolean | ProgressCallback | undefined, total: number | undefined, onCallbackError: (err: unknown) => void): Progress | undefined {
  if (typeof option === 'function') return new CallbackProgress(option, total, onCallbackError);
  if (option === true && process.stderr.isTTY === true) return new TerminalBar(label, total);
  return undefined;
}

class CallbackProgress implements Progress {
  #failed = false;
  constructor(
    readonly callback: ProgressCallback,
    readonly total: number | undefined,
    readonly onError: (err: unknown) => void,
  ) {}

  update(done: number): void {
    if (this.#failed) return;
    try {
      this.callback(done, this.total);
    } catch (err) {
      this.#failed = true;
      this.onError(err);
    }
  }

  finish(): Promise<void> {
    return Promise.resolve();
  }
}

type Lib = typeof CliProgress;

class TerminalBar implements Progress {
  readonly #label: string;
  #total: number | undefined;
  #done = 0;
  readonly #startedAt = nowMs();
  #bar: CliProgress.SingleBar | undefined;
  /** (time, done) samples of the last RATE_WINDOW_MS, oldest first */
  readonly #samples: Array<[number, number]> = [];
  #finished = false;
  readonly #loaded: Promise<void>;

  constructor(label: string, total: number | undefined) {
    this.#label = label;
    this.#total = total;
    this.#loaded = importModule('cli-progress').then(
      (mod) => this.#start(((mod as { default?: Lib }).default ?? mod) as Lib),
      (err: unknown) => process.emitWarning(`weft: progress bar unavailable (could not load cli-progress: ${err instanceof Error ? err.message : String(err)})`, 'WeftWarning'),
    );
  }

  #start(lib: Lib): void {
    // The bar's redraw timer must never keep the process alive on its own (the workers do
    // that while there is work): unref it after every redraw.
    class UnrefBar extends lib.SingleBar {
      override render(): void {
        super.render();
        (this as unknown as { timer?: { unref?: () => void } }).timer?.unref?.();
      }
    }
    const known = this.#total !== undefined;
    const bar = new UnrefBar({
      format: known
        ? `${this.#label} {bar} {percentage}% | {value}/{total} | {rate} | ETA {etaText} | {duration_formatted}`
        : `${this.#label} {value} items | {rate} | {duration_formatted}`,
      barCompleteChar: '\u2588',
      barIncompleteChar: '\u2591',
      barsize: Math.max(MIN_BAR_WIDTH, Math.min(BAR_WIDTH, (process.stderr.columns || 80) - TEXT_WIDTH)),
      fps: BAR_FPS,
      hideCursor: true,
      stream: process.stderr,
    });
    this.#bar = bar;
    bar.start(this.#total ?? 0, this.#done, this.#payload());
    if (this.#finished) this.#stop();
  }

  update(done: number): void {
    this.#done = done;
    const now = nowMs();
    this.#samples.push([now, done]);
    while (this.#samples.length > 2 && now - this.#samples[1]![0] > RATE_WINDOW_MS) this.#samples.shift();
    const bar = this.#bar;
    if (bar === undefined) return;
    if (this.#total !== undefined && done > this.#total) bar.setTotal((this.#total = done));
    bar.update(done, this.#payload());
  }

  async finish(): Promise<void> {
    this.#finished = true;
    if (this.#bar !== undefined) this.#stop();
    else await this.#loaded; // #start sees #finished and draws the final state once
  }

  #stop(): void {
    const bar = this.#bar!;
    bar.update(this.#done, this.#payload());
    bar.stop();
  }

  #payload(): { rate: string; etaText: string } {
    const rate = this.#finished ? this.#overallRate() : this.#recentRate();
    const left = this.#total === undefined ? undefined : this.#total - this.#done;
    return {
      rate: `${formatRate(rate)} items/s`,
      etaText: left === undefined || rate === 0 ? '--' : formatSeconds(left / rate),
    };
  }

  /** items/s over the recent window (from the first finished item, so start-up is left out) */
  #recentRate(): number {
    const first = this.#samples[0];
    const last = this.#samples.at(-1);
    if (first === undefined || last === undefined || last[0] <= first[0]) return 0;
    return ((last[1] - first[1]) / (last[0] - first[0])) * 1000;
  }

  /** items/s over the whole run, for the final line */
  #overallRate(): number {
    const seconds = (nowMs() - this.#startedAt) / 1000;
    return seconds > 0 ? this.#done / seconds : 0;
  }
}

export function formatRate(perSecond: number): string {
  if (perSecond >= 100) return Math.round(perSecond).toString();
  if (perSecond >= 10) return perSecond.toFixed(1);
  return perSecond.toFixed(2);
}

/** 7.3 → "7s", 75 → "1m15s", 3725 → "1h02m". */
export function formatSeconds(s: number): string {
  const t = Math.max(0, Math.round(s));
  if (t < 60) return `${t}s`;
  if (t < 3600) return `${Math.floor(t / 60)}m${String(t % 60).padStart(2, '0')}s`;
  return `${Math.floor(t / 3600)}h${String(Math.floor((t % 3600) / 60)).padStart(2, '0')}m`;
}
