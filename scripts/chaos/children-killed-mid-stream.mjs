// Scenario: `kills` children are SIGKILLed, 100 ms apart, while 300 tasks with 1 MiB arguments
// stream to them. Exactly one task per kill may fail, each with WorkerCrashedError; every other
// task returns its argument's size; the pool then works on. Exit code 0 when all of that holds.
import { WorkerCrashedError, WorkerPoolExecutor, activeChildren } from '@weft/core';
import { byteLength } from './tasks.mjs';
import { fail, report } from './verdict.mjs';

const MIB = 1 << 20;
const kills = Number(process.argv[2] ?? 2);
const pool = new WorkerPoolExecutor({ maxWorkers: 2 });
const runs = Array.from({ length: 300 }, () => pool.submit(byteLength, new Uint8Array(MIB)));
let killed = 0;
const killer = setInterval(() => {
  const child = activeChildren()[0];
  if (child !== undefined && killed < kills) {
    killed++;
    process.kill(child.ident, 'SIGKILL');
  }
}, 100);
const settled = await Promise.allSettled(runs);
clearInterval(killer);
const failed = settled.filter((s) => s.status === 'rejected');
if (failed.length > killed) fail(`${failed.length} tasks failed for ${killed} killed children`);
for (const f of failed) if (!(f.reason instanceof WorkerCrashedError)) fail(`a task failed with ${f.reason?.name}, not WorkerCrashedError`);
for (const s of settled) if (s.status === 'fulfilled' && s.value !== MIB) fail(`a task returned ${s.value}, not ${MIB}`);
if ((await pool.submit(byteLength, new Uint8Array(3))) !== 3) fail('the pool did not work on after the kills');
await pool.shutdown();
report({ killed, failed: failed.length });
