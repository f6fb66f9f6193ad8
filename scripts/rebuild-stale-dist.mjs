// For backend test suites whose fixtures load the BUILT package (dist), as core's workers do:
// rebuild it with tsup when a source file is newer than dist, so tests never run stale code.
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const tsup = fileURLToPath(new URL('../node_modules/tsup/dist/cli-default.js', import.meta.url));

/** @param {string} dir @returns {number} */
function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** @param {string} packageRoot @returns {number} */
function builtMtime(packageRoot) {
  try {
    return statSync(join(packageRoot, 'dist/index.js')).mtimeMs;
  } catch {
    return 0; // not built yet
  }
}

/** Rebuild `packageRoot`'s dist when its src/ has changed since. @param {string} packageRoot */
export function rebuildStaleDist(packageRoot) {
  if (builtMtime(packageRoot) < newestMtime(join(packageRoot, 'src'))) {
    execFileSync(process.execPath, [tsup], { cwd: packageRoot, stdio: 'inherit' });
  }
}
