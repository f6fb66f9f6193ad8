'use strict';
// The task bodies every pool runs. CommonJS so that poolifier's cluster worker (which must be
// CommonJS) can require them, while ESM workers import the same file: one body per task, so
// every pool runs exactly the same code. Each task takes ONE argument (the common denominator
// of the peers' calling conventions).

/** The tiny task of the throughput and latency rows. */
function inc(x) {
  return x + 1;
}

/** A hand-made chunk for peers without automatic chunking: inc over an array. */
function incChunk(xs) {
  const out = new Array(xs.length);
  for (let i = 0; i < xs.length; i++) out[i] = xs[i] + 1;
  return out;
}

/**
 * CPU-bound work: a fixed number of FNV-1a style rounds, calibrated by the parent to ~100 ms.
 * Work-based rather than time-based, so two tasks that share one core really take twice as
 * long and a pinned run shows no false speedup.
 */
function spin(iterations) {
  let h = 0x811c9dc5;
  for (let i = 0; i < iterations; i++) {
    h ^= i & 0xff;
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

/** The payload task: touches the 1 MiB buffer's size and returns only a number. */
function byteLength(buf) {
  return buf.byteLength;
}

module.exports = { inc, incChunk, spin, byteLength };
