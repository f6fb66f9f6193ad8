// pmap with and without `progress: true` while stderr is not a terminal: the results are the
// same, nothing is drawn, and the progress-bar library is never loaded (it is imported only
// when a bar is actually drawn). Prints one JSON line with its findings.
import { createRequire } from 'node:module';
import { pmap } from '@weft/core';
import { squarePlus } from '../fixtures/parallel-tasks.mjs';

const loaded = () => Object.keys(createRequire(import.meta.url).cache).some((path) => path.includes('cli-progress'));
const plain = await pmap(squarePlus, [1, 2, 3]);
const afterPlain = loaded();
const withBar = await pmap(squarePlus, [1, 2, 3], { progress: true });
console.log(JSON.stringify({ plain, withBar, afterPlain, afterProgressTrue: loaded(), stderrIsTTY: process.stderr.isTTY === true }));
