// The doorbell in isolation: a ring from another thread reaches a thread that spins on it and
// one asleep on it, and a wait that runs out says so.
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, test } from 'vitest';
import { Doorbell } from '../src/doorbell.js';

// Rings the bell it is given each time it is asked to.
const RINGER = `
const { parentPort, workerData } = require('node:worker_threads');
const cell = new Int32Array(workerData);
parentPort.on('message', () => { Atomics.add(cell, 0, 1); Atomics.notify(cell, 0); });
parentPort.postMessage('ready');`;

describe('doorbell', () => {
  let ringer: Worker | undefined;
  afterEach(async () => {
    await ringer?.terminate();
    ringer = undefined;
  });

  async function startRinger(bell: Doorbell): Promise<Worker> {
    ringer = new Worker(RINGER, { eval: true, workerData: bell.buffer });
    await once(ringer, 'message');
    return ringer;
  }

  test.each(['spin', 'sleep'] as const)('a ring from another thread ends a %s', async (wait) => {
    const bell = new Doorbell();
    const other = await startRinger(bell);
    const seen = bell.rung();
    other.postMessage('ring');
    expect(bell[wait](seen, 30_000)).toBe(true);
    expect(bell.rung()).toBe(seen + 1);
  });

  test('a bell that already moved past `seen` returns at once; one that never rings runs out', () => {
    const bell = new Doorbell();
    const seen = bell.rung();
    bell.ring();
    expect(bell.spin(seen, 30_000)).toBe(true);
    expect(bell.sleep(seen, 30_000)).toBe(true);
    expect(bell.spin(bell.rung(), 0.2)).toBe(false);
    expect(bell.sleep(bell.rung(), 1)).toBe(false);
  });
});
