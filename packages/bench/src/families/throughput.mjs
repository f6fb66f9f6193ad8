// Tiny-task throughput: N `x => x + 1` tasks submitted at once (tasks/s), and the same kind of
// work as a parallel map over an array (items/s) — weft with automatic chunking, peers with
// hand-made chunks of 100 (their best practice; none of them chunks by itself).
import { openPool } from '../adapters/index.mjs';
import { check, repeat, timeMs } from '../harness/repeat.mjs';

const PEER_CHUNK = 100; // the "hand-tuned chunks of 100"

export async function measure({ impl, caseId, params, reps, warmup, workers, reusePools: reuse }) {
  const pool = await openPool(impl, { workers, reuse });
  try {
    if (caseId === 'submit') return { samples: await repeat({ reps, warmup }, () => submitBurst(pool, params.tasks)) };
    if (caseId === 'submit-plain') return { samples: await repeat({ reps, warmup }, () => submitPlain(pool, params.tasks)) };
    if (caseId === 'map') return { samples: await repeat({ reps, warmup }, () => mapItems(pool, params.items)) };
    throw new Error(`throughput: unknown case ${caseId}`);
  } finally {
    await pool.close();
  }
}

async function submitBurst(pool, n) {
  const { ms, value } = await timeMs(() => {
    const pending = new Array(n);
    for (let i = 0; i < n; i++) pending[i] = pool.call('inc', i);
    return Promise.all(pending);
  });
  check(value.length === n && value[n - 1] === n, `submit: last result ${value[n - 1]}, expected ${n}`);
  return { submit: n / (ms / 1000) };
}

/** weft only: the plain-function form, sent as source and compiled once per worker. */
async function submitPlain(pool, n) {
  if (!pool.pool) throw new Error('submit-plain is a weft-only case');
  const { ms, value } = await timeMs(() => {
    const pending = new Array(n);
    for (let i = 0; i < n; i++) pending[i] = pool.pool.submit((x) => x + 1, i);
    return Promise.all(pending);
  });
  check(value[n - 1] === n, `submit-plain: last result ${value[n - 1]}, expected ${n}`);
  return { 'submit.plain': n / (ms / 1000) };
}

async function mapItems(pool, n) {
  const items = Array.from({ length: n }, (_, i) => i);
  const sample = {};
  if (pool.map) {
    // weft: automatic chunking, then (for reference) the peers' hand-tuned chunk of 100.
    const auto = await timeMs(() => pool.map('inc', items));
    checkMapped(auto.value, n);
    sample.map = n / (auto.ms / 1000);
    const manual = await timeMs(() => pool.map('inc', items, { chunksize: PEER_CHUNK }));
    checkMapped(manual.value, n);
    sample['map.chunk100'] = n / (manual.ms / 1000);
  } else {
    const { ms, value } = await timeMs(async () => {
      const chunks = [];
      for (let i = 0; i < n; i += PEER_CHUNK) chunks.push(pool.call('incChunk', items.slice(i, i + PEER_CHUNK)));
      return (await Promise.all(chunks)).flat();
    });
    checkMapped(value, n);
    sample.map = n / (ms / 1000);
  }
  return sample;
}

function checkMapped(out, n) {
  check(out.length === n && out[0] === 1 && out[n - 1] === n, `map: got ${out.length} results ending ${out[n - 1]}`);
}
