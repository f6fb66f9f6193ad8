// pool.stats(): counts and run/wait-time summaries (ms), like piscina's histograms.
// Run: node docs/examples/stats.mjs
import { WorkerPoolExecutor } from '@weft/core';
import { parseRecord, slowSquare } from './tasks.mjs';

const pool = new WorkerPoolExecutor({ maxWorkers: 2 });

await pool.map(slowSquare, Array.from({ length: 40 }, (_, i) => i)); // 40 items, ~20 ms each
await Promise.allSettled(['7', 'x', 'y'].map((line) => pool.submit(parseRecord, line))); // 1 ok, 2 fail
const cancelled = pool.submit(slowSquare, 1);
cancelled.cancel(); // still queued: cancelled before it started

const s = pool.stats();
console.log(`completed ${s.completed}, failed ${s.failed}, cancelled ${s.cancelled}, queued ${s.queued}, running ${s.running}, workers ${s.workers}`);
console.log('adds up:', s.completed + s.failed + s.cancelled + s.queued + s.running === 44);
const ms = (x) => x.toFixed(2);
console.log(`run time (ms):  min ${ms(s.runTime.min)}  mean ${ms(s.runTime.mean)}  p50 ${ms(s.runTime.p50)}  p99 ${ms(s.runTime.p99)}  max ${ms(s.runTime.max)}  (${s.runTime.count} tasks)`);
console.log(`wait time (ms): min ${ms(s.waitTime.min)}  mean ${ms(s.waitTime.mean)}  p50 ${ms(s.waitTime.p50)}  p99 ${ms(s.waitTime.p99)}  max ${ms(s.waitTime.max)}`);
await pool.shutdown();
