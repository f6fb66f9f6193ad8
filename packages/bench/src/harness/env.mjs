// The environment a run's numbers belong to; printed above the table and kept in the JSON.
import { execFileSync } from 'node:child_process';
import os from 'node:os';

export function describeEnvironment({ pinned, quick, reps, warmup, workers }) {
  return {
    node: process.version,
    v8: process.versions.v8,
    platform: `${process.platform} ${os.release()} ${process.arch}`,
    cpu: os.cpus()[0]?.model?.trim() ?? 'unknown',
    cores: os.cpus().length,
    // availableParallelism honours the affinity mask, so a pinned run reports 1 here.
    usableCores: os.availableParallelism(),
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    pinned: pinned ? 'taskset -c 0' : false,
    quick,
    reps,
    warmup,
    workers,
    commit: gitCommit(),
    date: new Date().toISOString(),
  };
}

function gitCommit() {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}
