// The Node flags a child starts with: the parent's own (so loaders such as tsx's --import, or
// --experimental-strip-types, carry over) plus the heap caps of resourceLimits.
import type { ResourceLimits } from '@weft/spi';

/** flags that must not be inherited: a second inspector on the same port fails to start */
const NOT_INHERITED = /^--(inspect|debug)(-brk|-port|-publish-uid)?(=|$)/;
/** flags we set ourselves from resourceLimits */
const FROM_LIMITS = /^--(max-old-space-size|max-semi-space-size)(=|$)/;

export function childExecArgv(limits: ResourceLimits | undefined, inherited: readonly string[] = process.execArgv): string[] {
  const argv = inherited.filter((flag) => !NOT_INHERITED.test(flag) && !(limits !== undefined && FROM_LIMITS.test(flag)));
  if (limits?.maxOldGenerationSizeMb !== undefined) argv.push(`--max-old-space-size=${Math.max(1, Math.round(limits.maxOldGenerationSizeMb))}`);
  // V8's young generation is three semi-spaces; a thread's maxYoungGenerationSizeMb caps all of it
  if (limits?.maxYoungGenerationSizeMb !== undefined) argv.push(`--max-semi-space-size=${Math.max(1, Math.round(limits.maxYoungGenerationSizeMb / 3))}`);
  // stackSizeMb is not applied: a process's main-thread stack is sized by the OS (ulimit -s),
  // and a larger --stack-size than that crashes the child instead of throwing RangeError.
  return argv;
}
