// The README's demo: which backend runs, a CPU-bound map against serial, and a Lock and a
// Queue shared by workers. Runs the automatically chosen backend, then the other one.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Lock, Queue, WorkerPoolExecutor, cpuCount, getBackend } from '@weft/core';
import { fib, guardedWork, type Mark } from './tasks.js';

const N = 31; // one fib(N) ≈ 10–20 ms: CPU-bound, but quick enough for a demo
const JOBS = 24;
const ROUNDS = 20;
const ROUNDS_TIMED = 3;

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function ms(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

async function main(): Promise<void> {
  const workers = Math.min(cpuCount(), 4);
  console.log(`\n── weft on ${getBackend()} (node ${process.version}, ${cpuCount()} CPUs, ${workers} workers) ──`);
  await using pool = new WorkerPoolExecutor({ maxWorkers: workers });

  // Start the workers and warm up the JIT on both sides before timing, as a long-running
  // service would be; then alternate serial and pool rounds and report the medians.
  let t = process.hrtime.bigint();
  await pool.map(fib, Array.from({ length: workers }, () => N));
  console.log(`pool start-up + warm-up: ${ms(t).toFixed(0)} ms (not counted below)`);
  fib(N);

  const inputs = Array.from({ length: JOBS }, () => N);
  const serialTimes: number[] = [];
  const poolTimes: number[] = [];
  let serial: number[] = [];
  let parallel: number[] = [];
  for (let round = 0; round < ROUNDS_TIMED; round++) {
    t = process.hrtime.bigint();
    serial = inputs.map((n) => fib(n));
    serialTimes.push(ms(t));
    t = process.hrtime.bigint();
    parallel = await pool.map(fib, inputs);
    poolTimes.push(ms(t));
  }
  const serialMs = median(serialTimes);
  const parallelMs = median(poolTimes);
  const same = parallel.every((v, i) => v === serial[i]);
  console.log(`map fib(${N}) × ${JOBS}, median of ${ROUNDS_TIMED}: serial ${serialMs.toFixed(0)} ms, pool ${parallelMs.toFixed(0)} ms → speedup ${(serialMs / parallelMs).toFixed(2)}× on ${workers} workers (results ${same ? 'identical' : 'DIFFERENT'})`);

  // A Lock and a Queue created here, used by every worker.
  const lock = new Lock();
  const log = new Queue<Mark>();
  const idents = await Promise.all(Array.from({ length: workers }, () => pool.submit(guardedWork, lock, log, ROUNDS)));
  log.close();
  let inside: number | undefined;
  let overlaps = 0;
  let sections = 0;
  for await (const [kind, who] of log) {
    if (kind === 'enter') {
      if (inside !== undefined) overlaps++;
      inside = who;
      sections++;
    } else inside = undefined;
  }
  console.log(`Lock + Queue across workers ${[...new Set(idents)].join(', ')}: ${sections} critical sections, ${overlaps} overlapping (expected 0)`);
  if (!same || overlaps !== 0 || sections !== workers * ROUNDS) process.exitCode = 1;
}

await main();

// Then the same program on the other backend, in a fresh process (the backend is chosen once per process).
if (process.env.WEFT_DEMO_CHILD === undefined) {
  const other = getBackend() === 'worker_threads' ? 'child_process' : 'worker_threads';
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url)], { stdio: 'inherit', env: { ...process.env, WEFT_BACKEND: other, WEFT_DEMO_CHILD: '1' } });
  if (r.status !== 0) process.exitCode = r.status ?? 1;
}
