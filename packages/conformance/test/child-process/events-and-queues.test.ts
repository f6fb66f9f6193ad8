// The conformance suites of the "eventsAndQueues" group on the child_process backend (see src/run-suites.ts).
import { runSuites } from '../../src/run-suites.js';

await runSuites('child_process', 'eventsAndQueues');
