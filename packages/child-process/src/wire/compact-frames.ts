// The commonest broker messages as one string instead of an array: requests whose arguments
// are plain scalars (a lock's acquire and release, a put of a number) and replies of a plain
// scalar with an integer snapshot. V8 serializes a flat string in one copy; pricing the three
// messages of a lock round trip, the string form saved ~2 µs per message over an array of the
// same fields. A string also spares the receiver a young-GC survivor (see @weft/spi's
// compact-protocol.ts). Everything else (objects, errors, aborts, conditions) stays an array.
//
//   request  TAG SEP q SEP to SEP from SEP id SEP p SEP op SEP t|'' SEP f|'' (SEP token)*
//   reply    TAG SEP s SEP to SEP id SEP token SEP n|a (SEP snapshot int)*
// id and the snapshot's integers are written in base 36 (@weft/spi's intField), t in decimal.
// Tokens are @weft/spi's scalar tokens (scalar-tokens.ts there).
import { COMPACT_PREFIX, FrameReader, PROTOCOL_TAG, SEP, intField, scalarToken } from '@weft/spi';
import type { BrokerMessage } from '../broker/messages.js';
const REQUEST = 'q';
const REPLY = 's';

type Request = Extract<BrokerMessage, { k: 'req' }>;
type Reply = Extract<BrokerMessage, { k: 'res' }>;

/** a compact frame of the broker's (the others carry run and results: compact-protocol.ts in @weft/spi) */
export function isCompactBrokerFrame(frame: string): boolean {
  const kind = frame[COMPACT_PREFIX.length];
  return kind === REQUEST || kind === REPLY;
}

/** the compact form of `m`, or null when it carries anything but the simple cases above */
export function compactFrame(m: BrokerMessage): string | null {
  if ((m.k === 'req' || m.k === 'res') && !isPlainInteger(m.id)) return null;
  if (m.k === 'req') {
    if (m.mk !== undefined || (m.t !== undefined && !isPlainNumber(m.t))) return null;
    // join builds the string in one go; a template literal would make a ConsString per part
    const parts: unknown[] = [PROTOCOL_TAG, REQUEST, m.to, m.from, intField(m.id), m.p, m.op, m.t ?? '', m.f === true ? 'f' : ''];
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
    if (m.s === null) return [PROTOCOL_TAG, REPLY, m.to, intField(m.id), v, 'n'].join(SEP);
    if (!Array.isArray(m.s) || !m.s.every(isPlainInteger)) return null;
    const parts: unknown[] = [PROTOCOL_TAG, REPLY, m.to, intField(m.id), v, 'a'];
    for (const x of m.s as number[]) parts.push(intField(x));
    return parts.join(SEP);
  }
  return null;
}

export function compactMessage(frame: string): BrokerMessage {
  const f = new FrameReader(frame, COMPACT_PREFIX.length + 2); // past the kind letter and its SEP
  if (frame[COMPACT_PREFIX.length] === REQUEST) {
    const to = f.string();
    const from = f.string();
    const id = f.number();
    const p = f.string();
    const op = f.string();
    const t = f.string();
    const fireAndForget = f.string() === 'f';
    const a: unknown[] = [];
    while (!f.done) a.push(f.token());
    const m: { -readonly [K in keyof Request]: Request[K] } = { k: 'req', to, from, id, p, op, a };
    if (t !== '') m.t = Number(t);
    if (fireAndForget) m.f = true;
    return m;
  }
  const to = f.string();
  const id = f.number();
  const v = f.token();
  let s: number[] | null = null;
  if (f.string() === 'a') {
    s = [];
    while (!f.done) s.push(f.number());
  }
  const reply: Reply = { k: 'res', to, id, r: { ok: true, v }, s };
  return reply;
}

/** an integer that survives intField() → integerAt() exactly (not -0, not beyond 2^53) */
function isPlainInteger(x: unknown): boolean {
  return Number.isSafeInteger(x) && !Object.is(x, -0);
}

function isPlainNumber(x: number): boolean {
  return Number.isFinite(x) && !Object.is(x, -0);
}
