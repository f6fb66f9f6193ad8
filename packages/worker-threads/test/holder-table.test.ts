// The semaphore holder table in isolation: holder ids are plain numbers here, so one thread
// can play 65 holders.
import { describe, expect, test } from 'vitest';
import { HolderTable } from '../src/sab/holder-table.js';
import { kSemSlotCount, kSemaphoreFieldCount, newInt32Block } from '../src/sab/layout.js';

describe('semaphore holder table', () => {
  test('counts each holder\'s own units; a release beyond them is not credited to anyone', () => {
    const table = new HolderTable(newInt32Block(kSemaphoreFieldCount));
    table.add(1, 2);
    table.add(2, 1);
    table.remove(2, 3); // releases more than it took: its own unit, the rest is nobody's
    expect([table.heldBy(1), table.heldBy(2)]).toEqual([2, 0]);
    expect(table.releaseDead(1)).toBe(2);
    expect(table.heldBy(1)).toBe(0);
  });

  test('when full, an acquire is untracked; from then on empty slots are freed and reused', () => {
    const table = new HolderTable(newInt32Block(kSemaphoreFieldCount));
    for (let id = 1; id <= kSemSlotCount; id++) table.add(id, 1);
    const extra = kSemSlotCount + 1;
    table.add(extra, 1);
    expect(table.heldBy(extra)).toBe(0); // untracked: would not be given back on death
    table.remove(1, 1); // under pressure: holder 1's empty slot is freed
    table.add(extra, 1);
    expect(table.heldBy(extra)).toBe(1);
    expect(table.releaseDead(extra)).toBe(1);
  });

  test('without pressure a holder keeps its empty slot, and comes back to the same one', () => {
    const table = new HolderTable(newInt32Block(kSemaphoreFieldCount));
    table.add(7, 1);
    table.remove(7, 1);
    table.add(8, 1);
    table.add(7, 3);
    expect([table.heldBy(7), table.heldBy(8)]).toEqual([3, 1]);
    expect(table.releaseDead(7)).toBe(3);
    expect(table.releaseDead(8)).toBe(1);
  });
});
