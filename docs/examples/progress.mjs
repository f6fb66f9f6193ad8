// Progress: a bar on stderr when it is a terminal, or your own callback.
// Run in a terminal to see the bar: node docs/examples/progress.mjs
import { pmap } from '@weft/core';
import { slowSquare, square } from './tasks.mjs';

const items = Array.from({ length: 200 }, (_, i) => i);

// progress: true draws items done/total, rate and ETA on stderr (only when stderr is a TTY;
// piped or redirected output gets no bar). cli-progress is loaded only when a bar is drawn.
const results = await pmap(slowSquare, items, { args: [20], progress: true });
console.log('sum of squares:', results.reduce((a, b) => a + b, 0));

// A callback gets (done, total) as items finish, for logs, UIs or your own bar.
let last = '';
await pmap(slowSquare, items, { args: [1], progress: (done, total) => (last = `${done}/${total}`) });
console.log('callback ended at', last);

// A generator has no length: tell the total with `total` (otherwise total is undefined).
function* firstNumbers(n) {
  for (let i = 0; i < n; i++) yield i;
}
let told = '';
await pmap(square, firstNumbers(50), { total: 50, progress: (done, total) => (told = `${done}/${total}`) });
console.log('with total:', told);
