// A pending Atomics.waitAsync or IPC reply does not keep Node's event loop alive, so a
// program awaiting a Lock could exit mid-wait. Every pending wait holds one reference here;
// while any is held a single ref'd timer keeps the process alive. An idle process holds none.
// The timer is made once and only ref'd/unref'd after that: a remote Lock acquire takes and
// drops a reference every time, and creating and clearing a timer each time cost more.

const IDLE_TIMER_MS = 2 ** 30; // never fires in practice; it only exists to be ref'd
let holders = 0;
let timer: ReturnType<typeof setInterval> | undefined;

/** Take a reference; call the returned function (idempotent) when the wait settles. */
export function holdProcessAlive(): () => void {
  if (holders++ === 0) {
    timer ??= setInterval(() => {}, IDLE_TIMER_MS);
    timer.ref();
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (--holders === 0) timer?.unref();
  };
}
