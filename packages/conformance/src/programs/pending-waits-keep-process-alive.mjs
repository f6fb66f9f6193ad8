// Nothing but a pending primitive wait is left for the event loop here (the timers that end the
// waits are unref'd). A pending wait must keep the process alive until it settles; if it did
// not, the process would exit early with code 13 (unsettled top-level await) and print nothing.
import { Event, Lock, getBackend } from '@weft/core';

// How long the unref'd timers wait before ending each wait. Any value works; it only has to be
// long enough that the process would already have exited if the wait did not hold it open.
const DELAY_MS = 100;

const event = new Event();
setTimeout(() => event.set(), DELAY_MS).unref();
const eventWoke = await event.wait();

const lock = new Lock();
await lock.acquire();
setTimeout(() => lock.release(), DELAY_MS).unref();
const lockAcquired = await lock.acquire();

// The lock is still held and nobody will release it: this wait must last until its timeout.
const timedOutAcquire = await lock.acquire({ timeout: DELAY_MS });

console.log(JSON.stringify({ backend: getBackend(), eventWoke, lockAcquired, timedOutAcquire }));
