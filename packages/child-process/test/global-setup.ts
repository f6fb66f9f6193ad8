// The fixtures fork children that load the BUILT package (dist), as core's workers do.
// Rebuild it when a source file is newer than dist, so tests never run stale code.
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

export default function setup(): void {
  let built = 0;
  try {
    built = statSync(join(root, 'dist/index.js')).mtimeMs;
  } catch {
    // not built yet
  }
  if (built < newestMtime(join(root, 'src'))) {
    execFileSync(process.execPath, [join(root, '../../node_modules/tsup/dist/cli-default.js')], { cwd: root, stdio: 'inherit' });
  }
}
