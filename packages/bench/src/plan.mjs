// What one bench run measures: each entry is one family case, run once per implementation,
// each in its own subprocess. `params(impl, quick)` sizes the work: --quick shrinks it to keep the
// whole run under 60 s (a slower host read 66.8 s on 2026-12-06; cut then: the 2 ms row's tasks,
// map items, async-mutex's operations, CPU task length): less work per repetition, never fewer
// repetitions.
import { POOL_IMPLS } from './adapters/index.mjs';

const WEFT = ['weft-threads', 'weft-process'];
const isProcess = (impl) => impl === 'weft-process';
// 1 MiB tasks per repetition. Moving 64 buffers between threads takes 2–5 ms, short enough that
// one GC pause in a worker halves a repetition's rate; 256 let those pauses average out. Copies
// (64 took 15–70 ms) and process pools showed the same, their medians swinging 1.5× between
// runs of the same code, so every payload row sends 256.
const PAYLOAD_TASKS = 256;
const payloadTasks = (quick) => (quick ? 16 : PAYLOAD_TASKS);
// Start-up rows run in this many fresh processes per implementation (full runs), interleaved
// with the other implementations' start-up processes. On these VMs every start-up in one
// process lands in the same of two modes (a fork to first reply read ~70 or ~100 ms for a whole
// process), so one process per implementation made the row a coin toss between modes.
const STARTUP_ROUNDS = 5;
// 1 MiB payload rows run in this many fresh processes per implementation (full runs), for the
// same reason: how fast a process moves 1 MiB buffers depends on what memory the kernel and
// glibc hand it, which is settled per process (one process of a pool read 813 tasks/s, a later
// one 1,580), so one process per implementation made the row follow that draw.
const PAYLOAD_ROUNDS = 3;
// Round-trip rows (task latency, the Lock round trip from a child, and the bare ping-pongs and
// lock they are compared with) run in this many rounds, each round's rows back to back. The
// host's speed drifts over minutes: in one pinned session a bare fork IPC ping-pong read 39 µs
// and, half an hour later, 58; measured minutes apart, a ratio followed that drift.
const ROUND_TRIP_ROUNDS = 3;
const roundTrips = { rounds: ROUND_TRIP_ROUNDS, group: 'round-trips' };
// CPU rows run in this many rounds of fresh processes, --reps split between them (at least two
// a round), the serial reference with them. With one process per implementation, minutes apart,
// the 1- and 2-worker rows followed the host's drift and each process's own speed: five of six
// full runs on 2026-12-06 marked weft's threads or processes behind the fastest pool ("!") on
// one of those rows, at 0.94–0.99×, where every pool runs the same 8 × 100 ms of work.
const CPU_ROUNDS = 3;
const cpuRounds = { rounds: CPU_ROUNDS, group: 'cpu', repsPerRound: (reps) => Math.max(2, Math.ceil(reps / CPU_ROUNDS)) };
// Medium CPU tasks: many of ~2 ms, where the round trip between two tasks on one worker (its
// result to the parent, the next task back: ~1 ms between processes with every core busy) is a
// real share of the work. Pools that keep one task per worker in flight pay it for every task.
export const MEDIUM_TASK_MS = 2;
// Each pool process of that row runs at most MEDIUM_REPS_PER_ROUND bursts after its warm-up
// (1,200 calls of the task, warm-up included); more repetitions take more rounds, never longer
// ones. On Node 20, piscina's and tinypool's workers (threads and processes alike) inline a task
// this small into their own message handler once the handler is hot, after ~1,600 calls, and
// from then on run it ~4× slower (in-task 2.1 → 8.7 ms; not on Node 22; docs/performance.md).
// The row measures the pools, not that V8 quirk, so no process gets that far.
const MEDIUM_REPS_PER_ROUND = 2;
const mediumRounds = { group: 'cpu', rounds: (reps) => Math.max(CPU_ROUNDS, Math.ceil(reps / MEDIUM_REPS_PER_ROUND)), repsPerRound: () => MEDIUM_REPS_PER_ROUND };
const mediumParams = (quick, cpu) => ({ tasks: quick ? 50 : 400, iterations: Math.max(1, Math.round((cpu.iterations * MEDIUM_TASK_MS) / cpu.taskMs)) });
// Entries with rounds run round by round (see cli.mjs planJobs). Within a round, entries of one
// `group` run back to back, so a raw limit is measured next to the pools it is compared with
// rather than minutes later, after the other group's rows (the host's speed drifts in between:
// one pinned run's first round of pool start-ups read 27% slow, its raw Worker start-up, taken
// ~2 minutes later, did not). Each round starts further along its group's list, so no
// implementation always runs first, right after the other group's heavy rows.

export const PLAN = [
  // pools
  { family: 'throughput', caseId: 'submit', rows: ['submit'], impls: POOL_IMPLS, params: (_, q) => ({ tasks: q ? 2_000 : 20_000 }) },
  { family: 'throughput', caseId: 'submit-plain', rows: ['submit.plain'], impls: WEFT, params: (_, q) => ({ tasks: q ? 2_000 : 20_000 }) },
  { family: 'throughput', caseId: 'map', rows: ['map', 'map.chunk100'], impls: POOL_IMPLS, params: (_, q) => ({ items: q ? 25_000 : 200_000 }) },
  { family: 'latency', caseId: 'sequential', rows: ['latency.p50', 'latency.p99'], impls: POOL_IMPLS, ...roundTrips, params: (_, q) => ({ roundTrips: q ? 500 : 2_000 }) },
  { family: 'cpu', caseId: 'serial', rows: ['cpu.serial'], impls: ['raw-thread'], ...cpuRounds, params: (_, q, cpu) => cpu },
  { family: 'cpu', caseId: 'scaling', rows: ['cpu.1w', 'cpu.2w', 'cpu.speedup'], impls: POOL_IMPLS, ...cpuRounds, params: (_, q, cpu) => cpu },
  { family: 'cpu', caseId: 'medium', rows: ['cpu.medium'], impls: POOL_IMPLS, ...mediumRounds, params: (_, q, cpu) => mediumParams(q, cpu) },
  { family: 'startup', caseId: 'startup', rows: ['startup'], impls: POOL_IMPLS, rounds: STARTUP_ROUNDS, group: 'startup', params: () => ({}) },
  { family: 'payload', caseId: 'copy', rows: ['payload.copy'], impls: POOL_IMPLS, rounds: PAYLOAD_ROUNDS, group: 'payload', params: (_, q) => ({ tasks: payloadTasks(q) }) },
  { family: 'payload', caseId: 'transfer', rows: ['payload.transfer'], impls: POOL_IMPLS, rounds: PAYLOAD_ROUNDS, group: 'payload', params: (_, q) => ({ tasks: payloadTasks(q) }) },
  // primitives
  { family: 'weft-primitives', caseId: 'lock-uncontended', rows: ['lock.uncontended'], impls: WEFT, params: (_, q) => ({ ops: q ? 100_000 : 500_000 }) },
  // (async-mutex does ~0.3M ops/s: 100,000 took 2.3 s of a quick run)
  { family: 'lock-peers', caseId: 'async-mutex-uncontended', rows: ['lock.uncontended'], impls: ['async-mutex'], params: (_, q) => ({ ops: q ? 20_000 : 500_000 }) },
  { family: 'weft-primitives', caseId: 'lock-roundtrip', rows: ['lock.rt'], impls: WEFT, ...roundTrips, params: (i, q) => ({ n: isProcess(i) ? (q ? 2_000 : 4_000) : 50_000 }) },
  { family: 'lock-peers', caseId: 'lockfile-roundtrip', rows: ['lock.rt'], impls: ['proper-lockfile'], params: (_, q) => ({ n: q ? 50 : 200 }) },
  { family: 'weft-primitives', caseId: 'lock-contended', rows: ['lock.contended'], impls: WEFT, params: (i, q) => ({ n: isProcess(i) ? (q ? 250 : 2_000) : 20_000 }) },
  { family: 'lock-peers', caseId: 'lockfile-contended', rows: ['lock.contended'], impls: ['proper-lockfile'], params: (_, q) => ({ n: q ? 5 : 100 }) },
  { family: 'weft-primitives', caseId: 'queue', rows: ['queue'], impls: WEFT, params: (i, q) => ({ n: isProcess(i) ? (q ? 500 : 5_000) : 20_000 }) },
  // raw limits
  { family: 'raw-port', caseId: 'pingpong', rows: ['raw.port.p50', 'raw.port.p99'], impls: ['raw-thread'], ...roundTrips, params: (_, q) => ({ roundTrips: q ? 500 : 2_000 }) },
  { family: 'raw-port', caseId: 'oneway', rows: ['raw.port.oneway'], impls: ['raw-thread'], params: (_, q) => ({ messages: q ? 50_000 : 200_000 }) },
  { family: 'raw-port', caseId: 'burst', rows: ['raw.port.burst'], impls: ['raw-thread'], params: (_, q) => ({ tasks: q ? 2_000 : 20_000 }) },
  { family: 'raw-port', caseId: 'startup', rows: ['raw.worker.startup'], impls: ['raw-thread'], rounds: STARTUP_ROUNDS, group: 'startup', params: () => ({}) },
  { family: 'raw-port', caseId: 'payload', rows: ['raw.port.payload.copy', 'raw.port.payload.transfer'], impls: ['raw-thread'], rounds: PAYLOAD_ROUNDS, group: 'payload', params: (_, q) => ({ tasks: payloadTasks(q), movedTasks: payloadTasks(q) }) },
  { family: 'raw-sab', caseId: 'pingpong', rows: ['raw.sab.p50'], impls: ['raw-thread'], params: (_, q) => ({ roundTrips: q ? 1_000 : 10_000 }) },
  { family: 'raw-sab', caseId: 'pingpong-async', rows: ['raw.sab-async.p50'], impls: ['raw-thread'], params: (_, q) => ({ roundTrips: q ? 1_000 : 10_000 }) },
  { family: 'raw-sab', caseId: 'mutex', rows: ['raw.sab.mutex'], impls: ['raw-thread'], params: (_, q) => ({ ops: q ? 1_000_000 : 5_000_000 }) },
  { family: 'raw-sab', caseId: 'mutex2', rows: ['raw.sab.mutex2'], impls: ['raw-thread'], params: (_, q) => ({ n: q ? 50_000 : 200_000 }) },
  { family: 'raw-ipc', caseId: 'pingpong', label: 'pingpong-json', rows: ['raw.ipc-json.p50'], impls: ['raw-process'], ...roundTrips, params: (_, q) => ({ roundTrips: q ? 500 : 2_000, serialization: 'json' }) },
  { family: 'raw-ipc', caseId: 'pingpong', label: 'pingpong-advanced', rows: ['raw.ipc-adv.p50', 'raw.ipc-adv.p99'], impls: ['raw-process'], ...roundTrips, params: (_, q) => ({ roundTrips: q ? 500 : 2_000, serialization: 'advanced' }) },
  { family: 'raw-ipc', caseId: 'pingpong-pipe', rows: ['raw.pipe.p50'], impls: ['raw-process'], ...roundTrips, params: (_, q) => ({ roundTrips: q ? 500 : 2_000 }) },
  { family: 'raw-ipc', caseId: 'burst', rows: ['raw.ipc.burst'], impls: ['raw-process'], params: (_, q) => ({ tasks: q ? 2_000 : 20_000 }) },
  { family: 'raw-ipc', caseId: 'startup', rows: ['raw.fork.startup'], impls: ['raw-process'], rounds: STARTUP_ROUNDS, group: 'startup', params: () => ({}) },
  { family: 'raw-ipc', caseId: 'payload', rows: ['raw.ipc.payload'], impls: ['raw-process'], rounds: PAYLOAD_ROUNDS, group: 'payload', params: (_, q) => ({ tasks: payloadTasks(q) }) },
  { family: 'raw-ipc', caseId: 'lock', rows: ['raw.ipc.lock2'], impls: ['raw-process'], params: (_, q) => ({ n: q ? 250 : 4_000 }) },
  { family: 'raw-ipc', caseId: 'lock-rt', rows: ['raw.ipc.lock-rt'], impls: ['raw-process'], ...roundTrips, params: (_, q) => ({ n: q ? 2_000 : 4_000 }) },
];

/** The name --only matches against: family/case (or family/label where one case runs twice). */
export const specName = (entry) => `${entry.family}/${entry.label ?? entry.caseId}`;
