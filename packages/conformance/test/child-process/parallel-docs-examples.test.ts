// The docs/guides examples, run as programs, and the progress bar in a terminal, on the child_process backend.
// WEFT_BACKEND is set before @weft/core loads; the programs inherit it.
import { describe } from 'vitest';

process.env.WEFT_BACKEND = 'child_process';
const { parallelDocsExamplesSuite } = await import('../../src/suites/parallel-docs-examples.suite.js');
describe('[child_process]', () => parallelDocsExamplesSuite({ backend: 'child_process' }));
