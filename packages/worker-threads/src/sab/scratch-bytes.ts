// Reusable per-thread byte buffers, so putting or getting a small Queue item allocates no
// typed array (allocation and GC dominated the cost of small items). A view returned here is
// valid only until the next call for the same buffer: callers use it synchronously, or copy.

export class ScratchBytes {
  #bytes = new Uint8Array(256);
  #view = new DataView(this.#bytes.buffer);

  /** A buffer of at least `n` bytes (its contents are garbage). */
  get(n: number): Uint8Array {
    if (this.#bytes.length < n) {
      let size = this.#bytes.length;
      while (size < n) size *= 2;
      this.#bytes = new Uint8Array(size);
      this.#view = new DataView(this.#bytes.buffer);
    }
    return this.#bytes;
  }

  /** A DataView over the buffer get() last returned. */
  view(): DataView {
    return this.#view;
  }
}
