// What travels on one parent↔child IPC channel. Every message weft sends is a frame: a flat
// array tagged with PROTOCOL_TAG at [0] and its kind at [1]; anything else belongs to the user
// and is left alone. Flat arrays, not nested objects, because V8's serializer and deserializer
// cost grows with every object and key (a nested envelope cost ~2× a flat one per message,
// and a lock round trip is three messages).
//
//   HELLO            child → parent   the child listens now (the parent holds its sends until then)
//   PROTOCOL         both ways        a core protocol message that has no flat form, as is
//   RUN, RESULTS     parent ⇄ child   the hot core messages, flattened (protocol-frames.ts),
//                                     or one string when they carry only plain scalars
//                                     (compact-protocol.ts in @weft/spi)
//   REQ RES CXL GONE both ways        broker messages, routed hop by hop (broker-frames.ts);
//   SUB UPD                           snapshot subscriptions and pushed updates, likewise;
//                                     a lock's requests and replies as one string (compact-frames.ts)
import { PROTOCOL_TAG } from '@weft/spi';
import { isCompactBrokerFrame, isCompactFrame } from './compact-frames.js';

export const HELLO = 0;
export const PROTOCOL = 1;
export const RUN = 2;
export const RESULTS = 3;
export const REQ = 4;
export const RES = 5;
export const CXL = 6;
export const GONE = 7;
export const SUB = 8;
export const UPD = 9;

export type FrameKind =
  | typeof HELLO
  | typeof PROTOCOL
  | typeof RUN
  | typeof RESULTS
  | typeof REQ
  | typeof RES
  | typeof CXL
  | typeof GONE
  | typeof SUB
  | typeof UPD;

/** [PROTOCOL_TAG, kind, ...fields]; the fields of each kind are laid out by its codec */
export type ArrayFrame = unknown[];
/** an array frame, or a compact frame (a string: compact-frames.ts, @weft/spi's compact-protocol.ts) */
export type Frame = ArrayFrame | string;

export function isFrame(value: unknown): value is Frame {
  return Array.isArray(value) ? value[0] === PROTOCOL_TAG : isCompactFrame(value);
}

export function isBrokerFrame(frame: Frame): boolean {
  if (typeof frame === 'string') return isCompactBrokerFrame(frame);
  const kind = frame[1] as number;
  return kind >= REQ && kind <= UPD;
}

export const HELLO_FRAME: ArrayFrame = [PROTOCOL_TAG, HELLO];
