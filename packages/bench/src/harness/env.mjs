// The environment a run's numbers belong to; printed above the table and kept in the JSON.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
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
    // Other work on the machine skews every row; the report warns when the 1-minute load was high.
    loadAtStart: os.loadavg()[0],
    commit: gitCommit(),
    versions: peerVersions(),
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

const PEERS = ['piscina', 'tinypool', 'workerpool', 'poolifier', 'async-mutex', 'proper-lockfile'];
function peerVersions() {
  const out = {};
  for (const name of PEERS) {
    try {
      // Read the file: some peers' "exports" do not expose package.json to require().
      const url = new URL(`../../node_modules/${name}/package.json`, import.meta.url);
      out[name] = JSON.parse(readFileSync(url, 'utf8')).version;
    } catch {
      out[name] = 'not installed';
    }
  }
  return out;
}
