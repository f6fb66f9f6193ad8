// pmap / gmap conformance on the worker_threads backend. WEFT_BACKEND is set before @weft/core loads
// (the suite is imported dynamically afterwards), as in src/run-suites.ts.
import { describe } from 'vitest';

process.env.WEFT_BACKEND = 'worker_threads';
const { parallelPmapSuite } = await import('../../src/suites/parallel-pmap.suite.js');
describe('[worker_threads]', () => parallelPmapSuite({ backend: 'worker_threads' }));
