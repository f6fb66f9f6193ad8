import { describe, expect, test } from 'vitest';
import { compactOrSame, type FromWorker, type ToWorker } from '@weft/spi';
import type { BrokerMessage } from '../src/broker/messages.js';
import { brokerFrame, brokerMessage } from '../src/wire/broker-frames.js';
import { PROTOCOL, RESULTS, RUN, isBrokerFrame, type Frame } from '../src/wire/frame.js';
import { encodeFrame } from '../src/wire/frame-bytes.js';
import { FrameDecoder } from '../src/wire/frame-decoder.js';
import { protocolFrame, protocolMessage } from '../src/wire/protocol-frames.js';

/** as bytes on the frame pipe and back, in one chunk */
const overPipe = <T extends Frame>(frame: T): T => {
  const out: Frame[] = [];
  new FrameDecoder((f) => out.push(f)).push(encodeFrame(frame));
  expect(out).toHaveLength(1);
  return out[0] as T;
};

describe('frames', () => {
  test('broker frames are told from protocol frames', () => {
    expect(isBrokerFrame(protocolFrame({ type: 'ready' }))).toBe(false);
    expect(isBrokerFrame(brokerFrame({ k: 'gone', a: '1.2' }))).toBe(true);
  });

  test('run and results messages travel flat, field for field, with every optional field kept', () => {
    const run: ToWorker = {
      type: 'run',
      fns: [[3, { kind: 'task', module: 'file:///m.mjs', name: 'f' }]],
      tasks: [
        { id: 1, fn: 3, args: [1, { a: new Map([[1, 2]]) }] },
        { id: 2, fn: 3, args: [[1], [2]], chunk: true, flat: true, extra: ['x'], handles: true },
      ],
    };
    const single: ToWorker = { type: 'run', tasks: [{ id: 9, fn: 1, args: [41] }] };
    expect(protocolMessage(overPipe(protocolFrame(single)))).toStrictEqual(single);
    const frame = overPipe(protocolFrame(run));
    expect(frame[1]).toBe(RUN);
    expect(frame.some((slot) => typeof slot === 'object' && slot !== null && !Array.isArray(slot) && 'type' in slot)).toBe(false);
    expect(protocolMessage(frame)).toStrictEqual(run);

    const results: FromWorker = {
      type: 'results',
      results: [
        { id: 1, ok: true, value: 2, ms: 0.5 },
        { id: 2, ok: true, value: { $h: 1 }, handles: true, ms: 1 },
        { id: 3, ok: false, error: { $error: true, name: 'Error', message: 'boom', props: {} }, ms: 2 },
        { id: 4, ok: false, error: { $error: true, name: 'TypeError', message: 'bad item', props: {} }, index: 7, ms: 3 },
      ],
    };
    for (const one of results.results) {
      const alone: FromWorker = { type: 'results', results: [one] };
      expect(protocolMessage(overPipe(protocolFrame(alone)))).toStrictEqual(alone);
    }
    const back = overPipe(protocolFrame(results));
    expect(back[1]).toBe(RESULTS);
    expect(protocolMessage(back)).toStrictEqual(results);
  });

  test('other protocol messages, and any with a field the codec does not know, travel whole', () => {
    const others: Array<ToWorker | FromWorker> = [
      { type: 'ready' },
      { type: 'init', initializer: null, initargs: [1], concurrency: 2 },
      { type: 'abort', id: 4 },
      { type: 'close', exitCode: 3 },
      { type: 'run', tasks: [{ id: 1, fn: 0, args: [], future: 'field' } as never] },
      { type: 'results', results: [{ id: 1, ok: true, value: 1, ms: 0, future: 'field' } as never] },
    ];
    for (const m of others) {
      const frame = overPipe(protocolFrame(m));
      expect(frame[1]).toBe(PROTOCOL);
      expect(protocolMessage(frame)).toStrictEqual(m);
    }
  });

  test('broker messages round-trip with and without their optional fields', () => {
    const messages: BrokerMessage[] = [
      { k: 'req', to: '1', from: '1.2', id: 1, p: '7', op: 'acquire', a: [] },
      { k: 'req', to: '1', from: '1.2', id: 2, p: '7', op: 'acquire', a: [], t: 0 },
      { k: 'req', to: '1', from: '1.2', id: 3, p: '7', op: 'release', a: [1], f: true },
      { k: 'req', to: '1.2', from: '1', id: 4, p: '1/c2', op: 'wait', a: [], t: 50, mk: { type: 'condition', lock: '7' } },
      { k: 'req', to: '1.2', from: '1', id: 5, p: '1/c2', op: 'notify', a: [1], f: true, mk: { type: 'condition', lock: '7' } },
      { k: 'res', to: '1.2', id: 1, r: { ok: true, v: true }, s: [0, 1] },
      { k: 'res', to: '1.2', id: 2, r: { ok: true, v: new Map([['x', 1]]) }, s: null },
      { k: 'res', to: '1.2', id: 3, r: { ok: false, e: { $error: true, name: 'LockNotOwnedError', message: 'no', props: { code: 'X' } } }, s: [1, 0] },
      { k: 'res', to: '1.2', id: 4, r: { ab: true }, s: [0, 0] },
      { k: 'cxl', to: '1', from: '1.2', id: 4 },
      { k: 'gone', a: '1.2.3' },
    ];
    for (const m of messages) expect(brokerMessage(overPipe(brokerFrame(m)))).toStrictEqual(m);
  });

  test("requests and replies of plain scalars travel as one string; anything a string could not carry exactly stays an array", () => {
    const compact: BrokerMessage[] = [
      { k: 'req', to: '1', from: '1.2', id: 1, p: '7', op: 'acquire', a: [] },
      { k: 'req', to: '1', from: '1.2', id: 2, p: '7', op: 'acquire', a: [], t: 0.5 },
      { k: 'req', to: '1.2.3', from: '1', id: 3, p: '1.2.3/c4', op: 'release', a: [2], f: true },
      { k: 'req', to: '1', from: '1.2', id: 4, p: '7', op: 'release', a: [-0], f: true },
      { k: 'req', to: '1', from: '1.2', id: 5, p: '7', op: 'put', a: [1.5, NaN, 'text', '', null, undefined, 7n, true] },
      { k: 'res', to: '1.2', id: 1, r: { ok: true, v: true }, s: [0, 1] },
      { k: 'res', to: '1.2', id: 2, r: { ok: true, v: false }, s: null },
      { k: 'res', to: '1.2', id: 3, r: { ok: true, v: undefined }, s: [] },
      { k: 'res', to: '1.2', id: 4, r: { ok: true, v: 3 }, s: [0, 1] },
      { k: 'res', to: '1.2', id: 5, r: { ok: true, v: 'an item' }, s: [2] },
      { k: 'res', to: '1.2', id: 6, r: { ok: true, v: -0 }, s: null },
    ];
    for (const m of compact) {
      const frame = brokerFrame(m);
      expect(typeof frame).toBe('string');
      expect(isBrokerFrame(overPipe(frame))).toBe(true);
      expect(brokerMessage(overPipe(frame))).toStrictEqual(m);
    }
    const whole: BrokerMessage[] = [
      { k: 'req', to: '1', from: '1.2', id: 6, p: '7', op: 'put', a: [{ item: 1 }] },
      { k: 'req', to: '1', from: '1.2', id: 7, p: '7', op: 'acquire', a: [], t: -0 },
      { k: 'req', to: '1', from: '1.2', id: 8, p: '7', op: 'put', a: ['a\u0000b'] },
      { k: 'res', to: '1.2', id: 4, r: { ok: true, v: [3] }, s: [0, 1] },
      { k: 'res', to: '1.2', id: 5, r: { ok: true, v: true }, s: [0.5] },
      { k: 'res', to: '1.2', id: 6, r: { ok: true, v: true }, s: { set: true } },
    ];
    for (const m of whole) {
      const frame = brokerFrame(m);
      expect(Array.isArray(frame)).toBe(true);
      expect(brokerMessage(overPipe(frame))).toStrictEqual(m);
    }
  });

  test('run and results of plain scalars travel as one string, every scalar coming back exact', () => {
    const scalars = [0, -0, 1.5, -7, NaN, Infinity, -Infinity, Number.MAX_VALUE, 5e-324, 2 ** 53 + 2, 12345678901234567890n, -3n, '', 'text', 'a|b,c"\n', 'ünï ✓ 𝄞', '\uDC00 lone', 'n5', true, false, null, undefined];
    const [head, tail] = [scalars.slice(0, 16), scalars.slice(16)]; // at most 16 of anything goes compact
    const run: ToWorker = {
      type: 'run',
      tasks: [
        { id: 1, fn: 2, args: head },
        { id: 2, fn: 2, args: tail },
        { id: 3, fn: 2, args: [] },
        { id: 4, fn: 4, args: [1, 'two', 3n], chunk: true, flat: true },
      ],
    };
    // a compact result carries its run time in whole nanoseconds: these are
    const results = (values: unknown[]): FromWorker => ({ type: 'results', results: values.map((value, i) => ({ id: i + 1, ok: true, value, ms: i / 4 + 0.000123 })) });
    for (const m of [run, results(head), results(tail), { type: 'run', tasks: [{ id: 9, fn: 1, args: [41] }] } as ToWorker]) {
      const frame = protocolFrame(m);
      expect(typeof frame).toBe('string');
      const back = overPipe(frame);
      expect(isBrokerFrame(back)).toBe(false);
      expect(protocolMessage(back)).toStrictEqual(m);
    }
  });

  test('run and results with anything a string could not carry exactly stay arrays, and lose nothing', () => {
    const fnRef = { kind: 'task', module: 'file:///m.mjs', name: 'f' } as const;
    const runs: ToWorker[] = [
      { type: 'run', fns: [[1, fnRef]], tasks: [{ id: 1, fn: 1, args: [1] }] }, // a function sent along
      { type: 'run', tasks: [{ id: 1, fn: 1, args: [{ a: 1 }] }] }, // an object argument
      { type: 'run', tasks: [{ id: 1, fn: 1, args: [1] }, { id: 2, fn: 1, args: [[1]] }] }, // one task of two
      { type: 'run', tasks: [{ id: 1, fn: 1, args: ['a\u0000b'] }] }, // the separator inside a string
      { type: 'run', tasks: [{ id: 1, fn: 1, args: ['x'.repeat(5000)] }] }, // a long string
      { type: 'run', tasks: [{ id: 1, fn: 1, args: [1, 2], chunk: true, flat: true, extra: [3] }] },
      { type: 'run', tasks: [{ id: 1, fn: 1, args: [[1], [2]], chunk: true }] },
      { type: 'run', tasks: [{ id: 1, fn: 1, args: [1], handles: true }] },
      { type: 'run', tasks: [{ id: 1, fn: 1, args: [Symbol.for('s')] as unknown[] }] },
      { type: 'run', tasks: [{ id: 1, fn: 1, args: Array.from({ length: 17 }, (_, i) => i) }] }, // large: cloned faster as is
      { type: 'run', tasks: Array.from({ length: 17 }, (_, i) => ({ id: i, fn: 1, args: [i] })) },
    ];
    const results: FromWorker[] = [
      // (fast results: slow ones are never compacted, see the next test)
      { type: 'results', results: [{ id: 1, ok: true, value: [1, , 3], ms: 0.5 }] }, // eslint-disable-line no-sparse-arrays
      { type: 'results', results: [{ id: 1, ok: true, value: 1, ms: 0.5 }, { id: 2, ok: true, value: new Set([1]), ms: 0.5 }] },
      { type: 'results', results: [{ id: 1, ok: true, value: 1, handles: true, ms: 0.5 }] },
      { type: 'results', results: [{ id: 1, ok: false, error: { $error: true, name: 'Error', message: 'boom', props: {} }, ms: 0.5 }] },
      { type: 'results', results: Array.from({ length: 17 }, (_, i) => ({ id: i, ok: true, value: i, ms: 0.5 })) },
      { type: 'results', results: [{ id: 1, ok: true, value: 1, ms: NaN }] }, // a run time no integer field carries
    ];
    for (const m of [...runs, ...results]) {
      const frame = protocolFrame(m);
      expect(Array.isArray(frame)).toBe(true);
      if (m.type === 'run' && m.tasks[0]?.args[0] === Symbol.for('s')) continue; // IPC refuses a symbol, as it should
      expect(protocolMessage(overPipe(frame))).toStrictEqual(m);
    }
  });

  test('slow work stays arrays: a run marked slow, results that all took 1 ms or more; one fast result is enough to compact', () => {
    const slowRun: ToWorker = { type: 'run', tasks: [{ id: 1, fn: 1, args: [41] }], slow: true };
    const slowResults: FromWorker = { type: 'results', results: [{ id: 1, ok: true, value: 2, ms: 1 }, { id: 2, ok: true, value: 3, ms: 2.5 }] };
    const mixed: FromWorker = { type: 'results', results: [{ id: 1, ok: true, value: 2, ms: 1 }, { id: 2, ok: true, value: 3, ms: 0.25 }] };
    for (const m of [slowRun, slowResults]) {
      expect(compactOrSame(m)).toBe(m); // worker_threads posts it as it is
      const frame = protocolFrame(m);
      expect(Array.isArray(frame)).toBe(true);
      const back = protocolMessage(overPipe(frame));
      // the slow mark is the transport's hint only: the worker does not get it
      expect(back).toStrictEqual(m.type === 'run' ? { type: 'run', tasks: m.tasks } : m);
    }
    expect(typeof compactOrSame(mixed)).toBe('string');
    expect(typeof protocolFrame(mixed)).toBe('string');
    expect(protocolMessage(overPipe(protocolFrame(mixed)))).toStrictEqual(mixed);
  });

  test('integers of every size come back exact, as fields and as values (both written in base 36)', () => {
    const ints = [0, 9, 10, 35, 36, 255, 256, 1295, 1296, -1, -36, 2 ** 31, -(2 ** 31), 36 ** 10 - 1, 36 ** 10, 2 ** 52, 2 ** 53 - 1, -(2 ** 53 - 1)];
    const [head, tail] = [ints.slice(0, 16), ints.slice(16)];
    const big = 2 ** 53 - 1;
    const messages: Array<ToWorker | FromWorker> = [
      { type: 'run', tasks: [{ id: big, fn: 300, args: head }, { id: 36 ** 10, fn: 35, args: tail }] },
      { type: 'results', results: head.map((value, i) => ({ id: big - i, ok: true, value, ms: i / 1000 })) },
    ];
    for (const m of messages) {
      const frame = protocolFrame(m);
      expect(typeof frame).toBe('string');
      expect(protocolMessage(overPipe(frame))).toStrictEqual(m);
    }
    const broker: BrokerMessage[] = [
      { k: 'req', to: '1', from: '1.2', id: big, p: '7', op: 'put', a: tail },
      { k: 'res', to: '1.2', id: 36 ** 10, r: { ok: true, v: -(2 ** 53 - 1) }, s: [-5, 0, 1296, big] },
    ];
    for (const m of broker) {
      const frame = brokerFrame(m);
      expect(typeof frame).toBe('string');
      expect(brokerMessage(overPipe(frame))).toStrictEqual(m);
    }
  });

  test('a compact result carries its run time rounded to the nanosecond', () => {
    const m: FromWorker = { type: 'results', results: [{ id: 1, ok: true, value: 1, ms: 0.0006219999999999 }] };
    const back = protocolMessage(overPipe(protocolFrame(m))) as Extract<FromWorker, { type: 'results' }>;
    expect(back.results[0]?.ms).toBe(0.000622);
  });
});
