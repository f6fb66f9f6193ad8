// The README's demo: which backend runs, a CPU-bound map against serial, and a Lock and a
// Queue shared by workers. Runs the automatically chosen backend, then the other one.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Lock, Queue, WorkerPoolExecutor, cpuCount, getBackend } from '@weft/core';
import { fib, guardedWork, type Mark } from './tasks.js';

const N = 31; // one fib(N) ≈ 10–20 ms: CPU-bound, but quick enough for a demo
const JOBS = 24;
const ROUNDS = 20;

function ms(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

async function main(): Promise<void> {
  const workers = Math.min(cpuCount(), 4);
  console.log(`\n── weft on ${getBackend()} (node ${process.version}, ${cpuCount()} CPUs, ${workers} workers) ──`);
  await using pool = new WorkerPoolExecutor({ maxWorkers: workers });

  // Start the workers before timing, as a long-running service would have them.
  let t = process.hrtime.bigint();
  await Promise.all(Array.from({ length: workers }, () => pool.submit(fib, 10)));
  console.log(`pool start-up: ${ms(t).toFixed(0)} ms (not counted below)`);

  const inputs = Array.from({ length: JOBS }, () => N);
  t = process.hrtime.bigint();
  const serial = inputs.map((n) => fib(n));
  const serialMs = ms(t);
  t = process.hrtime.bigint();
  const parallel = await pool.map(fib, inputs);
  const parallelMs = ms(t);
  const same = parallel.every((v, i) => v === serial[i]);
  console.log(`map fib(${N}) × ${JOBS}: serial ${serialMs.toFixed(0)} ms, pool ${parallelMs.toFixed(0)} ms → speedup ${(serialMs / parallelMs).toFixed(2)}× (results ${same ? 'identical' : 'DIFFERENT'})`);

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
