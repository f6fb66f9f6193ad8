// proper-lockfile contender: on each 'go', n increments of a counter file, each under
// lockfile.lock() with tight retries (the library's own contention handling); reports its own
// time. Stays up between repetitions; the parent disconnects it at the end.
import lockfile from 'proper-lockfile';
import { closeSync, openSync, readSync, writeSync } from 'node:fs';

const [path, nArg] = process.argv.slice(2);
const n = Number(nArg);
// Retry every 1-2 ms: fast enough to contend hard, slow enough not to burn the other core.
const RETRIES = { retries: 100_000, factor: 1, minTimeout: 1, maxTimeout: 2 };

process.on('message', async (m) => {
  if (m !== 'go') return;
  const fd = openSync(path, 'r+');
  const cell = Buffer.alloc(8);
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const release = await lockfile.lock(path, { retries: RETRIES, realpath: false });
    readSync(fd, cell, 0, 8, 0);
    cell.writeDoubleLE(cell.readDoubleLE(0) + 1, 0);
    writeSync(fd, cell, 0, 8, 0);
    await release();
  }
  const ms = performance.now() - t0;
  closeSync(fd);
  process.send({ ms });
});
process.send('ready');
