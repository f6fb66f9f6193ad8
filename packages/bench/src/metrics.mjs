// The table's rows, in display order: what each metric means, its unit, which direction is
// better, and which raw-limit metrics fill its "raw thr" / "raw proc" cells.
// A row's value per implementation is the median of that metric's samples over repetitions.

export const SECTIONS = [
  {
    title: 'pools (2 workers)',
    rows: [
      { id: 'submit', label: 'submit burst of x=>x+1', unit: 'tasks/s', better: 'higher', raw: { thread: 'raw.port.burst', process: 'raw.ipc.burst' } },
      { id: 'submit.plain', label: '  same, weft plain-function form', unit: 'tasks/s', better: 'higher' },
      { id: 'map', label: 'map (weft auto, peers chunk 100)', unit: 'items/s', better: 'higher' },
      { id: 'map.chunk100', label: '  weft map, chunksize 100', unit: 'items/s', better: 'higher' },
      { id: 'latency.p50', label: 'sequential latency, median', unit: 'µs', better: 'lower', raw: { thread: 'raw.port.p50', process: 'raw.ipc-adv.p50' } },
      { id: 'latency.p99', label: 'sequential latency, p99', unit: 'µs', better: 'lower', raw: { thread: 'raw.port.p99', process: 'raw.ipc-adv.p99' } },
      { id: 'cpu.1w', label: 'CPU 8 tasks, 1 worker', unit: 'ms', better: 'lower', raw: { thread: 'cpu.serial' } },
      { id: 'cpu.2w', label: 'CPU 8 tasks, 2 workers', unit: 'ms', better: 'lower', raw: { thread: 'cpu.serial' } },
      { id: 'cpu.speedup', label: 'CPU speedup, serial ÷ 2 workers', unit: '×', better: 'higher' },
      { id: 'cpu.medium', label: 'CPU tasks of ~2 ms, 2 workers', unit: 'tasks/s', better: 'higher' },
      { id: 'startup', label: 'start-up to first result', unit: 'ms', better: 'lower', raw: { thread: 'raw.worker.startup', process: 'raw.fork.startup' } },
      { id: 'payload.copy', label: '1 MiB payload, copied', unit: 'tasks/s', better: 'higher', raw: { thread: 'raw.port.payload.copy', process: 'raw.ipc.payload' } },
      { id: 'payload.transfer', label: '1 MiB payload, transferred', unit: 'tasks/s', better: 'higher', raw: { thread: 'raw.port.payload.transfer', process: 'raw.ipc.payload' } },
    ],
  },
  {
    title: 'primitives',
    rows: [
      { id: 'lock.uncontended', label: 'Lock uncontended, main thread', unit: 'ops/s', better: 'higher', raw: { thread: 'raw.sab.mutex' } },
      { id: 'lock.rt', label: 'Lock acquire+release in a worker', unit: 'µs', better: 'lower', raw: { process: 'raw.ipc.lock-rt' } },
      { id: 'lock.contended', label: 'Lock contended, 2 workers', unit: 'ops/s', better: 'higher', raw: { thread: 'raw.sab.mutex2', process: 'raw.ipc.lock2' } },
      { id: 'queue', label: 'Queue put→get, 2 workers', unit: 'items/s', better: 'higher' },
    ],
  },
  {
    title: 'raw limits (no library)',
    rows: [
      { id: 'raw.port.p50', label: 'MessagePort ping-pong, median', unit: 'µs', better: 'lower' },
      { id: 'raw.port.p99', label: 'MessagePort ping-pong, p99', unit: 'µs', better: 'lower' },
      { id: 'raw.port.oneway', label: 'MessagePort one-way', unit: 'msgs/s', better: 'higher' },
      { id: 'raw.port.burst', label: 'MessagePort echo burst, 2 workers', unit: 'msgs/s', better: 'higher' },
      { id: 'raw.sab.p50', label: 'SAB ping-pong wait/wait, median', unit: 'µs', better: 'lower' },
      { id: 'raw.sab-async.p50', label: 'SAB ping-pong waitAsync/wait, med.', unit: 'µs', better: 'lower' },
      { id: 'raw.sab.mutex', label: 'SAB mutex, uncontended, sync', unit: 'ops/s', better: 'higher' },
      { id: 'raw.sab.mutex2', label: 'SAB futex mutex, 2 workers', unit: 'ops/s', better: 'higher' },
      { id: 'raw.ipc-json.p50', label: 'fork IPC ping-pong json, median', unit: 'µs', better: 'lower' },
      { id: 'raw.ipc-adv.p50', label: 'fork IPC ping-pong adv, median', unit: 'µs', better: 'lower' },
      { id: 'raw.ipc-adv.p99', label: 'fork IPC ping-pong adv, p99', unit: 'µs', better: 'lower' },
      { id: 'raw.pipe.p50', label: 'fork stdio-pipe ping-pong (weft\'s transport), median', unit: 'µs', better: 'lower' },
      { id: 'raw.ipc.burst', label: 'fork IPC echo burst, 2 children', unit: 'msgs/s', better: 'higher' },
      { id: 'raw.ipc.lock2', label: 'IPC-brokered lock, 2 children', unit: 'ops/s', better: 'higher' },
      { id: 'raw.ipc.lock-rt', label: 'IPC-brokered lock acquire+release, 1 child', unit: 'µs', better: 'lower' },
      { id: 'raw.worker.startup', label: 'new Worker to first reply', unit: 'ms', better: 'lower' },
      { id: 'raw.fork.startup', label: 'fork to first reply', unit: 'ms', better: 'lower' },
      { id: 'cpu.serial', label: 'CPU 8 tasks, serial', unit: 'ms', better: 'lower' },
    ],
  },
];

export const ROWS = SECTIONS.flatMap((s) => s.rows);
export const ROW_BY_ID = Object.fromEntries(ROWS.map((r) => [r.id, r]));
