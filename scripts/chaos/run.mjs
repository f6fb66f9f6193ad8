#!/usr/bin/env node
// Kills weft processes at awkward moments, round after round, on the child_process backend, and
// checks that nothing waits forever and no process is left behind (issue #3's robustness).
//
//   parent-killed               the parent is SIGKILLed mid-map, its children and grandchildren busy
//   child-killed-holding-lock   a child is SIGKILLed mid-map while the children take turns on a Lock
//   children-killed-mid-stream  children are SIGKILLed while 1 MiB arguments stream to them
//
// Usage: npm run chaos -- --rounds=N (installs and builds first), or node scripts/chaos/run.mjs
// --rounds=N after a build. Linux only: it finds leftover processes through /proc.
// Not part of `npm test`: a round takes a few seconds, and the point is to run many.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { TAG_NAME, taggedProcesses } from './tagged-processes.mjs';

if (process.platform !== 'linux') {
  console.error(`chaos: this run finds leftover processes through /proc, which ${process.platform} does not have; run it on Linux`);
  process.exit(2);
}
const rounds = Number(process.argv.find((a) => a.startsWith('--rounds='))?.slice('--rounds='.length) ?? 10);
if (!Number.isInteger(rounds) || rounds < 1) {
  console.error('chaos: --rounds must be a positive integer, e.g. --rounds=20');
  process.exit(2);
}
/** how long a scenario's processes may outlive it: watchdog (100 ms) + SIGTERM → SIGKILL (1 s) + slack */
const CLEANUP_LIMIT_MS = 5000;
/** how long a scenario may take before it counts as hanging */
const HANG_LIMIT_MS = 60_000;

const scenario = (name) => fileURLToPath(new URL(`./${name}.mjs`, import.meta.url));
const randomInt = (lo, hi) => lo + Math.floor(Math.random() * (hi - lo + 1));
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function start(name, args, tag) {
  const child = spawn(process.execPath, [scenario(name), ...args.map(String)], {
    env: { ...process.env, WEFT_BACKEND: 'child_process', [TAG_NAME]: tag },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  return { child, output: () => out };
}

/** ms until no process carries `tag` any more, or null if some still do after CLEANUP_LIMIT_MS */
async function timeToClean(tag) {
  const t0 = Date.now();
  while (Date.now() - t0 < CLEANUP_LIMIT_MS) {
    if (taggedProcesses(tag).length === 0) return Date.now() - t0;
    await sleep(20);
  }
  const left = taggedProcesses(tag);
  for (const pid of left) process.kill(pid, 'SIGKILL'); // leave the machine clean for the next round
  return left.length === 0 ? CLEANUP_LIMIT_MS : null;
}

/** how the scenario ended: its exit code or signal, and whether it hung (and was killed for it) */
async function exitOf(child) {
  let hung = false;
  const timer = setTimeout(() => {
    hung = true;
    child.kill('SIGKILL');
  }, HANG_LIMIT_MS);
  const [code, signal] = await once(child, 'exit');
  clearTimeout(timer);
  return { code, signal, hung };
}

async function parentKilled(tag) {
  const { child, output } = start('parent-killed', [], tag);
  if (!(await printedReady(child, output))) {
    child.kill('SIGKILL');
    await timeToClean(tag);
    return { ok: false, why: `never got busy: ${output()}` };
  }
  await sleep(randomInt(0, 300)); // a random moment mid-map, not a synchronization
  const exited = once(child, 'exit');
  child.kill('SIGKILL');
  await exited;
  const clean = await timeToClean(tag);
  return clean === null ? { ok: false, why: 'processes outlived their killed parent' } : { ok: true, clean };
}

/** true once the scenario printed "ready"; false if it exited or HANG_LIMIT_MS passed first */
function printedReady(child, output) {
  return new Promise((resolve) => {
    const done = (ready) => {
      clearTimeout(timer);
      child.stdout.off('data', onData);
      child.off('exit', onExit);
      resolve(ready);
    };
    const onData = () => output().includes('ready') && done(true);
    const onExit = () => done(false);
    const timer = setTimeout(() => done(false), HANG_LIMIT_MS);
    child.stdout.on('data', onData);
    child.once('exit', onExit);
  });
}

async function selfChecking(name, args, tag) {
  const { child, output } = start(name, args, tag);
  const { code, signal, hung } = await exitOf(child);
  const clean = await timeToClean(tag);
  if (hung) return { ok: false, why: `hung for ${HANG_LIMIT_MS / 1000} s` };
  if (code !== 0) return { ok: false, why: output().trim() || (signal !== null ? `killed by ${signal}` : `exit code ${code}`) };
  return clean === null ? { ok: false, why: 'processes outlived the finished scenario' } : { ok: true, clean };
}

const SCENARIOS = {
  'parent-killed': (tag) => parentKilled(tag),
  'child-killed-holding-lock': (tag) => selfChecking('child-killed-holding-lock', [randomInt(50, 1500)], tag),
  'children-killed-mid-stream': (tag) => selfChecking('children-killed-mid-stream', [randomInt(1, 3)], tag),
};

const tally = Object.fromEntries(Object.keys(SCENARIOS).map((n) => [n, { runs: 0, failures: [], worstCleanMs: 0 }]));
for (let round = 1; round <= rounds; round++) {
  for (const [name, run] of Object.entries(SCENARIOS)) {
    const result = await run(randomUUID());
    const t = tally[name];
    t.runs++;
    if (result.ok) t.worstCleanMs = Math.max(t.worstCleanMs, result.clean);
    else t.failures.push(`round ${round}: ${result.why}`);
    process.stderr.write(`${result.ok ? '·' : '✗'} round ${round} ${name}${result.ok ? ` (clean after ${result.clean} ms)` : `: ${result.why}`}\n`);
  }
}

let failed = 0;
console.log('\nscenario                      runs  failed  slowest clean-up');
for (const [name, t] of Object.entries(tally)) {
  failed += t.failures.length;
  console.log(`${name.padEnd(28)}  ${String(t.runs).padStart(4)}  ${String(t.failures.length).padStart(6)}  ${t.worstCleanMs} ms`);
  for (const f of t.failures) console.log(`  ${f}`);
}
process.exit(failed === 0 ? 0 : 1);
