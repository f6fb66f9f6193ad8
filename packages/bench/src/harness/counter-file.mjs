// The cross-process contended rows count in a file: an 8-byte double that each child reads,
// increments and writes back while it holds the lock under test, so a lock that lets two
// holders in loses increments and the final count shows it.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { check } from './repeat.mjs';

/** Run `fn(path)` with a fresh zeroed counter file, removed afterwards. */
export async function withCounterFile(fn) {
  const dir = mkdtempSync(join(tmpdir(), 'weft-bench-'));
  const path = join(dir, 'counter');
  resetCounter(path);
  try {
    return await fn(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function resetCounter(path) {
  writeFileSync(path, Buffer.alloc(8));
}

export function readCounter(path) {
  return readFileSync(path).readDoubleLE(0);
}

/**
 * One timed round of forked contenders: zero the counter, send each 'go', wait for each one's
 * `{ ms }` report, check the count is exact, and return increments per second.
 */
export async function contendedRound(children, path, n, what) {
  resetCounter(path);
  const done = children.map((c) => nextReport(c));
  for (const c of children) c.send('go');
  const times = await Promise.all(done);
  const total = readCounter(path);
  check(total === children.length * n, `${what}: counter ${total}, expected ${children.length * n}`);
  return (children.length * n) / (Math.max(...times) / 1000);
}

/** The next `{ ms }` report from a child, ignoring its other traffic (lock requests). */
export function nextReport(child) {
  return new Promise((resolve) => {
    const onMessage = (m) => {
      if (m?.ms === undefined) return;
      child.off('message', onMessage);
      resolve(m.ms);
    };
    child.on('message', onMessage);
  });
}
