// Raw limits of child_process IPC (fork), no pool in between. Cases: pingpong (json and
// advanced serialization, µs), pingpong-pipe (numbers as text on an extra stdio pipe, the
// transport weft's child_process backend uses, µs), burst (N numbers echoed by 2 children, msgs/s), startup (fork
// to first reply, ms), payload (1 MiB to 2 children, advanced, msgs/s), lock (a bare
// IPC-brokered lock, two children incrementing a file counter, ops/s), lock-rt (that lock taken
// and given back by one child, advanced: acquire → grant, release — the three messages of a
// remote Lock acquire+release, µs).
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { contendedRound, nextReport, withCounterFile } from '../harness/counter-file.mjs';
import { MIB, payloadBuffers } from '../harness/payload-buffers.mjs';
import { check, repeat, timeMs } from '../harness/repeat.mjs';
import { scatter } from '../harness/scatter.mjs';
import { latencySample } from './latency.mjs';

const echo = fileURLToPath(new URL('../workers/raw-process-echo.mjs', import.meta.url));
const pipeEcho = fileURLToPath(new URL('../workers/raw-pipe-echo.mjs', import.meta.url));
const lockChild = fileURLToPath(new URL('../workers/raw-ipc-lock-child.mjs', import.meta.url));

export async function measure({ caseId, params, reps, warmup, workers }) {
  const run = { pingpong, 'pingpong-pipe': pingpongPipe, burst, startup, payload, lock, 'lock-rt': lockRoundTrip }[caseId];
  if (!run) throw new Error(`raw-ipc: unknown case ${caseId}`);
  return { samples: await run({ params, reps, warmup, workers }) };
}

const spawnEcho = (serialization) => fork(echo, [], { serialization, stdio: 'inherit' });
const stop = (cs) => Promise.all(cs.map((c) => (c.exitCode === null ? (c.kill(), once(c, 'exit')) : null)));

async function pingpong({ params, reps, warmup }) {
  const c = spawnEcho(params.serialization);
  const prefix = params.serialization === 'json' ? 'raw.ipc-json' : 'raw.ipc-adv';
  try {
    return await repeat({ reps, warmup }, async () => {
      const us = new Array(params.roundTrips);
      for (let i = 0; i < params.roundTrips; i++) {
        const t0 = performance.now();
        c.send(i);
        const [r] = await once(c, 'message');
        us[i] = (performance.now() - t0) * 1000;
        check(r === i + 1, 'raw ipc ping-pong echo');
      }
      return latencySample(prefix, us);
    });
  } finally {
    await stop([c]);
  }
}

async function pingpongPipe({ params, reps, warmup }) {
  const c = fork(pipeEcho, [], { stdio: ['inherit', 'inherit', 'inherit', 'pipe', 'ipc'] });
  const pipe = c.stdio[3];
  pipe.setEncoding('latin1');
  let pending = '';
  let answer;
  pipe.on('data', (text) => {
    pending += text;
    const end = pending.indexOf('\n');
    if (end < 0) return;
    const r = Number(pending.slice(0, end));
    pending = pending.slice(end + 1);
    answer(r);
  });
  try {
    return await repeat({ reps, warmup }, async () => {
      const us = new Array(params.roundTrips);
      for (let i = 0; i < params.roundTrips; i++) {
        const t0 = performance.now();
        const reply = new Promise((resolve) => (answer = resolve));
        pipe.write(`${i}\n`);
        const r = await reply;
        us[i] = (performance.now() - t0) * 1000;
        check(r === i + 1, 'raw pipe ping-pong echo');
      }
      return latencySample('raw.pipe', us);
    });
  } finally {
    pipe.end();
    await stop([c]);
  }
}

const sendTo = (c, item) => c.send(item);

async function burst({ params, reps, warmup, workers }) {
  const cs = Array.from({ length: workers }, () => spawnEcho('advanced'));
  try {
    const items = Array.from({ length: params.tasks }, (_, i) => i);
    return await repeat({ reps, warmup }, async () => {
      const { ms, value } = await timeMs(() => scatter(cs, items, sendTo));
      check(value.length === items.length, 'raw ipc burst: lost replies');
      return { 'raw.ipc.burst': items.length / (ms / 1000) };
    });
  } finally {
    await stop(cs);
  }
}

async function startup({ reps, warmup }) {
  return repeat({ reps, warmup }, async () => {
    const t0 = performance.now();
    const c = spawnEcho('advanced');
    c.send(41);
    const [r] = await once(c, 'message');
    const ms = performance.now() - t0;
    check(r === 42, 'raw fork start-up echo');
    await stop([c]);
    return { 'raw.fork.startup': ms };
  });
}

async function payload({ params, reps, warmup, workers }) {
  const cs = Array.from({ length: workers }, () => spawnEcho('advanced'));
  try {
    return await repeat({ reps, warmup }, async () => {
      const buffers = payloadBuffers(params.tasks);
      const { ms, value } = await timeMs(() => scatter(cs, buffers, sendTo));
      check(value.every((v) => v === MIB), 'raw ipc payload size');
      return { 'raw.ipc.payload': params.tasks / (ms / 1000) };
    });
  } finally {
    await stop(cs);
  }
}

/** The bare IPC-brokered lock: this process is the broker, FIFO grants, two contending children. */
async function lock({ params, reps, warmup, workers }) {
  return withCounterFile(async (path) => {
    const cs = Array.from({ length: workers }, () => fork(lockChild, [path, String(params.n)], { stdio: 'inherit' }));
    brokerLock(cs);
    try {
      await Promise.all(cs.map((c) => once(c, 'message'))); // 'ready' from each
      return await repeat({ reps, warmup }, async () => ({
        'raw.ipc.lock2': await contendedRound(cs, path, params.n, 'raw ipc lock'),
      }));
    } finally {
      await stop(cs);
    }
  });
}

/** One child taking and giving back the bare lock n times (no counter), timed in the child. */
async function lockRoundTrip({ params, reps, warmup }) {
  const c = fork(lockChild, ['-', String(params.n)], { serialization: 'advanced', stdio: 'inherit' });
  brokerLock([c]);
  try {
    await once(c, 'message'); // 'ready'
    return await repeat({ reps, warmup }, async () => {
      const report = nextReport(c);
      c.send('go');
      return { 'raw.ipc.lock-rt': ((await report) * 1000) / params.n };
    });
  } finally {
    await stop([c]);
  }
}

/** This process as the broker of one bare lock for `cs`: FIFO grants, nothing else. */
function brokerLock(cs) {
  let holder = null;
  const waiting = [];
  const grant = (c) => {
    holder = c;
    c.send('granted');
  };
  for (const c of cs) {
    c.on('message', (m) => {
      if (m === 'acquire') holder ? waiting.push(c) : grant(c);
      else if (m === 'release') {
        holder = null;
        const next = waiting.shift();
        if (next) grant(next);
      }
    });
  }
}
