// One plain scalar as a string token, for the compact frames: a type letter, then the value.
// Only values that come back exactly (same type, same value, -0 and NaN included) get a token;
// anything else is null and its message travels as an array through V8's serializer.
//
// Integers (fields, and safe-integer tokens) are written in base 36, not with String(n): V8
// keeps every number it turns into a decimal string in its number-string cache, a table in the
// old generation, so each such string survives every young GC until the table evicts it. A
// round trip converts a few fresh ids each time; once the table had filled (~370 KB of strings)
// each scavenge copied all of it, and a pinned sequential ping-pong spent ~1.6 us per round
// trip in young GCs on its two threads. toString(36) does not use that table.

/** what separates the fields of a compact frame; no token contains it */
export const SEP = '\u0000';

/** longer strings go the array way: the token would copy them three more times */
const MAX_STRING = 1024;

export function scalarToken(x: unknown): string | null {
  switch (typeof x) {
    case 'number':
      if (Object.is(x, -0)) return 'n-0';
      if (Number.isSafeInteger(x)) return 'i' + x.toString(36);
      return `n${x}`; // Number(String(x)) === x for every other number
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

/** Small integer fields (function ids, argument counts) as base-36 strings, made once. */
const SMALL = Array.from({ length: 256 }, (_, n) => n.toString(36));

/** A safe integer as a frame field: base 36 (see the top of this file for why not String()). */
export function intField(n: number): string {
  return n >= 0 && n < SMALL.length && Number.isInteger(n) ? SMALL[n]! : n.toString(36);
}

/**
 * The integer intField wrote at frame[start, end), read in place: digit by digit when it has at
 * most 10 base-36 digits (below 2^52, exact in a double, and most fields are), else parseInt.
 */
export function integerAt(frame: string, start: number, end: number): number {
  const negative = frame.charCodeAt(start) === 45; // '-'
  const from = negative ? start + 1 : start;
  if (end - from > 10 || end === from) return parseInt(frame.slice(start, end), 36);
  let n = 0;
  for (let i = from; i < end; i++) {
    const c = frame.charCodeAt(i);
    const d = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 122 ? c - 87 : -1;
    if (d < 0) return parseInt(frame.slice(start, end), 36); // not what intField writes: NaN or what parseInt makes of it
    n = n * 36 + d;
  }
  return negative ? -n : n;
}

/** the value of the token made by scalarToken at frame[start, end), read in place */
export function tokenValueAt(frame: string, start: number, end: number): unknown {
  switch (frame[start]) {
    case 'i':
      return integerAt(frame, start + 1, end);
    case 'n':
      return Number(frame.slice(start + 1, end));
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
