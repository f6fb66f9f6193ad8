import { describe, expect, it } from 'vitest';
import { compareWithBestPeer } from '../src/compare.mjs';
import { pGreater } from '../src/harness/rank-test.mjs';
import { ROW_BY_ID } from '../src/metrics.mjs';

describe('pGreater (exact Mann–Whitney, one-sided)', () => {
  it('gives 1 / C(10, 5) when every value of a beats every value of b', () => {
    expect(pGreater([6, 7, 8, 9, 10], [1, 2, 3, 4, 5])).toBeCloseTo(1 / 252, 12);
    expect(pGreater([1, 2, 3, 4, 5], [6, 7, 8, 9, 10])).toBe(1);
  });

  it('counts the orderings at least as extreme: one swapped pair of 3 + 3 is 2 / 20', () => {
    // U = 8 of 9; orderings with U >= 8 are the top one and the one with one swap
    expect(pGreater([3, 5, 6], [1, 2, 4])).toBeCloseTo(2 / 20, 12);
  });

  it('sums the exact null distribution to 1 for unequal sizes', () => {
    // interleaved samples put U in the middle, P(U >= middle) is about a half
    const p = pGreater([2, 4, 6, 8], [1, 3, 5, 7, 9, 11]);
    expect(p).toBeGreaterThan(0.4);
    expect(p).toBeLessThan(0.8);
  });

  it('is 1 (nothing shown) when a side has no samples', () => {
    expect(pGreater([], [1, 2])).toBe(1);
  });
});

describe('compareWithBestPeer', () => {
  const entry = (samples) => ({ median: [...samples].sort((a, b) => a - b)[samples.length >> 1], samples });
  const submit = ROW_BY_ID.submit; // higher is better
  const latency = ROW_BY_ID['latency.p50']; // lower is better

  it('calls a lead when every repetition of weft beats the best peer', () => {
    const results = { submit: { 'weft-threads': entry([10, 11, 12, 13, 14]), piscina: entry([1, 2, 3, 4, 5]), 'tinypool-threads': entry([5, 6, 7, 8, 9]) } };
    const c = compareWithBestPeer(results, submit, 'thread');
    expect(c).toMatchObject({ verdict: 'lead', peer: 'tinypool-threads' });
    expect(c.ratio).toBeCloseTo(12 / 7, 12);
  });

  it('calls a tie when the repetitions interleave, whichever median is ahead', () => {
    const results = { 'latency.p50': { 'weft-threads': entry([20, 22, 24, 26, 28]), piscina: entry([21, 23, 25, 27, 29]) } };
    const c = compareWithBestPeer(results, latency, 'thread');
    expect(c.verdict).toBe('tie');
    expect(c.ratio).toBeCloseTo(25 / 24, 12);
  });

  it('calls a loss on a lower-is-better row when weft is slower in every repetition', () => {
    const results = { 'latency.p50': { 'weft-process': entry([50, 51, 52, 53, 54]), 'workerpool-process': entry([40, 41, 42, 43, 44]) } };
    expect(compareWithBestPeer(results, latency, 'process')).toMatchObject({ verdict: 'loss', peer: 'workerpool-process' });
  });

  it('has nothing to say without weft or without a peer of that kind', () => {
    const results = { submit: { 'weft-threads': entry([1, 2, 3]), 'tinypool-process': entry([1, 2, 3]) } };
    expect(compareWithBestPeer(results, submit, 'thread')).toBeUndefined();
    expect(compareWithBestPeer(results, submit, 'process')).toBeUndefined();
  });
});
