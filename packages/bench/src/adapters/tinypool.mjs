// tinypool adapter, both runtimes. The child_process runtime gets serialization 'advanced' so
// binary payloads arrive as typed arrays (JSON would turn 1 MiB into a million-key object),
// and the parent's environment: unless given `env`, tinypool forks children with an environment
// of only its own TINYPOOL_WORKER_ID (no PATH, no NODE_OPTIONS), where weft, workerpool,
// poolifier and a bare fork pass the parent's. That is not like for like, and not free: a
// NODE_EXTRA_CA_CERTS bundle alone costs Node 20 ~40 ms per process start.
import Tinypool from 'tinypool';

const filename = new URL('../workers/tasks.cjs', import.meta.url).href;

export async function open({ workers, runtime }) {
  const pool = new Tinypool({
    filename,
    runtime,
    minThreads: workers,
    maxThreads: workers,
    ...(runtime === 'child_process' ? { serialization: 'advanced', env: process.env } : {}),
  });
  return {
    call: (name, arg, transferList) =>
      pool.run(arg, transferList && runtime !== 'child_process' ? { name, transferList } : { name }),
    close: () => pool.destroy(),
  };
}
