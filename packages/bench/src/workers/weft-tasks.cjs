'use strict';
// weft task references for the pool rows: the same bodies as every peer runs (tasks.cjs),
// registered with task() so the worker loads this module and calls them by name. CommonJS, as
// piscina's and tinypool's task file is, so that the start-up row compares like with like.
const { task } = require('@weft/core');
const bodies = require('./tasks.cjs');

exports.inc = task(__filename, bodies.inc);
exports.incChunk = task(__filename, bodies.incChunk);
exports.spin = task(__filename, bodies.spin);
exports.byteLength = task(__filename, bodies.byteLength);
