// Entry of one isolated measurement process: `node child.mjs '<json array of specs>'`.
//
//   cli ──spawn([spec, ...])──▶ child: for each spec, families/<family>.mjs measure(spec)
//       ◀──stdout: "@@bench-result@@[{samples} | {error}, ...]"──
//
// A fresh process keeps JIT state, GC heaps, pools and the weft backend choice (fixed once per
// process) from leaking between implementations. A full run sends one spec per process; --quick
// sends all of one implementation's specs to one process to save start-up time. Anything the
// measured code prints passes through; only the marked line is the result.
import { fileURLToPath } from 'node:url';
import { closeReusedPools } from '../adapters/index.mjs';

export const RESULT_MARK = '@@bench-result@@';
const CLOSE_WAIT_MS = 5000;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const specs = JSON.parse(process.argv[2]);
  const results = [];
  for (const spec of specs) {
    const t0 = performance.now();
    try {
      const family = await import(`../families/${spec.family}.mjs`);
      results.push({ ...(await family.measure(spec)), seconds: (performance.now() - t0) / 1000 });
    } catch (err) {
      results.push({ error: describe(err), seconds: (performance.now() - t0) / 1000 });
    }
  }
  process.stdout.write(`\n${RESULT_MARK}${JSON.stringify(results)}\n`);
  // --quick's shared pools: closed after the results are out, so a close that hangs costs only
  // this wait, not the results; closed at all so that no pool's child holds our stdout open.
  await Promise.race([closeReusedPools().catch(() => {}), new Promise((resolve) => setTimeout(resolve, CLOSE_WAIT_MS))]);
  // Exit explicitly: a pool that lingers after close() must not turn into a bench timeout.
  process.exit(0);
}

function describe(err) {
  if (!(err instanceof Error)) return String(err);
  const firstFrame = (err.stack ?? '').split('\n').find((l) => l.trim().startsWith('at ')) ?? '';
  return `${err.name}: ${err.message}${firstFrame ? ` (${firstFrame.trim()})` : ''}`;
}
