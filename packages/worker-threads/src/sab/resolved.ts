// Pre-resolved results, so a wait that succeeds at once returns without allocating.
export const RESOLVED_TRUE: Promise<boolean> = Promise.resolve(true);
export const RESOLVED_FALSE: Promise<boolean> = Promise.resolve(false);
export const RESOLVED_VOID: Promise<void> = Promise.resolve();
