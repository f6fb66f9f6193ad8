// Scenario: one of two children is SIGKILLed `delay` ms into a map whose tasks take turns holding
// a Lock. The map must reject with WorkerCrashedError naming an item, the Lock must be free again,
// and the pool must map on. A child killed while it was still starting ran nothing: then the map
// must instead finish, every item run by the other children. Exit code 0 when all of that holds.
import { Lock, WorkerCrashedError, WorkerPoolExecutor, activeChildren } from '@weft/core';
import { holdWhileSpinning } from './tasks.mjs';
import { fail, report } from './verdict.mjs';

const delay = Number(process.argv[2] ?? 200);
const lock = new Lock();
const pool = new WorkerPoolExecutor({ maxWorkers: 2 });
const run = pool.starmap(holdWhileSpinning, Array.from({ length: 400 }, () => [lock, 20]));
let victim;
setTimeout(() => {
  const children = activeChildren();
  victim = children[Math.floor(Math.random() * children.length)].ident;
  process.kill(victim, 'SIGKILL');
}, delay);
let index;
try {
  const pids = await run; // each item returns the pid of the child that ran it
  if (victim === undefined) fail(`the map finished within ${delay} ms, before the kill; make it longer`);
  if (pids.includes(victim)) fail('the map finished although a child was killed while it ran the map');
  index = 'none: killed before it ran anything';
} catch (err) {
  if (!(err instanceof WorkerCrashedError)) fail(`the map rejected with ${err?.name}: ${err?.message}, not WorkerCrashedError`);
  index = err.weft?.index;
  if (!Number.isInteger(index)) fail(`WorkerCrashedError does not name the item (weft.index is ${index})`);
}
if (!(await lock.acquire({ timeout: 5000 }))) fail('the Lock was not free again 5 s after the holder died');
lock.release();
const after = await pool.starmap(holdWhileSpinning, [[lock, 1], [lock, 1]]);
if (after.length !== 2) fail('the pool did not map on after the crash');
await pool.shutdown();
report({ delay, failedItem: index });
