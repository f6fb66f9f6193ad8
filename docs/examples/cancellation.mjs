// Cooperative cancellation: taskSignal() inside the task, a grace period for tasks that ignore it.
// Run: node docs/examples/cancellation.mjs
import { AbortError, Event, Queue, WorkerPoolExecutor, pmap } from '@weft/core';
import { politeJob, slowSquare, stubbornJob, waitFor } from './tasks.mjs';

const pool = new WorkerPoolExecutor({ maxWorkers: 2, abortGracePeriod: 200 });

// 1. A task that watches taskSignal() stops by itself and keeps its worker.
const started = new Event();
const lastWords = new Queue();
const polite = new AbortController();
const politeFuture = pool.submitWith({ signal: polite.signal }, politeJob, started, lastWords);
await started.wait();
polite.abort();
console.log('polite future:', (await politeFuture.exception()).name);
console.log('polite job:', await lastWords.get());

// 2. A task that ignores it is terminated after abortGracePeriod — only its own worker.
const release = new Event();
const otherCaller = pool.submit(waitFor, release, 'other caller finished normally');
const stubbornStarted = new Event();
const stubborn = new AbortController();
const stubbornFuture = pool.submitWith({ signal: stubborn.signal }, stubbornJob, stubbornStarted);
await stubbornStarted.wait();
stubborn.abort();
console.log('stubborn future:', (await stubbornFuture.exception()).name);
release.set();
console.log(await otherCaller);
await pool.shutdown();

// 3. pmap takes a signal too: here a deadline. What runs is told to stop; the rest never starts.
try {
  await pmap(slowSquare, Array.from({ length: 1000 }, (_, i) => i), { args: [20], signal: AbortSignal.timeout(200) });
} catch (err) {
  console.log('pmap:', err.name, '| is AbortError:', err instanceof AbortError);
}
