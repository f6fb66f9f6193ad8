// poolifier adapter: FixedThreadPool (ESM worker) or FixedClusterPool (CommonJS worker,
// forked by node:cluster with serialization 'advanced' for binary payloads).
import { FixedClusterPool, FixedThreadPool } from 'poolifier';
import { fileURLToPath } from 'node:url';

const threadWorker = fileURLToPath(new URL('../workers/poolifier-thread-worker.mjs', import.meta.url));
const clusterWorker = fileURLToPath(new URL('../workers/poolifier-cluster-worker.cjs', import.meta.url));

export async function open({ workers, type }) {
  const pool =
    type === 'cluster'
      ? new FixedClusterPool(workers, clusterWorker, { settings: { serialization: 'advanced' } })
      : new FixedThreadPool(workers, threadWorker);
  return {
    call: (name, arg, transferList) =>
      pool.execute(arg, name, undefined, transferList && type === 'thread' ? transferList : undefined),
    close: () => destroy(pool),
  };
}

// poolifier's destroy() holds nothing that keeps the event loop alive while it waits for its
// workers, so `await pool.destroy()` as a script's last act can exit with code 13 (unsettled
// top-level await); and on this machine it sometimes never settles at all (seen ~1 in 5 after a
// burst of 1,000 tasks). Closing is never timed, so the bench waits a bounded while and moves on.
const DESTROY_GRACE_MS = 1_000; // far above a normal destroy (10-30 ms here); only bounds the hang (2 s cost a pinned --quick run ~4 s)
async function destroy(pool) {
  let timer;
  const gaveUp = new Promise((resolve) => (timer = setTimeout(resolve, DESTROY_GRACE_MS, 'timeout')));
  try {
    if ((await Promise.race([pool.destroy(), gaveUp])) === 'timeout') {
      process.stderr.write(`bench: poolifier destroy() did not settle within ${DESTROY_GRACE_MS} ms; continuing\n`);
    }
  } finally {
    clearTimeout(timer);
  }
}
