// Fixtures run in worker threads that load the BUILT package (dist), as core's workers do.
// Rebuild when a source file is newer than dist, so tests never exercise stale code.
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageRoot = fileURLToPath(new URL('..', import.meta.url));

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function builtMtime(): number {
  try {
    return statSync(join(packageRoot, 'dist/index.js')).mtimeMs;
  } catch {
    return 0;
  }
}

export default function setup(): void {
  if (builtMtime() < newestMtime(join(packageRoot, 'src'))) {
    const tsup = join(packageRoot, '../../node_modules/tsup/dist/cli-default.js');
    execFileSync(process.execPath, [tsup], { cwd: packageRoot, stdio: 'inherit' });
  }
}
