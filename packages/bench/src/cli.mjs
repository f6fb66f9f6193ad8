#!/usr/bin/env node
// `pnpm bench`: runs every measurement of plan.mjs (each implementation in its own process),
// takes medians, prints the table (or JSON). See docs/performance.md for how to read it.
//
//   cli ──(--pinned: re-exec under taskset -c 0)──▶ cli
//    └─ for each plan entry × implementation: spawn harness/child.mjs → samples → median
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { IMPLS } from './adapters/index.mjs';
import { compareAll } from './compare.mjs';
import { USAGE, parseArgs } from './harness/args.mjs';
import { calibrateSpin } from './harness/calibrate.mjs';
import { describeEnvironment } from './harness/env.mjs';
import { killRunning, runIsolated } from './harness/run-isolated.mjs';
import { median, spread } from './harness/stats.mjs';
import { MEDIUM_TASK_MS, PLAN, specName } from './plan.mjs';
import { renderReport } from './report.mjs';
import { checkTargets } from './targets.mjs';

const WORKERS = 2; // the issue measures everything with 2 workers (the VMs have 2 vCPUs)
const WARMUP = 1; // one untimed repetition per measurement: JIT, lazy workers, caches
const CPU_TASKS = 8;
const CPU_TASK_MS = { full: 100, quick: 3 }; // quick keeps the 9-pool CPU rows inside its budget (10 ms read 64 s in all on 2026-12-06, 5 ms 67 s on a slower host)
// A hung measurement is killed after this; generous, since it only bounds a broken row.
const TIMEOUT_MS = { full: 180_000, quick: 30_000 };

let args;
try {
  args = parseArgs(process.argv.slice(2));
} catch (err) {
  console.error(err.message);
  process.exit(2);
}
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
if (args.report) {
  const saved = JSON.parse(readFileSync(resolve(process.env.INIT_CWD ?? process.cwd(), args.report), 'utf8'));
  console.log(renderReport(saved));
  process.exit(0);
}
if (args.pinned && process.env.WEFT_BENCH_PINNED !== '1') process.exit(reExecPinned());

// Measurements run in their own process groups (so a timeout can kill a pool's workers too);
// that also puts them out of reach of the terminal's Ctrl-C, so pass it on.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    killRunning();
    process.exit(130);
  });
}

const log = (msg) => process.stderr.write(`${msg}\n`);
const env = describeEnvironment({ pinned: args.pinned, quick: args.quick, reps: args.reps, warmup: WARMUP, workers: WORKERS });
const selected = PLAN.filter((e) => args.only.length === 0 || args.only.some((w) => specName(e) === w || specName(e).includes(w) || e.rows.some((r) => r === w)))
  // an entry may size its rounds by --reps (plan.mjs, the medium CPU row)
  .map((e) => (typeof e.rounds === 'function' ? { ...e, rounds: e.rounds(args.reps) } : e));
const wantsImpl = (impl) => args.impl.length === 0 || args.impl.some((w) => impl === w || impl.startsWith(w));

let cpu;
if (selected.some((e) => e.family === 'cpu')) {
  const taskMs = CPU_TASK_MS[args.quick ? 'quick' : 'full'];
  cpu = { tasks: CPU_TASKS, taskMs, iterations: calibrateSpin(taskMs) };
  log(`calibrated: ${cpu.iterations} spin iterations ≈ ${taskMs} ms per CPU task`);
}

env.sizes = workSizes();
const started = performance.now();
const samples = {}; // metric → impl → number[]
const errors = [];
for (const job of planJobs()) {
  const specs = job.map(({ entry, impl }) => ({
    family: entry.family,
    caseId: entry.caseId,
    impl,
    params: entry.params(impl, args.quick, cpu),
    // a full run's rounds may share the repetitions out (plan.mjs); --quick has no rounds
    reps: args.quick ? args.reps : (entry.repsPerRound?.(args.reps) ?? args.reps),
    warmup: WARMUP,
    workers: WORKERS,
    // --quick runs one implementation's rows in one process: let them share its pools
    reusePools: args.quick,
  }));
  const t0 = performance.now();
  const timeoutMs = TIMEOUT_MS[args.quick ? 'quick' : 'full'] * job.length;
  const outcomes = await runIsolated(specs, { env: IMPLS[job[0].impl].env, timeoutMs, verbose: args.verbose });
  const took = ((performance.now() - t0) / 1000).toFixed(1);
  job.forEach(({ entry, impl }, i) => {
    const result = outcomes[i];
    const name = `${specName(entry)} [${impl}]`;
    if (result.error) {
      log(`✗ ${name}: ${result.error}`);
      errors.push({ spec: specName(entry), impl, rows: entry.rows, error: result.error });
      return;
    }
    // a measurement run in several processes (rounds) adds its samples up
    for (const [metric, values] of Object.entries(result.samples)) (samples[metric] ??= {})[impl] = [...(samples[metric]?.[impl] ?? []), ...values];
    if (job.length > 1 && args.verbose) log(`  ${name} ${result.seconds.toFixed(1)} s`);
  });
  log(`· ${job.length === 1 ? `${specName(job[0].entry)} [${job[0].impl}]` : `${job[0].impl}: ${job.length} measurements`} ${took} s`);
}

const results = {};
for (const [metric, byImpl] of Object.entries(samples)) {
  results[metric] = {};
  for (const [impl, values] of Object.entries(byImpl)) results[metric][impl] = { median: median(values), spread: spread(values), samples: values };
}
env.loadAtEnd = os.loadavg()[0];
env.seconds = Math.round((performance.now() - started) / 100) / 10;
log(`done in ${env.seconds} s`);

const json = { env, results, comparisons: compareAll(results), targets: checkTargets(results, { pinned: Boolean(env.pinned), quick: Boolean(env.quick) }), errors };
if (args.jsonFile) {
  // pnpm runs scripts inside the package; a relative path means where the user typed the command.
  const file = resolve(process.env.INIT_CWD ?? process.cwd(), args.jsonFile);
  writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
  log(`results written to ${file}`);
}
if (args.json) process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
else console.log(renderReport({ env, results, errors }));
process.exit(errors.length > 0 ? 1 : 0);

/** The work sizes of this run (quick shrinks some), printed under the table's title. */
function workSizes() {
  const p = (caseId) => PLAN.find((e) => e.caseId === caseId).params('weft-threads', args.quick, cpu);
  return {
    submitTasks: p('submit').tasks,
    mapItems: p('map').items,
    roundTrips: p('sequential').roundTrips,
    cpu: cpu ? `${cpu.tasks} × ${cpu.taskMs} ms (${cpu.iterations} iterations)` : 'not run',
    cpuMedium: cpu ? `${p('medium').tasks} × ${MEDIUM_TASK_MS} ms` : 'not run',
    payloadTasks: p('copy').tasks,
    movedTasks: PLAN.find((e) => e.caseId === 'transfer').params('weft-threads', args.quick).tasks,
  };
}

/**
 * The processes to run: a full run gives every (plan entry, implementation) its own process;
 * --quick runs all of one implementation's entries in one process (a fresh pool per entry).
 */
function planJobs() {
  const pairs = selected.flatMap((entry) => entry.impls.filter(wantsImpl).map((impl) => ({ entry, impl })));
  if (!args.quick) {
    // Measurements with rounds run that many times, each in a fresh process, all of them
    // together where the first one was: round 1 of every one of them, then round 2, …
    // Within a round, a group's entries run together (plan.mjs), in the order groups first appear.
    const rounded = pairs.filter((p) => (p.entry.rounds ?? 1) > 1);
    const groups = [...new Set(rounded.map((p) => p.entry.group))];
    const most = Math.max(0, ...rounded.map((p) => p.entry.rounds));
    const jobs = [];
    for (const p of pairs) {
      if (!rounded.includes(p)) jobs.push([p]);
      else if (p === rounded[0]) {
        for (let r = 0; r < most; r++) {
          for (const g of groups) for (const q of rotated(rounded.filter((q) => q.entry.group === g), r)) if (r < q.entry.rounds) jobs.push([q]);
        }
      }
    }
    return jobs;
  }
  const byImpl = new Map();
  for (const p of pairs) byImpl.set(p.impl, [...(byImpl.get(p.impl) ?? []), p]);
  return [...byImpl.values()];
}

/**
 * A group's entries in round r, each round starting further along the list, so that no
 * implementation always runs first in a round, right after the other group's heavy rows, and
 * over the rounds every one takes positions spread from first to last.
 */
function rotated(group, r) {
  const rounds = Math.max(...group.map((q) => q.entry.rounds));
  const k = (r * Math.ceil(group.length / rounds)) % group.length;
  return [...group.slice(k), ...group.slice(0, k)];
}

function reExecPinned() {
  const self = fileURLToPath(import.meta.url);
  const r = spawnSync('taskset', ['-c', '0', process.execPath, self, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, WEFT_BENCH_PINNED: '1' },
  });
  if (r.error) {
    console.error(`bench --pinned: could not run taskset (${r.error.message}); install util-linux or run without --pinned`);
    return 2;
  }
  return r.status ?? 1;
}
