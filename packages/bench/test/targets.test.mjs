import { describe, expect, it } from 'vitest';
import { checkTargets } from '../src/targets.mjs';

// A run's medians, shaped as cli.mjs collects them: metric → implementation → { median }.
const results = {
  'cpu.speedup': { 'weft-threads': { median: 1.95 }, 'weft-process': { median: 1.7 } },
  'latency.p50': { 'weft-threads': { median: 20 } },
  'raw.port.p50': { 'raw-thread': { median: 25 } },
};
const status = (label, run) => checkTargets(results, run).find((t) => t.label.startsWith(label)).status;

describe('checkTargets: which run judges which goal', () => {
  it('judges CPU speedup only in an unpinned full run', () => {
    expect(status('CPU speedup, 2 workers vs serial (threads)', {})).toBe('PASS');
    expect(status('CPU speedup, 2 workers vs serial (process)', {})).toBe('MISS');
    expect(status('CPU speedup, 2 workers vs serial (process)', { quick: true })).toBe('n/a quick');
    expect(status('CPU speedup, 2 workers vs serial (process)', { pinned: true })).toBe('n/a pinned');
  });

  it('judges latency against the bare MessagePort only pinned, quick or not', () => {
    expect(status('latency median (threads) vs bare MessagePort', {})).toBe('n/a unpinned');
    expect(status('latency median (threads) vs bare MessagePort', { pinned: true })).toBe('PASS');
    expect(status('latency median (threads) vs bare MessagePort', { pinned: true, quick: true })).toBe('PASS');
  });

  it('leaves a goal whose rows were not measured as not measured', () => {
    expect(status('submit throughput (threads) vs best peer', { quick: true })).toBe('not measured');
  });
});
