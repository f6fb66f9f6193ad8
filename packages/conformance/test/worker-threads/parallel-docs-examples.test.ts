// The docs/guides examples, run as programs, and the progress bar in a terminal, on the worker_threads backend.
// WEFT_BACKEND is set before @weft/core loads; the programs inherit it.
import { describe } from 'vitest';

process.env.WEFT_BACKEND = 'worker_threads';
const { parallelDocsExamplesSuite } = await import('../../src/suites/parallel-docs-examples.suite.js');
describe('[worker_threads]', () => parallelDocsExamplesSuite({ backend: 'worker_threads' }));
