// weft task references for the pool rows: the same bodies as every peer runs (tasks.cjs),
// registered with task() so the worker imports this module and calls them by name.
import { task } from '@weft/core';
import bodies from './tasks.cjs';

export const inc = task(import.meta.url, bodies.inc);
export const incChunk = task(import.meta.url, bodies.incChunk);
export const spin = task(import.meta.url, bodies.spin);
export const byteLength = task(import.meta.url, bodies.byteLength);
