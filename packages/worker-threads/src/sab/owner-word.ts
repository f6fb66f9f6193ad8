// A mutex word that records its owner: 0 = free, else holderId*2 | kContendedBit.
// It is Drepper's three-state futex mutex ("Futexes are tricky", mutex #3) with the owner
// folded in, so taking the lock and recording who holds it is one CAS (a thread killed
// between two stores cannot leave a held lock with no owner), and an uncontended unlock is
// one CAS with no notify. Used by Lock/RLock and by the Queue's internal mutex.
import { kContendedBit } from './layout.js';

/** holderId of the owner of a word value (0 when free). */
export function ownerOf(word: number): number {
  return word >>> 1;
}

/** One CAS: take the word if it is free. */
export function tryLockWord(i32: Int32Array, index: number, holderId: number): boolean {
  return Atomics.compareExchange(i32, index, 0, holderId * 2) === 0;
}

/**
 * One contended attempt: take the word if free (marking it contended, since others may
 * sleep on it), else make sure it is marked contended so its owner's unlock wakes us.
 * Returns 0 when taken, else the word value to sleep on.
 */
export function lockWordOrMarkContended(i32: Int32Array, index: number, holderId: number): number {
  let word = Atomics.load(i32, index);
  for (;;) {
    if (word === 0) {
      const prev = Atomics.compareExchange(i32, index, 0, holderId * 2 + kContendedBit);
      if (prev === 0) return 0;
      word = prev;
    } else if ((word & kContendedBit) !== 0) {
      return word;
    } else {
      const prev = Atomics.compareExchange(i32, index, word, word | kContendedBit);
      if (prev === word) return word | kContendedBit;
      word = prev;
    }
  }
}

/** A holderId no word can have (ownerOf is never negative): "whoever holds it". */
const kAnyHolder = -1;

/**
 * Free the word whoever holds it; wakes one sleeper if it was contended.
 * Returns false (and changes nothing) when it was not held.
 */
export function unlockWord(i32: Int32Array, index: number): boolean {
  return unlockWordIfOwnedBy(i32, index, kAnyHolder);
}

/** Free the word only if `holderId` holds it (release after that holder died). */
export function unlockWordIfOwnedBy(i32: Int32Array, index: number, holderId: number): boolean {
  let word = Atomics.load(i32, index);
  while (word !== 0 && (holderId === kAnyHolder || ownerOf(word) === holderId)) {
    const prev = Atomics.compareExchange(i32, index, word, 0);
    if (prev === word) {
      if ((word & kContendedBit) !== 0) Atomics.notify(i32, index, 1);
      return true;
    }
    word = prev;
  }
  return false;
}
