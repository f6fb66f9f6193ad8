// What goes on the protocol port, both ways: small run and results messages of plain scalars
// as one string (@weft/spi's compact-protocol.ts; a string clones faster than the objects),
// everything else, and anything with a transfer list, as it is.
import { compactOrSame, compactProtocolMessage, type FromWorker, type ToWorker } from '@weft/spi';
import type { MessagePort, TransferListItem } from 'node:worker_threads';

export function postProtocol(port: MessagePort, message: ToWorker | FromWorker, transfer?: readonly TransferListItem[]): void {
  if (transfer === undefined || transfer.length === 0) port.postMessage(compactOrSame(message));
  else port.postMessage(message, transfer as TransferListItem[]);
}

/** a message as posted by postProtocol, read back */
export function readProtocol<M extends ToWorker | FromWorker>(wire: M | string): M {
  return typeof wire === 'string' ? (compactProtocolMessage(wire) as M) : wire;
}
