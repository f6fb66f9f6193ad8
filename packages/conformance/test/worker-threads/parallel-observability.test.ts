// stats, recycling, cooperative cancellation and concurrency conformance on the worker_threads backend.
// WEFT_BACKEND is set before @weft/core loads (the suite is imported dynamically afterwards).
import { describe } from 'vitest';

process.env.WEFT_BACKEND = 'worker_threads';
const { parallelObservabilitySuite } = await import('../../src/suites/parallel-observability.suite.js');
describe('[worker_threads]', () => parallelObservabilitySuite({ backend: 'worker_threads' }));
