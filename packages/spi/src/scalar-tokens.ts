// One plain scalar as a string token, for the compact frames: a type letter, then the value.
// Only values that come back exactly (same type, same value, -0 and NaN included) get a token;
// anything else is null and its message travels as an array through V8's serializer.

/** what separates the fields of a compact frame; no token contains it */
export const SEP = '\u0000';

/** longer strings go the array way: the token would copy them three more times */
const MAX_STRING = 1024;

export function scalarToken(x: unknown): string | null {
  switch (typeof x) {
    case 'number':
      return Object.is(x, -0) ? 'n-0' : `n${x}`; // Number(String(x)) === x for every other number
    case 'string':
      return x.length <= MAX_STRING && !x.includes(SEP) ? `s${x}` : null;
    case 'boolean':
      return x ? 't' : 'f';
    case 'undefined':
      return 'u';
    case 'bigint':
      return `b${x}`;
    default:
      return x === null ? 'l' : null;
  }
}

/**
 * The number written at frame[start, end): read digit by digit when it is a plain non-negative
 * integer of at most 15 digits (exact in a double, and most fields are), else by Number(). Either
 * way it is the number String() wrote: no substring is made for the common case.
 */
export function integerAt(frame: string, start: number, end: number): number {
  if (end - start > 15 || end === start) return Number(frame.slice(start, end));
  let n = 0;
  for (let i = start; i < end; i++) {
    const d = frame.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return Number(frame.slice(start, end));
    n = n * 10 + d;
  }
  return n;
}

/** the value of the token made by scalarToken at frame[start, end), read in place */
export function tokenValueAt(frame: string, start: number, end: number): unknown {
  switch (frame[start]) {
    case 'n':
      return integerAt(frame, start + 1, end);
    case 's':
      return frame.slice(start + 1, end);
    case 't':
      return true;
    case 'f':
      return false;
    case 'u':
      return undefined;
    case 'b':
      return BigInt(frame.slice(start + 1, end));
    case 'l':
      return null;
    default:
      throw new Error(`weft wire: unknown scalar token ${JSON.stringify(frame.slice(start, Math.min(end, start + 20)))}; both ends of a channel must run the same weft version`);
  }
}
