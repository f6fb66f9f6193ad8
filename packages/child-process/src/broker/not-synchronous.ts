// The error for a synchronous operation that needs the owner's state from another process:
// IPC is asynchronous, and blocking the event loop for a reply is not allowed (and could
// deadlock two processes asking each other), so these throw and name the async equivalent.
import { InvalidStateError } from '@weft/spi';

export function notSynchronousHere(what: string, label: string, ownerPid: number, alternative: string): InvalidStateError {
  return new InvalidStateError(
    `${what}: this ${label} belongs to process ${ownerPid}, and on the child_process backend a synchronous call cannot reach another process; use \`${alternative}\` instead`,
  );
}
