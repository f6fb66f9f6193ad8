// What travels on one parent↔child frame pipe (frame-channel.ts). Every message weft sends is
// a frame: a flat array tagged with PROTOCOL_TAG at [0] and its kind at [1], or a compact
// string. Flat arrays, not nested objects, because V8's serializer and deserializer cost grows
// with every object and key (a nested envelope cost ~2× a flat one per message, and a lock
// round trip is three messages).
//
//   PROTOCOL         both ways        a core protocol message that has no flat form, as is
//   RUN, RESULTS     parent ⇄ child   the hot core messages, flattened (protocol-frames.ts),
//                                     or one string when they carry only plain scalars
//                                     (compact-protocol.ts in @weft/spi)
//   REQ RES CXL GONE both ways        broker messages, routed hop by hop (broker-frames.ts);
//   SUB UPD                           snapshot subscriptions and pushed updates, likewise;
//                                     a lock's requests and replies as one string (compact-frames.ts)
import { isCompactBrokerFrame } from './compact-frames.js';

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

export function isBrokerFrame(frame: Frame): boolean {
  if (typeof frame === 'string') return isCompactBrokerFrame(frame);
  const kind = frame[1] as number;
  return kind >= REQ && kind <= UPD;
}
