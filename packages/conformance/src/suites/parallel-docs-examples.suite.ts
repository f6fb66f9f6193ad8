// The runnable examples of docs/guides/ (docs/examples/*.mjs) run as a user would run them —
// `node docs/examples/<name>.mjs` — and print what the guides say they print. Plus the
// progress bar itself, drawn in a pseudo-terminal (util-linux `script`), and its lazy loading.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { programUrl, type ConformanceContext } from '../support/context.js';
import { PROGRAM_EXIT_MS } from '../support/limits.js';
import { lastJsonLine, runProgram, type ProgramOutcome } from '../support/run-program.js';

const EXAMPLES = new URL('../../../../docs/examples/', import.meta.url);
const example = (name: string) => new URL(`${name}.mjs`, EXAMPLES);

/** Output lines, trimmed, without empty ones. */
function lines(outcome: ProgramOutcome): string[] {
  return outcome.stdout
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => l !== '');
}

async function runExample(name: string): Promise<ProgramOutcome> {
  const outcome = await runProgram(example(name), { cwd: fileURLToPath(new URL('../..', EXAMPLES)) });
  expect(outcome.timedOut, `${name} did not exit within the bound; stderr:\n${outcome.stderr}`).toBe(false);
  expect(outcome.code, `${name} failed; stderr:\n${outcome.stderr}`).toBe(0);
  return outcome;
}

/** Run `command` in a pseudo-terminal (so stdout and stderr are TTYs); its output, escapes included. */
function inTerminal(command: string, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qec', command, '/dev/null'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (output += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (output += d));
    const bound = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }, PROGRAM_EXIT_MS);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(bound);
      resolve({ code, output });
    });
  });
}

export function parallelDocsExamplesSuite({ backend }: ConformanceContext): void {
  describe('docs/examples: the guides\' examples run and print what the guides say', () => {
    test('pmap-gmap.mjs', async () => {
      expect(lines(await runExample('pmap-gmap'))).toEqual([
        'squares: [ 1, 4, 9, 16, 25 ]',
        'scaled: [ 10, 20, 30 ]',
        'pairs: 0:49 1:64 2:81',
        'first square above 50: 64',
        'failed: SyntaxError: not a number: "three" at item 2, in a worker: true',
        'serial: [ 1, 4, 9 ]',
      ]);
    });

    test('worker-pool.mjs', async () => {
      expect(lines(await runExample('worker-pool'))).toEqual([
        'map: [ 1, 4, 9, 16 ]',
        'starmap: [ 2, 12, 30 ]',
        'imap: [ 25, 36, 49 ]',
        'imapUnordered (sorted): [ 64, 81, 100 ]',
        'apply: 42',
        'applyAsync: 144 | done: true',
        'callback saw: [ 144 ]',
        '6 tasks, 2 per worker -> distinct workers: 3',
        'terminated',
      ]);
    });

    test('progress.mjs without a terminal: results, callbacks, and no bar', async () => {
      const outcome = await runExample('progress');
      expect(lines(outcome)).toEqual(['sum of squares: 2646700', 'callback ended at 200/200', 'with total: 50/50']);
      expect(outcome.stderr).not.toContain('\u2588');
    });

    test('recycling-and-limits.mjs', async () => {
      expect(lines(await runExample('recycling-and-limits'))).toEqual([
        '9 tasks, 3 per worker -> distinct workers: 3',
        'hoardMemory failed with ResourceLimitError | is ResourceLimitError: true',
        'next task on the replacement worker: 144',
        'workers after the map: running',
        'workers after idling: 0',
        'a new task still works: 25',
      ]);
    }, 40_000);

    test('stats.mjs', async () => {
      const out = lines(await runExample('stats'));
      expect(out[0]).toBe('completed 41, failed 2, cancelled 1, queued 0, running 0, workers 2');
      expect(out[1]).toBe('adds up: true');
      expect(out[2]).toMatch(/^run time \(ms\): {2}min \d+\.\d\d {2}mean \d+\.\d\d {2}p50 \d+\.\d\d {2}p99 \d+\.\d\d {2}max \d+\.\d\d {2}\(43 tasks\)$/);
      expect(out[3]).toMatch(/^wait time \(ms\): min \d+\.\d\d {2}mean /);
    });

    test('cancellation.mjs', async () => {
      const out = lines(await runExample('cancellation'));
      expect(out[0]).toBe('polite future: CancelledError');
      expect(out[1]).toMatch(/^polite job: stopped cleanly at step \d+ \(CancelledError\)$/);
      expect(out.slice(2)).toEqual(['stubborn future: CancelledError', 'other caller finished normally', 'pmap: AbortError | is AbortError: true']);
    });

    test('async-tasks.mjs', async () => {
      const outcome = await runExample('async-tasks');
      expect(lines(outcome).slice(-2)).toEqual(['20 replies, all 200: true', 'overlapped (well under the 2000 ms one at a time would take): true']);
      expect(outcome.stdout).toContain("{ id: 3, status: 200 }");
    });
  });

  describe('progress: true draws a bar only in a terminal, and loads cli-progress only then', () => {
    test('in a pseudo-terminal the bar shows items done/total, rate, ETA and elapsed time, ending at 100%', async () => {
      const { code, output } = await inTerminal(`stty cols 120 rows 30; "${process.execPath}" "${fileURLToPath(example('progress'))}"`, { WEFT_BACKEND: backend });
      expect(code, output).toBe(0);
      const text = output
        .replace(/\x1b\[[0-9;]*m/g, '') // colours (console.log colours numbers in a terminal)
        .replace(/\x1b\[[0-9;?]*[A-Za-z]|\x1b7|\x1b8|\r/g, '\n'); // cursor and erase escapes → line breaks
      const bars = text.split('\n').filter((l) => l.startsWith('pmap '));
      expect(bars.length).toBeGreaterThan(1);
      expect(bars[0]).toMatch(/^pmap ░{30} 0% \| 0\/200 \| 0\.00 items\/s \| ETA -- \| 0s$/);
      expect(bars.at(-1)).toMatch(/^pmap █{30} 100% \| 200\/200 \| [\d.]+ items\/s \| ETA 0s \| \d+s$/);
      expect(bars.some((b) => /^pmap █+░+ \d+% \| \d+\/200 \| [\d.]+ items\/s \| ETA \d+s \| \d+s$/.test(b))).toBe(true);
      expect(text).toContain('sum of squares: 2646700');
    });

    test('without a terminal nothing is drawn and cli-progress is never imported', async () => {
      const outcome = await runProgram(programUrl('parallel-progress-lazy.mjs'));
      expect(outcome.code, outcome.stderr).toBe(0);
      expect(lastJsonLine(outcome)).toEqual({ plain: [1, 4, 9], withBar: [1, 4, 9], afterPlain: false, afterProgressTrue: false, stderrIsTTY: false });
      expect(outcome.stderr).toBe('');
    });
  });
}
