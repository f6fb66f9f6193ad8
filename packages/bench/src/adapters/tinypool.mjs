// tinypool adapter, both runtimes. The child_process runtime gets serialization 'advanced' so
// binary payloads arrive as typed arrays (JSON would turn 1 MiB into a million-key object).
import Tinypool from 'tinypool';

const filename = new URL('../workers/tasks.cjs', import.meta.url).href;

export async function open({ workers, runtime }) {
  const pool = new Tinypool({
    filename,
    runtime,
    minThreads: workers,
    maxThreads: workers,
    ...(runtime === 'child_process' ? { serialization: 'advanced' } : {}),
  });
  return {
    call: (name, arg, transferList) =>
      pool.run(arg, transferList && runtime !== 'child_process' ? { name, transferList } : { name }),
    close: () => pool.destroy(),
  };
}
