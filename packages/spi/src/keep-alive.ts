// A pending Atomics.waitAsync or IPC reply does not keep Node's event loop alive, so a
// program awaiting a Lock could exit mid-wait. Every pending wait holds one reference here;
// while any is held a single ref'd timer keeps the process alive. An idle process holds none.

const IDLE_TIMER_MS = 2 ** 30; // never fires in practice; it only exists to be ref'd
let holders = 0;
let timer: ReturnType<typeof setInterval> | undefined;

/** Take a reference; call the returned function (idempotent) when the wait settles. */
export function holdProcessAlive(): () => void {
  if (holders++ === 0) timer = setInterval(() => {}, IDLE_TIMER_MS);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (--holders === 0 && timer !== undefined) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}
