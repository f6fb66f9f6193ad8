// Errors cross the thread/process boundary as plain data and are rebuilt on the other side
// "as themselves": built-in classes keep their class, weft errors become the matching weft
// class, anything else an Error with the same name; message, code, own properties, cause
// chain and the remote stack all survive.
import { ERROR_CODES, WEFT_ERROR_CLASSES, type WeftErrorName } from './errors.js';

export interface SerializedError {
  readonly $error: true;
  name: string;
  message: string;
  stack?: string;
  /** own enumerable properties (code, errno, custom fields), cloneable values only */
  props: Record<string, unknown>;
  cause?: SerializedError | { $value: unknown };
  /** AggregateError members */
  errors?: SerializedError[];
}

const BUILTIN: Record<string, ErrorConstructor> = {
  Error,
  TypeError,
  RangeError,
  SyntaxError,
  ReferenceError,
  EvalError,
  URIError,
};
const CODE_TO_WEFT = new Map<string, WeftErrorName>(
  Object.entries(ERROR_CODES).map(([name, code]) => [code, name as WeftErrorName]),
);
const MAX_CAUSE_DEPTH = 16; // a cause chain longer than this is cut: cycles or runaway wrapping

function isPlainCloneable(value: unknown, depth = 0): boolean {
  if (value === null) return true;
  const t = typeof value;
  if (t === 'function' || t === 'symbol') return false;
  if (t !== 'object') return true;
  if (depth > 8) return false;
  if (Array.isArray(value)) return value.every((v) => isPlainCloneable(v, depth + 1));
  const proto = Object.getPrototypeOf(value);
  if (proto === Object.prototype || proto === null) {
    return Object.values(value as object).every((v) => isPlainCloneable(v, depth + 1));
  }
  return value instanceof Date || value instanceof RegExp || ArrayBuffer.isView(value) || value instanceof Map || value instanceof Set;
}

export function serializeError(err: unknown, depth = 0): SerializedError {
  if (!(err instanceof Error)) {
    // `throw "text"` or `throw 42`: keep the value, present it as an Error.
    const e: SerializedError = { $error: true, name: 'Error', message: describeThrown(err), props: {} };
    if (isPlainCloneable(err)) e.props.thrownValue = err;
    return e;
  }
  const props: Record<string, unknown> = {};
  for (const key of Object.keys(err)) {
    if (key === 'cause' || key === 'errors') continue;
    const v = (err as unknown as Record<string, unknown>)[key];
    if (isPlainCloneable(v)) props[key] = v;
  }
  const code = (err as { code?: unknown }).code;
  if (code !== undefined && !('code' in props) && isPlainCloneable(code)) props.code = code;
  const out: SerializedError = { $error: true, name: err.name, message: err.message, stack: err.stack, props };
  if ('cause' in err && err.cause !== undefined && depth < MAX_CAUSE_DEPTH) {
    out.cause = err.cause instanceof Error ? serializeError(err.cause, depth + 1) : isPlainCloneable(err.cause) ? { $value: err.cause } : { $value: describeThrown(err.cause) };
  }
  if (err instanceof AggregateError && depth < MAX_CAUSE_DEPTH) {
    out.errors = err.errors.map((e) => serializeError(e, depth + 1));
  }
  return out;
}

export function deserializeError(s: SerializedError): Error {
  const weftName = typeof s.props.code === 'string' ? CODE_TO_WEFT.get(s.props.code) : undefined;
  let err: Error;
  if (weftName !== undefined && weftName === s.name) {
    err = Object.create(WEFT_ERROR_CLASSES[weftName].prototype) as Error;
  } else if (s.name === 'AggregateError') {
    err = Object.create(AggregateError.prototype) as Error;
  } else {
    const ctor = BUILTIN[s.name] ?? Error;
    err = Object.create(ctor.prototype) as Error;
    if (!(s.name in BUILTIN)) {
      Object.defineProperty(err, 'name', { value: s.name, writable: true, configurable: true, enumerable: false });
    }
  }
  Object.defineProperty(err, 'message', { value: s.message, writable: true, configurable: true, enumerable: false });
  Object.defineProperty(err, 'stack', { value: s.stack ?? `${s.name}: ${s.message}`, writable: true, configurable: true, enumerable: false });
  for (const [k, v] of Object.entries(s.props)) {
    (err as unknown as Record<string, unknown>)[k] = v;
  }
  if (s.cause !== undefined) {
    const cause = '$error' in s.cause ? deserializeError(s.cause) : s.cause.$value;
    Object.defineProperty(err, 'cause', { value: cause, writable: true, configurable: true, enumerable: false });
  }
  if (s.errors !== undefined) {
    Object.defineProperty(err, 'errors', { value: s.errors.map(deserializeError), writable: true, configurable: true, enumerable: false });
  }
  return err;
}

export function isSerializedError(v: unknown): v is SerializedError {
  return typeof v === 'object' && v !== null && (v as { $error?: unknown }).$error === true;
}

function describeThrown(v: unknown): string {
  if (typeof v === 'string') return v;
  try {
    return `non-Error value thrown: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`;
  } catch {
    return `non-Error value thrown: ${Object.prototype.toString.call(v)}`;
  }
}
