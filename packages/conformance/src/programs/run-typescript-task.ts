// A TypeScript program, run with `node --import tsx`, whose task module is TypeScript too:
// workers (threads) and children (processes) must load the .ts module through the same loader.
import { WorkerPoolExecutor, Worker, getBackend } from '@weft/core';
import { distanceFromOrigin } from '../fixtures/measure-typed.js';

const typedModule = new URL('../fixtures/measure-typed.ts', import.meta.url);

const pool = new WorkerPoolExecutor({ maxWorkers: 2 });
const submitted = await pool.submit(distanceFromOrigin, { x: 3, y: 4 });
const mapped = await pool.map(distanceFromOrigin, [{ x: 6, y: 8 }, { x: 5, y: 12 }]);
const byModule = await pool.submit({ module: typedModule, name: 'doubledDistance' }, { x: 3, y: 4 });
await pool.shutdown();

// A Worker whose target lives in the TypeScript module: it exits 0 only if the module loaded.
const worker = new Worker({ target: distanceFromOrigin, args: [{ x: 1, y: 1 }], name: 'typed' });
const workerError: string[] = [];
worker.on('error', (err: unknown) => workerError.push(String(err)));
worker.start();
const joined = await worker.join({ timeout: 10_000 });

console.log(JSON.stringify({ backend: getBackend(), submitted, mapped, byModule, joined, workerExitCode: worker.exitCode, workerError }));
