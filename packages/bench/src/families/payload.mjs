// 1 MiB payloads: N tasks, each given its own 1 MiB Uint8Array, submitted at once (tasks/s).
// 'copy' clones the bytes; 'transfer' moves the ArrayBuffer (weft transfer(), piscina move(),
// the others' transferList). Buffers are made and written before the clock (payload-buffers.mjs).
import { openPool } from '../adapters/index.mjs';
import { MIB, payloadBuffers } from '../harness/payload-buffers.mjs';
import { check, repeat, timeMs } from '../harness/repeat.mjs';

export async function measure({ impl, caseId, params, reps, warmup, workers, reusePools: reuse }) {
  const pool = await openPool(impl, { workers, reuse });
  const moveIt = caseId === 'transfer';
  try {
    return {
      samples: await repeat({ reps, warmup }, async () => {
        const buffers = payloadBuffers(params.tasks);
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
