// Reads the fields of a compact frame (separated by SEP) one after another, straight from the
// string: no array of parts is made first. Measured per 7-field frame: split + Number 0.29 µs,
// this 0.09 µs — and a round trip parses two frames.
import { SEP, integerAt, tokenValueAt } from './scalar-tokens.js';

export class FrameReader {
  readonly #s: string;
  #at: number;

  /** `from`: where the first field starts */
  constructor(frame: string, from: number) {
    this.#s = frame;
    this.#at = from;
  }

  /** true once every field has been read */
  get done(): boolean {
    return this.#at > this.#s.length;
  }

  string(): string {
    const end = this.#end();
    const field = this.#s.slice(this.#at, end);
    this.#at = end + 1;
    return field;
  }

  /** a field written by intField (ids, counts, nanoseconds, snapshot integers) */
  number(): number {
    const start = this.#at;
    const end = this.#end();
    this.#at = end + 1;
    return integerAt(this.#s, start, end);
  }

  /** a field made by scalarToken, as its value */
  token(): unknown {
    const start = this.#at;
    const end = this.#end();
    this.#at = end + 1;
    return tokenValueAt(this.#s, start, end);
  }

  #end(): number {
    const end = this.#s.indexOf(SEP, this.#at);
    return end < 0 ? this.#s.length : end;
  }
}
