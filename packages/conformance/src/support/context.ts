// What every suite factory is given: the backend this run is for. Suites branch on it only
// where the backends legitimately differ, and say why next to the branch.
export type BackendName = 'worker_threads' | 'child_process';

export interface ConformanceContext {
  readonly backend: BackendName;
}

export type Suite = (ctx: ConformanceContext) => void;

/** URL of a fixture task module, for the `{ module, name }` form and for child programs. */
export function fixtureUrl(fileName: string): URL {
  return new URL(`../fixtures/${fileName}`, import.meta.url);
}

/** URL of a small program that a test runs as its own node process. */
export function programUrl(fileName: string): URL {
  return new URL(`../programs/${fileName}`, import.meta.url);
}
