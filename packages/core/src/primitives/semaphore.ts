import { checkValue } from '@weft/spi';
import { kHandle } from '../internal/symbols.js';
import { SemLockBase } from './sem-lock-base.js';

const MAX_SEMAPHORE_VALUE = 2 ** 31 - 1; // the count lives in an Int32

/** A counter of free units (threading.Semaphore). */
export class Semaphore extends SemLockBase {
  protected readonly className: string = 'Semaphore';
  constructor(value = 1) {
    checkValue('new Semaphore(value): value', value, { type: 'integer', min: 0, max: MAX_SEMAPHORE_VALUE });
    super({ kind: 'semaphore', value, max: new.target === BoundedSemaphore ? value : Infinity });
  }
  /** Give back `n` units, waking as many waiters as it can. */
  release(n = 1): void {
    checkValue(`${this.className}.release(n): n`, n, { type: 'integer', min: 1, max: MAX_SEMAPHORE_VALUE });
    this[kHandle].release(n);
  }
  /** free units now (exact where the state lives; a recent snapshot in other processes) */
  get value(): number {
    return this[kHandle].value();
  }
}

/** A Semaphore that may not be released above its initial value (RangeError). */
export class BoundedSemaphore extends Semaphore {
  protected override readonly className: string = 'BoundedSemaphore';
  // eslint-disable-next-line @typescript-eslint/no-useless-constructor -- documents the default
  constructor(value = 1) {
    super(value);
  }
}
