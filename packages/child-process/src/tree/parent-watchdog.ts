// A child must not outlive its parent, even while a task keeps its event loop busy: then the
// channel's 'disconnect' (parent-link.ts) cannot run until the task returns, which may be
// minutes. A small thread of the child's own checks every WATCH_EVERY_MS whether the child was
// re-parented (its parent died, even by SIGKILL) and then ends the process: SIGTERM, and
// SIGKILL if it still runs GRACE_MS later (a task's own SIGTERM handler cannot run while the
// event loop is blocked). Each grandchild has its own watchdog, so a whole subtree goes.
import { builtin } from '@weft/spi';

/** how often the thread looks at the parent pid: the longest an orphan lives on, roughly */
export const WATCH_EVERY_MS = 100;
/** SIGTERM → SIGKILL for an orphaned child that does not end on SIGTERM */
export const GRACE_MS = 1000;

const WATCHDOG_SOURCE = `
const { workerData: { parentPid, every, grace } } = require('node:worker_threads');
const timer = setInterval(() => {
  if (process.ppid === parentPid) return;
  clearInterval(timer);
  process.kill(process.pid, 'SIGTERM');
  setTimeout(() => process.kill(process.pid, 'SIGKILL'), grace);
}, every);
`;

/** Start the watchdog for a child whose parent is `parentPid`. It never keeps the child alive. */
export function watchParent(parentPid: number): void {
  let watchdog: import('node:worker_threads').Worker;
  try {
    const { Worker } = builtin('node:worker_threads') ?? {};
    if (typeof Worker !== 'function') return; // no threads here: 'disconnect' alone ends the child, once it is idle
    watchdog = new Worker(WATCHDOG_SOURCE, {
      eval: true,
      workerData: { parentPid, every: WATCH_EVERY_MS, grace: GRACE_MS },
      // none of the parent's loaders or flags: this thread runs only the lines above
      execArgv: [],
      env: {},
      // It prints nothing and opens nothing. Without these, `new Worker` pipes the thread's
      // stdout and stderr into the process's own and tracks its fds: 1.9 → 1.4 ms of the
      // child's main thread at start-up, on the way to its first result.
      stdout: true,
      stderr: true,
      trackUnmanagedFds: false,
    });
  } catch {
    return; // it could not start (a thread limit, too little memory): the child goes on without it
  }
  watchdog.on('error', () => {}); // nor does a watchdog that fails later take the child down
  watchdog.unref();
}
