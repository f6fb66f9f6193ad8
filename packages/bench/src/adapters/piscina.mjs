// piscina adapter (worker_threads). Tasks are the named exports of workers/tasks.cjs.
import { Piscina } from 'piscina';

const filename = new URL('../workers/tasks.cjs', import.meta.url).href;

export async function open({ workers }) {
  const pool = new Piscina({ filename, minThreads: workers, maxThreads: workers, idleTimeout: 60_000 });
  return {
    // `move()` is piscina's zero-copy marker: the buffer is transferred, not cloned.
    call: (name, arg, transferList) =>
      pool.run(transferList ? Piscina.move(arg) : arg, { name }),
    close: () => pool.destroy(),
  };
}
