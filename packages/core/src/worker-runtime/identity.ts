// Who this thread/process is, as set by the worker entry (unset in the main one). Kept on
// globalThis so the ESM and CJS copies of weft in one worker agree.
const KEY = Symbol.for('weft.workerName');
const store = globalThis as Record<symbol, string | undefined>;

export function setWorkerName(name: string): void {
  store[KEY] = name;
}
export function runtimeWorkerName(): string | undefined {
  return store[KEY];
}
