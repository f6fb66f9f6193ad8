// Who "I" am in shared memory. Holders are recorded by thread: the slot value is
// threadId + 1 so that 0 can mean "free" (the main thread's threadId is 0).
import { threadId } from 'node:worker_threads';

/** The value stored in shared memory for the thread with this threadId. */
export function holderIdOf(threadIdOfHolder: number): number {
  return threadIdOfHolder + 1;
}

/** This thread's holder id (threadId + 1). */
export const kSelfHolderId: number = holderIdOf(threadId);

/** This thread's ident as the SPI reports it (threadId). */
export function currentIdent(): number {
  return threadId;
}
