// stats, recycling, cooperative cancellation and concurrency conformance on the child_process backend.
// WEFT_BACKEND is set before @weft/core loads (the suite is imported dynamically afterwards).
import { describe } from 'vitest';

process.env.WEFT_BACKEND = 'child_process';
const { parallelObservabilitySuite } = await import('../../src/suites/parallel-observability.suite.js');
describe('[child_process]', () => parallelObservabilitySuite({ backend: 'child_process' }));
