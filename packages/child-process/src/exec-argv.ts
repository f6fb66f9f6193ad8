// The Node flags a child starts with: the parent's own (so loaders such as tsx's --import, or
// --experimental-strip-types, carry over) plus the heap caps of resourceLimits, minus what
// belongs to the parent's way of starting: `node -e code` would make every child run `code`
// instead of the worker entry, --inspect would clash on the port, --watch/--test would wrap it.
import type { ResourceLimits } from '@weft/spi';

const NOT_INHERITED =
  /^(-e|-p|-c|-i|--eval|--print|--check|--interactive|--input-type|--inspect(-brk|-port|-publish-uid|-wait)?|--debug(-brk|-port)?|--watch(-path|-preserve-output)?|--test(-[a-z-]+)?)(=|$)/;
/** of those, the ones whose value may be the next token (`-e code`, `--watch-path dir`) */
const TAKES_VALUE = /^(-e|-p|--eval|--print|--input-type|--inspect-port|--debug-port|--watch-path|--test-[a-z-]+)$/;
/** flags set here from resourceLimits, so the parent's own values of them are dropped */
const FROM_LIMITS = /^--(max-old-space-size|max-semi-space-size)(=|$)/;

export function childExecArgv(limits: ResourceLimits | undefined, inherited: readonly string[] = process.execArgv): string[] {
  const argv: string[] = [];
  for (let i = 0; i < inherited.length; i++) {
    const flag = inherited[i] as string;
    if (NOT_INHERITED.test(flag)) {
      if (TAKES_VALUE.test(flag)) i++; // and its value
      continue;
    }
    if (limits !== undefined && FROM_LIMITS.test(flag)) continue;
    argv.push(flag);
  }
  if (limits?.maxOldGenerationSizeMb !== undefined) argv.push(`--max-old-space-size=${Math.max(1, Math.round(limits.maxOldGenerationSizeMb))}`);
  // V8's young generation is three semi-spaces; a thread's maxYoungGenerationSizeMb caps all of it
  if (limits?.maxYoungGenerationSizeMb !== undefined) argv.push(`--max-semi-space-size=${Math.max(1, Math.round(limits.maxYoungGenerationSizeMb / 3))}`);
  // stackSizeMb is not applied: a process's main-thread stack is sized by the OS (ulimit -s),
  // and a larger --stack-size than that crashes the child instead of throwing RangeError.
  return argv;
}
