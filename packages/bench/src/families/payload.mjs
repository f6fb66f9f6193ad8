// 1 MiB payloads: N tasks, each given its own 1 MiB Uint8Array, submitted at once (tasks/s).
// 'copy' clones the bytes; 'transfer' moves the ArrayBuffer (weft transfer(), piscina move(),
// the others' transferList). Process pools always copy. Buffers are allocated before the clock.
import { openPool } from '../adapters/index.mjs';
import { check, repeat, timeMs } from '../harness/repeat.mjs';

const MIB = 1 << 20;

export async function measure({ impl, caseId, params, reps, warmup, workers }) {
  const pool = await openPool(impl, { workers });
  const moveIt = caseId === 'transfer';
  try {
    return {
      samples: await repeat({ reps, warmup }, async () => {
        const buffers = Array.from({ length: params.tasks }, () => new Uint8Array(MIB));
        const { ms, value } = await timeMs(() =>
          Promise.all(buffers.map((b) => pool.call('byteLength', b, moveIt ? [b.buffer] : undefined))),
        );
        check(value.every((v) => v === MIB), `payload: a task saw ${value.find((v) => v !== MIB)} bytes`);
        return { [`payload.${caseId}`]: params.tasks / (ms / 1000) };
      }),
    };
  } finally {
    await pool.close();
  }
}
