// weft against the best peer of the same kind on one row: the ratio of medians, and whether the
// repetitions show a real difference (rank test) or a tie the machine's noise cannot split.
import { IMPLS } from './adapters/index.mjs';
import { pGreater } from './harness/rank-test.mjs';
import { ROWS } from './metrics.mjs';

// One-sided level: a lead or a loss is called only when chance alone would give repetitions
// this far apart less than 5% of the time.
export const SIGNIFICANCE = 0.05;

const WEFT_OF_KIND = { thread: 'weft-threads', process: 'weft-process' };

/**
 * { ratio, verdict, peer, p } for weft of `kind` on `row`, or undefined when weft or every peer
 * of that kind is missing. ratio > 1 means weft is ahead (inverted for lower-is-better rows).
 * verdict: 'lead' | 'loss' when the repetitions differ beyond chance (p < SIGNIFICANCE), else
 * 'tie'; p is that one-sided p-value in the direction of the ratio.
 */
export function compareWithBestPeer(results, row, kind) {
  const weft = results[row.id]?.[WEFT_OF_KIND[kind]];
  const higher = row.better === 'higher';
  const peers = Object.keys(IMPLS)
    .filter((c) => IMPLS[c].role === 'peer' && IMPLS[c].kind === kind && results[row.id]?.[c])
    .map((c) => ({ impl: c, ...results[row.id][c] }));
  if (!weft || peers.length === 0) return undefined;
  const best = peers.reduce((a, b) => ((higher ? b.median > a.median : b.median < a.median) ? b : a));
  const ratio = higher ? weft.median / best.median : best.median / weft.median;
  // "weft better" means larger samples on ↑ rows, smaller on ↓ rows
  const [better, worse] = ratio >= 1 ? [weft.samples, best.samples] : [best.samples, weft.samples];
  const p = higher ? pGreater(better, worse) : pGreater(worse, better);
  const verdict = p >= SIGNIFICANCE ? 'tie' : ratio >= 1 ? 'lead' : 'loss';
  return { ratio, verdict, peer: best.impl, p };
}

/** Every row's comparison, both kinds, for the JSON output: row id → kind → comparison. */
export function compareAll(results) {
  const out = {};
  for (const row of ROWS) {
    for (const kind of ['thread', 'process']) {
      const c = compareWithBestPeer(results, row, kind);
      if (c) (out[row.id] ??= {})[kind] = c;
    }
  }
  return out;
}
