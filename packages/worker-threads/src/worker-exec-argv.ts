// A worker inherits the parent's execArgv (so loaders such as tsx carry over), except for
// flags that only make sense for the parent's own entry: `--input-type` (set for
// `node --input-type=module -e ...`) makes Node refuse to start a worker from a file
// (ERR_INPUT_TYPE_NOT_ALLOWED).

/** The execArgv to give a worker, or undefined to keep Node's default (the parent's). */
export function workerExecArgv(parentArgv: readonly string[] = process.execArgv): string[] | undefined {
  const kept: string[] = [];
  let dropped = false;
  for (let i = 0; i < parentArgv.length; i++) {
    const arg = parentArgv[i] as string;
    if (arg === '--input-type') {
      i++; // and its value
      dropped = true;
    } else if (arg.startsWith('--input-type=')) {
      dropped = true;
    } else {
      kept.push(arg);
    }
  }
  return dropped ? kept : undefined;
}
