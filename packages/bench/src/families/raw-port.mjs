// Raw limits of worker_threads messaging, with no pool in between: what one postMessage per
// task costs. Cases: pingpong (sequential, µs), oneway (msgs/s into one worker), burst (N
// numbers echoed by 2 workers, msgs/s — the submit row's raw limit), startup (new Worker to
// first reply, ms), payload copy/transfer (1 MiB to 2 workers, msgs/s).
import { Worker } from 'node:worker_threads';
import { once } from 'node:events';
import { MIB, payloadBuffers } from '../harness/payload-buffers.mjs';
import { check, repeat, timeMs } from '../harness/repeat.mjs';
import { scatter } from '../harness/scatter.mjs';
import { latencySample } from './latency.mjs';

const echoUrl = new URL('../workers/raw-thread-echo.mjs', import.meta.url);
const sinkUrl = new URL('../workers/raw-thread-sink.mjs', import.meta.url);

export async function measure({ caseId, params, reps, warmup, workers }) {
  const run = { pingpong, oneway, burst, startup, payload }[caseId];
  if (!run) throw new Error(`raw-port: unknown case ${caseId}`);
  return { samples: await run({ params, reps, warmup, workers }) };
}

async function pingpong({ params, reps, warmup }) {
  const w = new Worker(echoUrl);
  try {
    return await repeat({ reps, warmup }, async () => {
      const us = new Array(params.roundTrips);
      for (let i = 0; i < params.roundTrips; i++) {
        const t0 = performance.now();
        w.postMessage(i);
        const [r] = await once(w, 'message');
        us[i] = (performance.now() - t0) * 1000;
        check(r === i + 1, 'raw port ping-pong echo');
      }
      return latencySample('raw.port', us);
    });
  } finally {
    await w.terminate();
  }
}

async function oneway({ params, reps, warmup }) {
  const n = params.messages;
  const w = new Worker(sinkUrl, { workerData: { expect: n } });
  try {
    return await repeat({ reps, warmup }, async () => {
      const { ms, value } = await timeMs(async () => {
        const done = once(w, 'message');
        for (let i = 0; i < n; i++) w.postMessage(i);
        return (await done)[0];
      });
      check(value === n, `raw port one-way: sink saw ${value} of ${n}`);
      return { 'raw.port.oneway': n / (ms / 1000) };
    });
  } finally {
    await w.terminate();
  }
}

const postTo = (w, item) => w.postMessage(item);
const moveTo = (w, item) => w.postMessage(item, [item.buffer]);

async function burst({ params, reps, warmup, workers }) {
  const ws = Array.from({ length: workers }, () => new Worker(echoUrl));
  try {
    const items = Array.from({ length: params.tasks }, (_, i) => i);
    return await repeat({ reps, warmup }, async () => {
      const { ms, value } = await timeMs(() => scatter(ws, items, postTo));
      check(value.length === items.length, 'raw port burst: lost replies');
      return { 'raw.port.burst': items.length / (ms / 1000) };
    });
  } finally {
    await Promise.all(ws.map((w) => w.terminate()));
  }
}

async function startup({ reps, warmup }) {
  return repeat({ reps, warmup }, async () => {
    const t0 = performance.now();
    const w = new Worker(echoUrl);
    w.postMessage(41);
    const [r] = await once(w, 'message');
    const ms = performance.now() - t0;
    check(r === 42, 'raw worker start-up echo');
    await w.terminate();
    return { 'raw.worker.startup': ms };
  });
}

async function payload({ params, reps, warmup, workers }) {
  const ws = Array.from({ length: workers }, () => new Worker(echoUrl));
  try {
    return await repeat({ reps, warmup }, async () => {
      const sample = {};
      for (const mode of ['copy', 'transfer']) {
        const tasks = mode === 'transfer' ? params.movedTasks : params.tasks;
        const buffers = payloadBuffers(tasks);
        const { ms, value } = await timeMs(() => scatter(ws, buffers, mode === 'transfer' ? moveTo : postTo));
        check(value.every((v) => v === MIB), 'raw port payload size');
        sample[`raw.port.payload.${mode}`] = tasks / (ms / 1000);
      }
      return sample;
    });
  } finally {
    await Promise.all(ws.map((w) => w.terminate()));
  }
}
