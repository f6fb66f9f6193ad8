// Scenario: the parent is SIGKILLed (by run.mjs) mid-map. One child spins in 50 ms turns under a
// Lock; another runs a nested pool whose two grandchildren spin for a minute, one ignoring SIGTERM.
// Prints "ready" once the grandchildren spin; then waits to be killed.
import { Barrier, Lock, WorkerPoolExecutor } from '@weft/core';
import { holdWhileSpinning, spinInGrandchildren } from './tasks.mjs';

const lock = new Lock();
const arrived = new Barrier(3);
const pool = new WorkerPoolExecutor({ maxWorkers: 2 });
pool.submit(spinInGrandchildren, 60_000, arrived).catch(() => {});
pool.starmap(holdWhileSpinning, Array.from({ length: 10_000 }, () => [lock, 50])).catch(() => {});
await arrived.wait();
console.log('ready');
setInterval(() => {}, 1 << 30);
