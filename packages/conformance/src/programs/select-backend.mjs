// Reports which backend @weft/core selects in this process and runs one task on it.
// --without=SharedArrayBuffer | --without=Atomics.waitAsync simulates a runtime that lacks the
// capability (deleted before @weft/core is loaded). Prints one JSON line: { backend, result } or { error }.
const without = process.argv.find((a) => a.startsWith('--without='))?.slice('--without='.length);
if (without === 'SharedArrayBuffer') delete globalThis.SharedArrayBuffer;
if (without === 'Atomics.waitAsync') delete Atomics.waitAsync;

try {
  const { WorkerPoolExecutor, getBackend } = await import('@weft/core');
  const { square } = await import('../fixtures/arithmetic.mjs');
  const backend = getBackend();
  const pool = new WorkerPoolExecutor({ maxWorkers: 1 });
  const result = await pool.submit(square, 7);
  await pool.shutdown();
  console.log(JSON.stringify({ backend, result }));
} catch (err) {
  // (stack only for diagnosis; tests compare name and message)
  console.log(JSON.stringify({ error: { name: err?.name, message: err?.message }, stack: err?.stack }));
}
