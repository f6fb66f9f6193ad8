// The error an action fails with, whether it throws synchronously or returns something that
// rejects (a Promise, a Future, map()'s PromiseLike). Used where API.md fixes *that* an action
// fails and with what, but not whether the failure is synchronous.
export async function errorOf(action: () => unknown): Promise<unknown> {
  let outcome: unknown;
  try {
    outcome = action();
  } catch (err) {
    return err;
  }
  try {
    if (isThenable(outcome)) await outcome;
  } catch (err) {
    return err;
  }
  throw new Error('errorOf: expected the action to fail, but it succeeded');
}

/** The error a promise (or thenable) rejects with; fails the test if it resolves. */
export async function rejectionOf(value: PromiseLike<unknown>): Promise<unknown> {
  try {
    await value;
  } catch (err) {
    return err;
  }
  throw new Error('rejectionOf: expected a rejection, but the value resolved');
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

/** The message of an error and of every error in its cause chain, joined: for "mentions X" checks. */
export function messageChain(err: unknown): string {
  const parts: string[] = [];
  let current: unknown = err;
  for (let depth = 0; current !== undefined && current !== null && depth < 16; depth++) {
    parts.push(current instanceof Error ? `${current.name}: ${current.message}` : String(current));
    current = current instanceof Error ? current.cause : undefined;
  }
  return parts.join(' <- ');
}
