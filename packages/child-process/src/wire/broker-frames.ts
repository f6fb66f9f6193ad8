// Broker messages (broker/messages.ts) as frames, one flat array each; optional trailing
// slots are left off when empty, since a lock round trip sends three of these. Each frame is
// one array literal (pushing onto one reallocates its backing store):
//
//   REQ  [tag, REQ, to, from, id, p, op, a, t?, f?, mk?]
//   RES  [tag, RES, to, id, status, value | error, s]    status: OK, ERROR or ABORTED
//   CXL  [tag, CXL, to, from, id]
//   GONE [tag, GONE, a]
//   SUB  [tag, SUB, to, from, p, on]
//   UPD  [tag, UPD, to, from, p, s, n]
//
// The commonest requests and replies (a lock's) go as one string instead (compact-frames.ts).
import { PROTOCOL_TAG, type SerializedError } from '@weft/spi';
import type { BrokerMessage, MakeSpec, WireReply } from '../broker/messages.js';
import type { Address } from '../tree/address.js';
import { compactFrame, compactMessage } from './compact-frames.js';
import { CXL, GONE, REQ, RES, SUB, UPD, type ArrayFrame, type Frame } from './frame.js';

const OK = 0;
const ERROR = 1;
const ABORTED = 2;

type Request = Extract<BrokerMessage, { k: 'req' }>;

export function brokerFrame(m: BrokerMessage): Frame {
  return compactFrame(m) ?? arrayFrame(m);
}

function arrayFrame(m: BrokerMessage): ArrayFrame {
  switch (m.k) {
    case 'req':
      return requestFrame(m);
    case 'res': {
      const r = m.r;
      if ('ab' in r) return [PROTOCOL_TAG, RES, m.to, m.id, ABORTED, undefined, m.s];
      return r.ok ? [PROTOCOL_TAG, RES, m.to, m.id, OK, r.v, m.s] : [PROTOCOL_TAG, RES, m.to, m.id, ERROR, r.e, m.s];
    }
    case 'cxl':
      return [PROTOCOL_TAG, CXL, m.to, m.from, m.id];
    case 'gone':
      return [PROTOCOL_TAG, GONE, m.a];
    case 'sub':
      return [PROTOCOL_TAG, SUB, m.to, m.from, m.p, m.on];
    case 'upd':
      return [PROTOCOL_TAG, UPD, m.to, m.from, m.p, m.s, m.n];
  }
}

function requestFrame(m: Request): ArrayFrame {
  if (m.mk !== undefined) return [PROTOCOL_TAG, REQ, m.to, m.from, m.id, m.p, m.op, m.a, m.t, m.f, m.mk];
  if (m.f === true) return [PROTOCOL_TAG, REQ, m.to, m.from, m.id, m.p, m.op, m.a, m.t, true];
  if (m.t !== undefined) return [PROTOCOL_TAG, REQ, m.to, m.from, m.id, m.p, m.op, m.a, m.t];
  return [PROTOCOL_TAG, REQ, m.to, m.from, m.id, m.p, m.op, m.a];
}

/** the message of a REQ, RES, CXL, GONE, SUB or UPD frame */
export function brokerMessage(frame: Frame): BrokerMessage {
  if (typeof frame === 'string') return compactMessage(frame);
  switch (frame[1]) {
    case REQ:
      return readRequest(frame);
    case RES:
      return { k: 'res', to: frame[2] as Address, id: frame[3] as number, r: readReply(frame[4] as number, frame[5]), s: frame[6] };
    case CXL:
      return { k: 'cxl', to: frame[2] as Address, from: frame[3] as Address, id: frame[4] as number };
    case SUB:
      return { k: 'sub', to: frame[2] as Address, from: frame[3] as Address, p: frame[4] as string, on: frame[5] === true };
    case UPD:
      return { k: 'upd', to: frame[2] as Address, from: frame[3] as Address, p: frame[4] as string, s: frame[5], n: frame[6] as number };
    default:
      return { k: 'gone', a: frame[2] as Address };
  }
}

function readRequest(frame: ArrayFrame): Request {
  const m: { -readonly [K in keyof Request]: Request[K] } = {
    k: 'req',
    to: frame[2] as Address,
    from: frame[3] as Address,
    id: frame[4] as number,
    p: frame[5] as string,
    op: frame[6] as string,
    a: frame[7] as unknown[],
  };
  if (frame[8] !== undefined) m.t = frame[8] as number;
  if (frame[9] === true) m.f = true;
  if (frame[10] !== undefined) m.mk = frame[10] as MakeSpec;
  return m;
}

function readReply(status: number, value: unknown): WireReply {
  if (status === OK) return { ok: true, v: value };
  if (status === ERROR) return { ok: false, e: value as SerializedError };
  return { ab: true };
}
