// pmap and gmap: parallel map on a shared pool that starts on first use.
// Run: node docs/examples/pmap-gmap.mjs   (WEFT_BACKEND=child_process to use processes)
import { getIdent, gmap, pmap, taskFailure } from '@weft/core';
import { parseRecord, scale, square } from './tasks.mjs';

// Results come back in input order.
console.log('squares:', await pmap(square, [1, 2, 3, 4, 5]));

// Constant extra arguments go after the item: scale(item, 10).
console.log('scaled:', await pmap(scale, [1, 2, 3], { args: [10] }));

// A stream of [index, result] pairs, in the order they finish.
const pairs = [];
for await (const [index, result] of gmap(square, [7, 8, 9], { ordered: false, withIndex: true })) {
  pairs.push(`${index}:${result}`);
}
console.log('pairs:', pairs.sort().join(' '));

// gmap reads its input lazily, so an endless generator is fine: stop when you have enough.
function* naturals() {
  for (let n = 0; ; n++) yield n;
}
for await (const sq of gmap(square, naturals())) {
  if (sq > 50) {
    console.log('first square above 50:', sq);
    break;
  }
}

// The first failure wins: it rejects with the task's own error; taskFailure() says where.
try {
  await pmap(parseRecord, ['1', '2', 'three', '4']);
} catch (err) {
  const where = taskFailure(err);
  console.log(`failed: ${err.name}: ${err.message} at item ${where.index}, in a worker: ${where.workerIdent !== getIdent()}`);
}

// serial: the same call in this thread, one item at a time (for debuggers and stack traces).
console.log('serial:', await pmap(square, [1, 2, 3], { serial: true }));
