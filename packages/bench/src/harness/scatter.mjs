// The raw burst rows' driver: hand `items` round-robin to the peers (worker threads or child
// processes, anything that emits 'message') and resolve with every reply.

/**
 * @template P, T
 * @param {P[]} peers
 * @param {T[]} items
 * @param {(peer: P, item: T) => void} send  how one item reaches a peer (postMessage, send)
 * @returns {Promise<unknown[]>}
 */
export function scatter(peers, items, send) {
  return new Promise((resolve) => {
    let left = items.length;
    const results = [];
    const onMessage = (r) => {
      results.push(r);
      if (--left === 0) {
        for (const p of peers) p.off('message', onMessage);
        resolve(results);
      }
    };
    for (const p of peers) p.on('message', onMessage);
    items.forEach((item, i) => send(peers[i % peers.length], item));
  });
}
