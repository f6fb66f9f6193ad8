// Measures, on this machine (latency here is bimodal: same-core vs cross-core wakeups, so
// the compared variants run alternately, ROUNDS times each, and the median is reported):
//   1. parent-driven ping-pong: bare process.send (advanced serialization) vs this transport
//   2. child-driven: a bare ping-pong from the child vs a Lock acquire+release from the child
//      (Lock owned by the parent; release is fire-and-forget, so a pair is 2 sends + 1 reply),
//      and one acquire round trip alone (a Semaphore with units to spare)
//   3. batched task messages through the transport, tasks/s (1 and 2 children)
// Run with: node bench/ipc-roundtrip.mjs (after building the package)
import { fork } from 'node:child_process';
import { childProcessBackend as backend } from '../dist/index.js';

const ROUNDS = 7;
const PINGS = 3000;
const BATCH = 64; // tasks per message, as core's chunking would send small tasks
const IN_FLIGHT = 4; // batches outstanding per child: keeps it fed while results travel
const TASKS = 200_000;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const usPer = (t0, n) => Number(process.hrtime.bigint() - t0) / n / 1000;

function bareChild() {
  const child = fork(new URL('./echo-child.cjs', import.meta.url), [], { serialization: 'advanced' });
  return {
    child,
    pingPong: () =>
      new Promise((resolve) => {
        let i = 0;
        const t0 = process.hrtime.bigint();
        const onMessage = () => {
          if (++i < PINGS) return child.send({ type: 'run', tasks: [{ id: i, fn: 0, args: [i] }] });
          child.off('message', onMessage);
          resolve(usPer(t0, PINGS));
        };
        child.on('message', onMessage);
        child.send({ type: 'run', tasks: [{ id: 0, fn: 0, args: [0] }] });
      }),
    childDriven: () =>
      new Promise((resolve) => {
        const onMessage = (m) => {
          if ('echo' in m) return child.send(m);
          child.off('message', onMessage);
          resolve(m.driven);
        };
        child.on('message', onMessage);
        child.send({ drive: PINGS });
      }),
  };
}

let lastId = 0;
function agentChild() {
  const worker = backend.spawn({ entry: new URL('./echo-agent.mjs', import.meta.url), boot: { protocol: 1, backend: 'child_process', name: 'bench' } });
  let onResults = () => {};
  const ready = new Promise((resolve) =>
    worker.onMessage((m) => {
      if (m.type === 'ready') resolve();
      else if (m.type === 'results') onResults(m.results);
    }),
  );
  const post = (args) => worker.post({ type: 'run', tasks: [{ id: ++lastId, fn: 0, args }] });
  return {
    worker,
    ready,
    setOnResults: (f) => (onResults = f),
    pingPong: () =>
      new Promise((resolve) => {
        let i = 0;
        const t0 = process.hrtime.bigint();
        onResults = () => {
          if (++i < PINGS) return post([i]);
          resolve(usPer(t0, PINGS));
        };
        post([0]);
      }),
    lockPairs: (lockD, mode = 'lockLoop') =>
      new Promise((resolve) => {
        onResults = (rs) => resolve(rs[0].value);
        post([mode, lockD, PINGS]);
      }),
  };
}

async function latency() {
  const bare = bareChild();
  const agent = agentChild();
  await agent.ready;
  const lock = backend.createSemLock({ kind: 'lock', value: 1, max: 1 }).describe();
  const units = backend.createSemLock({ kind: 'semaphore', value: 2 ** 40, max: Infinity }).describe();
  const r = { bare: [], transport: [], bareChild: [], lock: [], acquire: [] };
  for (let i = 0; i < ROUNDS; i++) {
    r.bare.push(await bare.pingPong());
    r.transport.push(await agent.pingPong());
    r.bareChild.push(await bare.childDriven());
    r.lock.push(await agent.lockPairs(lock));
    r.acquire.push(await agent.lockPairs(units, 'acquireLoop'));
  }
  bare.child.kill();
  await agent.worker.terminate();
  return Object.fromEntries(Object.entries(r).map(([k, v]) => [k, median(v)]));
}

async function batchedThroughput(children) {
  const agents = Array.from({ length: children }, agentChild);
  await Promise.all(agents.map((a) => a.ready));
  const results = [];
  for (let r = 0; r < 5; r++) {
    let sent = 0;
    let received = 0;
    const t0 = process.hrtime.bigint();
    await new Promise((resolve) => {
      const sendBatch = (agent) => {
        if (sent >= TASKS) return;
        const n = Math.min(BATCH, TASKS - sent);
        sent += n;
        agent.worker.post({ type: 'run', tasks: Array.from({ length: n }, (_, k) => ({ id: ++lastId, fn: 0, args: [k] })) });
      };
      for (const agent of agents) {
        agent.setOnResults((rs) => {
          received += rs.length;
          if (received >= TASKS) return resolve();
          sendBatch(agent);
        });
        for (let k = 0; k < IN_FLIGHT; k++) sendBatch(agent);
      }
    });
    results.push(TASKS / (Number(process.hrtime.bigint() - t0) / 1e9));
  }
  await Promise.all(agents.map((a) => a.worker.terminate()));
  return median(results);
}

const l = await latency();
const one = await batchedThroughput(1);
const two = await batchedThroughput(2);
const f = (x) => x.toFixed(1).padStart(6);
console.log(`parent-driven ping-pong, bare process.send:  ${f(l.bare)} µs`);
console.log(`parent-driven ping-pong, this transport:     ${f(l.transport)} µs  (${(l.transport / l.bare).toFixed(2)}× bare)`);
console.log(`child-driven ping-pong, bare process.send:   ${f(l.bareChild)} µs`);
console.log(`Lock acquire+release from a child:           ${f(l.lock)} µs  (${(l.lock / l.bareChild).toFixed(2)}× bare child-driven)`);
console.log(`one acquire round trip from a child:         ${f(l.acquire)} µs  (${(l.acquire / l.bareChild).toFixed(2)}× bare child-driven)`);
console.log(`batched tasks (${BATCH}/message, ${IN_FLIGHT} in flight), 1 child:   ${Math.round(one).toLocaleString('en')} tasks/s`);
console.log(`batched tasks (${BATCH}/message, ${IN_FLIGHT} in flight), 2 children: ${Math.round(two).toLocaleString('en')} tasks/s`);
