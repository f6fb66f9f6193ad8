// Client of the bare IPC-brokered lock (the raw limit of a child_process Lock): on each 'go',
// asks the parent for the lock, increments a counter kept in a file, releases, n times, and
// reports its own time. Stays up between repetitions; the parent disconnects it at the end.
// With '-' for the path it only takes and gives back the lock: the bare round trip.
//   child ──'acquire'──▶ parent broker (grants in FIFO order) ──'granted'──▶ child
//   child ──'release'──▶ parent broker
import { closeSync, openSync, readSync, writeSync } from 'node:fs';

const [path, nArg] = process.argv.slice(2);
const n = Number(nArg);
let pending;
process.on('message', (m) => {
  if (m === 'granted') pending();
  else if (m === 'go') run();
});
const acquire = () => new Promise((resolve) => {
  pending = resolve;
  process.send('acquire');
});

async function run() {
  if (path === '-') return roundTrips();
  const fd = openSync(path, 'r+');
  const cell = Buffer.alloc(8);
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    await acquire();
    readSync(fd, cell, 0, 8, 0);
    cell.writeDoubleLE(cell.readDoubleLE(0) + 1, 0);
    writeSync(fd, cell, 0, 8, 0);
    process.send('release');
  }
  const ms = performance.now() - t0;
  closeSync(fd);
  process.send({ ms });
}
async function roundTrips() {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    await acquire();
    process.send('release');
  }
  process.send({ ms: performance.now() - t0 });
}
process.send('ready');
