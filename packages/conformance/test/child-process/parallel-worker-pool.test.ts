// WorkerPool conformance on the child_process backend. WEFT_BACKEND is set before @weft/core loads
// (the suite is imported dynamically afterwards), as in src/run-suites.ts.
import { describe } from 'vitest';

process.env.WEFT_BACKEND = 'child_process';
const { parallelWorkerPoolSuite } = await import('../../src/suites/parallel-worker-pool.suite.js');
describe('[child_process]', () => parallelWorkerPoolSuite({ backend: 'child_process' }));
