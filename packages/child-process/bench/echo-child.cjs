// Bare baselines. Parent-driven: echo every IPC message straight back. Child-driven
// ({ drive: n }): send n messages one at a time, each after the parent's echo of the last,
// and report the µs per round trip.
let next = null;
process.on('message', async (m) => {
  if (m !== null && typeof m === 'object' && 'drive' in m) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < m.drive; i++) {
      await new Promise((resolve) => {
        next = resolve;
        process.send({ echo: i });
      });
    }
    process.send({ driven: Number(process.hrtime.bigint() - t0) / m.drive / 1000 });
  } else if (m !== null && typeof m === 'object' && 'echo' in m) next?.();
  else process.send(m);
});
