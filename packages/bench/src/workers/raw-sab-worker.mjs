// Bare SharedArrayBuffer + Atomics partners for the raw limits, chosen by workerData.role:
//   'ponger'  answers ping-pongs on cell 0 (1 = ping, 2 = pong) with Atomics.wait/notify;
//   'pinger'  times N ping-pongs against a ponger and posts the per-round-trip µs;
//   'locker'  increments a plain counter N times under a futex-style SAB mutex.
import { parentPort, workerData } from 'node:worker_threads';

const { role, sab, n } = workerData;
const cell = new Int32Array(sab);

if (role === 'ponger') {
  for (let i = 0; i < n; i++) {
    let v;
    while ((v = Atomics.load(cell, 0)) !== 1) Atomics.wait(cell, 0, v);
    Atomics.store(cell, 0, 2);
    Atomics.notify(cell, 0);
  }
  parentPort.postMessage('done');
} else if (role === 'pinger') {
  const us = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    Atomics.store(cell, 0, 1);
    Atomics.notify(cell, 0);
    while (Atomics.load(cell, 0) === 1) Atomics.wait(cell, 0, 1);
    us[i] = (performance.now() - t0) * 1000;
  }
  parentPort.postMessage(us);
} else if (role === 'locker') {
  // cell[0]: 0 free, 1 locked, 2 locked with waiters (Drepper's "futexes are tricky" mutex 2);
  // cell[1]: the counter, updated non-atomically so only the mutex keeps it exact;
  // cell[2]: a start line, so both lockers begin together and really contend.
  if (Atomics.add(cell, 2, 1) === 1) Atomics.notify(cell, 2);
  else while (Atomics.load(cell, 2) < 2) Atomics.wait(cell, 2, 1);
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    lock();
    cell[1] = cell[1] + 1;
    unlock();
  }
  parentPort.postMessage(performance.now() - t0);
}

function lock() {
  let c = Atomics.compareExchange(cell, 0, 0, 1);
  if (c === 0) return;
  if (c !== 2) c = Atomics.exchange(cell, 0, 2);
  while (c !== 0) {
    Atomics.wait(cell, 0, 2);
    c = Atomics.exchange(cell, 0, 2);
  }
}

function unlock() {
  if (Atomics.sub(cell, 0, 1) !== 1) {
    Atomics.store(cell, 0, 0);
    Atomics.notify(cell, 0, 1);
  }
}
