// What every spawn needs: where core's worker entry is, and the boot data (name, backend,
// and the tsx loader to register when the parent runs under tsx on Node < 22, where
// `--import tsx` does not reach worker threads).
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { builtin, PROTOCOL_VERSION, type BackendName, type WorkerBootData } from '@weft/spi';

let entry: URL | undefined;
/** dist/worker-entry.cjs, next to the bundle (dist/weft.cjs). */
export function workerEntryUrl(): URL {
  return (entry ??= new URL('./worker-entry.cjs', import.meta.url));
}

let tsxApi: string | null | undefined;
/** The URL of tsx's ESM register API if this process was started under tsx. */
export function detectTsxApi(): string | undefined {
  if (tsxApi === undefined) tsxApi = findTsxApi();
  return tsxApi ?? undefined;
}

function findTsxApi(): string | null {
  const args = process.execArgv;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const value = a.includes('=') ? a.slice(a.indexOf('=') + 1) : a.startsWith('--') ? (args[i + 1] ?? '') : a;
    if (!/tsx/.test(value)) continue;
    // tsx's CLI passes its loader by path: …/node_modules/tsx/dist/loader.mjs
    const m = /^(.*[\\/]tsx[\\/]dist)[\\/][^\\/]+$/.exec(value.startsWith('file:') ? fileURLToPath(value) : value);
    if (m) return pathToFileURL(join(m[1]!, 'esm', 'api', 'index.mjs')).href;
    // `node --import tsx`: resolve it the way the parent did, from the working directory.
    try {
      const req = builtin('node:module').createRequire(join(process.cwd(), 'noop.js'));
      return pathToFileURL(join(dirname(req.resolve('tsx/package.json')), 'dist', 'esm', 'api', 'index.mjs')).href;
    } catch {
      return null;
    }
  }
  return null;
}

export function workerBoot(backend: BackendName, name: string): WorkerBootData {
  const api = backend === 'worker_threads' && Number(process.versions.node.split('.')[0]) < 22 ? detectTsxApi() : undefined;
  return api === undefined ? { protocol: PROTOCOL_VERSION, backend, name } : { protocol: PROTOCOL_VERSION, backend, name, tsxApi: api };
}
