// What travels on one parent↔child IPC channel. Every message weft sends is an envelope
// tagged with PROTOCOL_TAG; anything untagged belongs to the user and is left alone.
//
//   tag 'h'  child → parent   hello: the child listens now (the parent holds its sends until then)
//   tag 'p'  both ways        a core protocol message (ToWorker / FromWorker), carried as is
//   tag 'b'  both ways        a broker message, routed hop by hop through the process tree
import { PROTOCOL_TAG, type FromWorker, type ToWorker } from '@weft/spi';
import type { BrokerMessage } from './broker/messages.js';

export type Envelope =
  | { readonly [PROTOCOL_TAG]: 'h' }
  | { readonly [PROTOCOL_TAG]: 'p'; readonly m: ToWorker | FromWorker }
  | { readonly [PROTOCOL_TAG]: 'b'; readonly m: BrokerMessage };

export function isEnvelope(value: unknown): value is Envelope {
  return typeof value === 'object' && value !== null && typeof (value as Record<string, unknown>)[PROTOCOL_TAG] === 'string';
}

export const HELLO: Envelope = { [PROTOCOL_TAG]: 'h' };

export function protocolEnvelope(m: ToWorker | FromWorker): Envelope {
  return { [PROTOCOL_TAG]: 'p', m };
}

export function brokerEnvelope(m: BrokerMessage): Envelope {
  return { [PROTOCOL_TAG]: 'b', m };
}
