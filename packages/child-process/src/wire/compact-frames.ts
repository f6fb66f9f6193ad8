// The commonest broker messages as one string instead of an array: requests whose arguments
// are plain scalars (a lock's acquire and release, a put of a number) and replies of a plain
// scalar with an integer snapshot. V8 serializes a flat string in one copy; pricing the three
// messages of a lock round trip, the string form saved ~2 µs per message over an array of the
// same fields. A string also spares the receiver a young-GC survivor (see
// compact-protocol-frames.ts). Everything else (objects, errors, aborts, conditions) stays an
// array.
//
//   request  TAG SEP q SEP to SEP from SEP id SEP p SEP op SEP t|'' SEP f|'' (SEP token)*
//   reply    TAG SEP s SEP to SEP id SEP token SEP n|a (SEP snapshot int)*
// Tokens are scalar-tokens.ts's.
import { PROTOCOL_TAG } from '@weft/spi';
import type { BrokerMessage } from '../broker/messages.js';
import { SEP, scalarToken, tokenValue } from './scalar-tokens.js';

/** every compact frame starts with this; the kind letter follows */
export const COMPACT_PREFIX = PROTOCOL_TAG + SEP;
const REQUEST = 'q';
const REPLY = 's';

type Request = Extract<BrokerMessage, { k: 'req' }>;
type Reply = Extract<BrokerMessage, { k: 'res' }>;

export function isCompactFrame(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(COMPACT_PREFIX);
}

/** a compact frame of the broker's (the others carry run and results: compact-protocol-frames.ts) */
export function isCompactBrokerFrame(frame: string): boolean {
  const kind = frame[COMPACT_PREFIX.length];
  return kind === REQUEST || kind === REPLY;
}

/** the compact form of `m`, or null when it carries anything but the simple cases above */
export function compactFrame(m: BrokerMessage): string | null {
  if (m.k === 'req') {
    if (m.mk !== undefined || (m.t !== undefined && !isPlainNumber(m.t))) return null;
    // join builds the string in one go; a template literal would make a ConsString per part
    const parts: unknown[] = [PROTOCOL_TAG, REQUEST, m.to, m.from, m.id, m.p, m.op, m.t ?? '', m.f === true ? 'f' : ''];
    for (const a of m.a) {
      const token = scalarToken(a);
      if (token === null) return null;
      parts.push(token);
    }
    return parts.join(SEP);
  }
  if (m.k === 'res') {
    const r = m.r;
    if (!('ok' in r) || !r.ok) return null;
    const v = scalarToken(r.v);
    if (v === null) return null;
    if (m.s === null) return [PROTOCOL_TAG, REPLY, m.to, m.id, v, 'n'].join(SEP);
    if (!Array.isArray(m.s) || !m.s.every(isPlainInteger)) return null;
    const parts: unknown[] = [PROTOCOL_TAG, REPLY, m.to, m.id, v, 'a'];
    for (const x of m.s as unknown[]) parts.push(x);
    return parts.join(SEP);
  }
  return null;
}

export function compactMessage(frame: string): BrokerMessage {
  const f = frame.split(SEP);
  if (f[1] === REQUEST) {
    const m: { -readonly [K in keyof Request]: Request[K] } = {
      k: 'req',
      to: f[2] as string,
      from: f[3] as string,
      id: Number(f[4]),
      p: f[5] as string,
      op: f[6] as string,
      a: f.length > 9 ? f.slice(9).map(tokenValue) : [],
    };
    if (f[7] !== '') m.t = Number(f[7]);
    if (f[8] === 'f') m.f = true;
    return m;
  }
  const s = f[5] === 'n' ? null : f.slice(6).map(Number);
  const reply: Reply = { k: 'res', to: f[2] as string, id: Number(f[3]), r: { ok: true, v: tokenValue(f[4] as string) }, s };
  return reply;
}

/** an integer that survives String() → Number() exactly (not -0, not beyond 2^53) */
function isPlainInteger(x: unknown): boolean {
  return Number.isSafeInteger(x) && !Object.is(x, -0);
}

function isPlainNumber(x: number): boolean {
  return Number.isFinite(x) && !Object.is(x, -0);
}
