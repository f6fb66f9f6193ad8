// Table-driven option checks: each failure is a TypeError (wrong type) or RangeError (out of
// range), with a message of the form "options.<key> must be …, got …".

export type Check =
  | { readonly type: 'integer'; readonly min?: number; readonly max?: number; readonly optional?: boolean }
  | { readonly type: 'number'; readonly min?: number; readonly optional?: boolean; readonly infinite?: boolean }
  | { readonly type: 'boolean'; readonly optional?: boolean }
  | { readonly type: 'string'; readonly optional?: boolean }
  | { readonly type: 'function'; readonly optional?: boolean }
  | { readonly type: 'signal'; readonly optional?: boolean }
  | { readonly type: 'oneOf'; readonly values: readonly string[]; readonly optional?: boolean }
  | { readonly type: 'any' };

export function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return `${String(v)}${typeof v === 'bigint' ? 'n' : ''}`;
  if (typeof v === 'function') return `function ${v.name || '(anonymous)'}`;
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return `${(v as object).constructor?.name ?? 'an object'} object`;
  return typeof v;
}

/** Check one value; `label` is what the message calls it, e.g. "options.maxWorkers". */
export function checkValue(label: string, value: unknown, check: Check): void {
  if (check.type === 'any') return;
  if (value === undefined) {
    if (check.optional) return;
    throw new TypeError(`${label} is required`);
  }
  const got = `, got ${describeValue(value)}`;
  switch (check.type) {
    case 'integer':
      if (typeof value !== 'number' || Number.isNaN(value)) throw new TypeError(`${label} must be an integer${got}`);
      if (!Number.isInteger(value)) throw new RangeError(`${label} must be an integer${got}`);
      if (check.min !== undefined && value < check.min) throw new RangeError(`${label} must be >= ${check.min}${got}`);
      if (check.max !== undefined && value > check.max) throw new RangeError(`${label} must be <= ${check.max}${got}`);
      return;
    case 'number':
      if (typeof value !== 'number' || Number.isNaN(value)) throw new TypeError(`${label} must be a number${got}`);
      if (!check.infinite && !Number.isFinite(value)) throw new RangeError(`${label} must be finite${got}`);
      if (check.min !== undefined && value < check.min) throw new RangeError(`${label} must be >= ${check.min}${got}`);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') throw new TypeError(`${label} must be a boolean${got}`);
      return;
    case 'string':
      if (typeof value !== 'string') throw new TypeError(`${label} must be a string${got}`);
      return;
    case 'function':
      if (typeof value !== 'function') throw new TypeError(`${label} must be a function${got}`);
      return;
    case 'signal':
      if (!(value instanceof AbortSignal)) throw new TypeError(`${label} must be an AbortSignal${got}`);
      return;
    case 'oneOf':
      if (typeof value !== 'string' || !check.values.includes(value)) {
        throw new (typeof value === 'string' ? RangeError : TypeError)(`${label} must be one of ${check.values.map((v) => JSON.stringify(v)).join(', ')}${got}`);
      }
      return;
  }
}

/**
 * Validate an options object against a table. Unknown keys are a TypeError that lists the
 * known ones (a typo should not be silently ignored).
 */
export function validateOptions(where: string, options: unknown, table: Readonly<Record<string, Check>>): void {
  if (options === undefined) return;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new TypeError(`${where}: options must be an object${options === null ? ', got null' : `, got ${describeValue(options)}`}`);
  }
  for (const key of Object.keys(options)) {
    if (!(key in table)) {
      throw new TypeError(`${where}: unknown option options.${key}; known options are ${Object.keys(table).join(', ')}`);
    }
  }
  for (const [key, check] of Object.entries(table)) {
    checkValue(`${where}: options.${key}`, (options as Record<string, unknown>)[key], check);
  }
}

/** The `{ timeout?, signal? }` every wait takes. timeout in ms; undefined or Infinity = forever. */
export const WAIT_OPTIONS: Readonly<Record<string, Check>> = {
  timeout: { type: 'number', min: 0, optional: true, infinite: true },
  signal: { type: 'signal', optional: true },
};
