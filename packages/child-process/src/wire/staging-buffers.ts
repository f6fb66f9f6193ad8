// Buffers for large frames, handed back once the pipe has written them and lent again, so a
// burst of large payloads writes into memory already paged in instead of fresh mallocs.
//
// Sizes are rounded up to 64 KiB, and a buffer is lent only for its own rounded size: the same
// payload sent again finds its buffer. At most POOLED_BYTES wait in the pool; a buffer handed
// back beyond that is left to the garbage collector, and so is the whole pool once nothing
// has been borrowed for IDLE_MS (a process that sent large payloads once does not keep the
// memory).
const STEP = 64 * 1024;
const POOLED_BYTES = 64 * 1024 * 1024;
const IDLE_MS = 2000;

const free = new Map<number, ArrayBuffer[]>();
const lent = new WeakSet<ArrayBuffer>();
let pooledBytes = 0;
let borrowedSinceCheck = false;
let idleCheck: ReturnType<typeof setTimeout> | undefined;

function checkIdle(): void {
  idleCheck = undefined;
  if (borrowedSinceCheck) {
    borrowedSinceCheck = false;
    scheduleIdleCheck();
    return;
  }
  free.clear();
  pooledBytes = 0;
}

function scheduleIdleCheck(): void {
  if (idleCheck !== undefined) return;
  idleCheck = setTimeout(checkIdle, IDLE_MS);
  idleCheck.unref();
}

/** a buffer of `size` bytes (contents undefined), to be handed back with `giveBack` */
export function borrowBuffer(size: number): Buffer {
  const rounded = Math.ceil(size / STEP) * STEP;
  borrowedSinceCheck = true;
  let backing = free.get(rounded)?.pop();
  if (backing === undefined) backing = Buffer.allocUnsafeSlow(rounded).buffer as ArrayBuffer;
  else pooledBytes -= rounded;
  lent.add(backing);
  return Buffer.from(backing, 0, size);
}

/** `bytes` (from `borrowBuffer`) may be lent again: nothing reads or writes it any more */
export function giveBack(bytes: Buffer): void {
  const backing = bytes.buffer as ArrayBuffer;
  if (!lent.delete(backing)) return;
  if (pooledBytes + backing.byteLength > POOLED_BYTES) return;
  pooledBytes += backing.byteLength;
  let list = free.get(backing.byteLength);
  if (list === undefined) free.set(backing.byteLength, (list = []));
  list.push(backing);
  scheduleIdleCheck();
}

/** bytes waiting in the pool (for tests) */
export function pooledStagingBytes(): number {
  return pooledBytes;
}
