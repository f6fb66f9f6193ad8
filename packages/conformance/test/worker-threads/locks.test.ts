// The conformance suites of the "locks" group on the worker_threads backend (see src/run-suites.ts).
import { runSuites } from '../../src/run-suites.js';

await runSuites('worker_threads', 'locks');
