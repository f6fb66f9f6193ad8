// Guard against the classic fork bomb: a worker imports a task module, the module's top-level
// code starts a pool, whose workers import the module again… Python's multiprocessing refuses
// the same thing ("start a new process before … bootstrapping"). While a worker imports a task
// module, starting workers is an error that says what to do instead.
import { fileURLToPath } from 'node:url';
import { importModule, requireModule } from '../internal/loader-hooks.js';

const KEY = Symbol.for('weft.importingTaskModule');
const store = globalThis as Record<symbol, string | undefined>;

export async function importTaskModule(url: string): Promise<unknown> {
  const outer = store[KEY];
  store[KEY] = url;
  try {
    return await loadModule(url);
  } finally {
    store[KEY] = outer;
  }
}

export function assertNotImportingTaskModule(what: string): void {
  const url = store[KEY];
  if (url !== undefined) {
    throw new Error(
      `${what} was called while a worker was importing the task module ${url}: the module's top-level code starts workers, so every worker would start more. Keep the main program out of task modules (put tasks in their own file), or guard it with \`if (isMainWorker()) { … }\``,
    );
  }
}

/**
 * A CommonJS task module (.cjs) is required: the same module instance import() would give, but
 * a worker that never meets an ES module then never starts Node's ESM loader (~4 ms of its
 * start-up). Anything else is imported.
 */
function loadModule(url: string): Promise<unknown> {
  if (!url.startsWith('file:') || !url.endsWith('.cjs')) return importModule(url);
  return Promise.resolve(requireModule(fileURLToPath(url)));
}
