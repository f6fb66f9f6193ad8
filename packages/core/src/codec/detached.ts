// A detached ArrayBuffer (its memory handed to another thread or process by a transfer) has no
// bytes left to send: postMessage and V8's serializer both throw on it. Node 20's V8 has no
// ArrayBuffer.prototype.detached, so a buffer of length 0 is told apart from a detached one by
// whether a view can still be made over it.

/** true when `buffer` was detached; a SharedArrayBuffer never is */
export function isDetached(buffer: ArrayBufferLike): boolean {
  if (!(buffer instanceof ArrayBuffer) || buffer.byteLength !== 0) return false;
  const known = (buffer as { detached?: unknown }).detached;
  if (typeof known === 'boolean') return known;
  try {
    new Uint8Array(buffer);
    return false;
  } catch {
    return true;
  }
}
