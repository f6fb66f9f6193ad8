// The transport baseline: answer every 'run' with one 'results' message (one result per task),
// and run lock loops on request ('lockLoop': acquire+release a root-owned Lock n times;
// 'acquireLoop': n acquires of a root-owned Semaphore with units to spare, one round trip each).
import { childProcessBackend as backend } from '../dist/index.js';

const side = backend.workerSide();
side.onMessage(async (message) => {
  if (message.type !== 'run') return;
  const first = message.tasks[0];
  if (first?.args[0] === 'lockLoop' || first?.args[0] === 'acquireLoop') {
    const [mode, lockD, n] = first.args;
    const lock = backend.revive(lockD);
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) {
      await lock.acquire({});
      if (mode === 'lockLoop') lock.release(1);
    }
    const ns = Number(process.hrtime.bigint() - t0);
    side.post({ type: 'results', results: [{ id: first.id, ok: true, value: ns / n / 1000, ms: 0 }] });
    return;
  }
  side.post({ type: 'results', results: message.tasks.map((t) => ({ id: t.id, ok: true, value: t.args[0], ms: 0 })) });
});
side.post({ type: 'ready' });
