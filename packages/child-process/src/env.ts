// The environment variables a parent sets for a child it forks. The child reads them once and
// removes them from process.env, so processes the user forks from a task do not mistake
// themselves for weft children.
import type { WorkerBootData } from '@weft/spi';
import { dropMallocTuning } from './malloc-tuning.js';

/** JSON of the WorkerBootData the child runtime starts with */
export const ENV_BOOT = 'WEFT_BOOT';
/** the backend children inherit (API.md: "Children inherit the choice") */
export const ENV_BACKEND = 'WEFT_BACKEND';
/** the parent's tree address (see tree/address.ts); the child appends its own pid */
export const ENV_PARENT_ADDRESS = 'WEFT_CP_PARENT';
/** the child's fd of its frame pipe (wire/frame-channel.ts) */
export const ENV_FRAME_FD = 'WEFT_CP_FRAME_FD';
/** where a parent puts that pipe: the first stdio entry after stdin, stdout and stderr */
export const CHILD_FRAME_FD = 3;

export interface ChildEnv {
  readonly boot: WorkerBootData;
  readonly parentAddress: string;
  readonly frameFd: number;
}

let taken: ChildEnv | null | undefined;

/** This process's child environment when a weft parent forked it with IPC and a frame pipe, else null. */
export function takeChildEnv(): ChildEnv | null {
  if (taken !== undefined) return taken;
  const bootJson = process.env[ENV_BOOT];
  const parentAddress = process.env[ENV_PARENT_ADDRESS];
  const frameFd = Number(process.env[ENV_FRAME_FD]);
  if (bootJson === undefined || parentAddress === undefined || !Number.isInteger(frameFd) || typeof process.send !== 'function') {
    taken = null;
    return taken;
  }
  delete process.env[ENV_BOOT];
  delete process.env[ENV_PARENT_ADDRESS];
  delete process.env[ENV_FRAME_FD];
  dropMallocTuning(process.env);
  taken = { boot: JSON.parse(bootJson) as WorkerBootData, parentAddress, frameFd };
  return taken;
}
