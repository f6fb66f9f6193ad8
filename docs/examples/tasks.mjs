// The task module of the guide examples. Task modules hold tasks only: every worker imports
// this file to find the function it is asked to run (see task() in the README).
import { setTimeout as sleep } from 'node:timers/promises';
import { getIdent, task, taskSignal } from '@weft/core';

export const square = task(import.meta.url, function square(x) {
  return x * x;
});

export const scale = task(import.meta.url, function scale(x, factor) {
  return x * factor;
});

/** x², after `ms` of CPU work: a task long enough to watch. */
export const slowSquare = task(import.meta.url, function slowSquare(x, ms = 20) {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // pretend to compute
  }
  return x * x;
});

export const parseRecord = task(import.meta.url, function parseRecord(line) {
  if (!/^\d+$/.test(line)) throw new SyntaxError(`not a number: ${JSON.stringify(line)}`);
  return Number(line);
});

/** Which worker ran this: threadId (worker_threads) or pid (child_process). */
export const whoRuns = task(import.meta.url, function whoRuns() {
  return getIdent();
});

/** Stand-in for a network call: waits `ms`, then answers. */
export const fakeFetch = task(import.meta.url, async function fakeFetch(id, ms) {
  await sleep(ms);
  return { id, status: 200 };
});

/** Allocates until the worker's heap cap stops it. */
export const hoardMemory = task(import.meta.url, function hoardMemory() {
  const hoard = [];
  for (;;) hoard.push(new Array(100_000).fill(hoard.length + 0.5));
});

/**
 * Long work that checks taskSignal() between steps, and tidies up when asked to stop.
 * `started` (an Event) tells the caller it is running; `log` (a Queue) gets its last words.
 */
export const politeJob = task(import.meta.url, async function politeJob(started, log) {
  const signal = taskSignal();
  started.set();
  for (let step = 0; step < 1000; step++) {
    if (signal.aborted) {
      await log.put(`stopped cleanly at step ${step} (${signal.reason.name})`);
      return 'stopped';
    }
    await sleep(10); // one step of real work
  }
  return 'finished';
});

/** Never looks at taskSignal() and never yields: only terminating its worker stops it. */
export const stubbornJob = task(import.meta.url, async function stubbornJob(started) {
  started.set();
  await sleep(0); // let the set() reach the caller first
  for (;;) {
    // busy forever
  }
});

/** Waits for `release` (an Event), then returns `value`. */
export const waitFor = task(import.meta.url, async function waitFor(release, value) {
  await release.wait();
  return value;
});
