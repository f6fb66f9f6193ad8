// The live processes whose environment carries `NAME=value` (Linux /proc). weft passes a child
// the parent's whole environment, so a tag set on a scenario reaches its children and
// grandchildren: that is how run.mjs finds what a scenario left behind.
import { readFileSync, readdirSync } from 'node:fs';

export const TAG_NAME = 'WEFT_CHAOS_TAG';

export function taggedProcesses(value) {
  const needle = `${TAG_NAME}=${value}\0`;
  const pids = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (!readFileSync(`/proc/${entry}/environ`, 'latin1').includes(needle)) continue;
      const stat = readFileSync(`/proc/${entry}/stat`, 'latin1');
      if (stat[stat.lastIndexOf(')') + 2] === 'Z') continue; // exited, not yet reaped
      pids.push(Number(entry));
    } catch {
      // gone while we looked, or not ours to read
    }
  }
  return pids;
}
