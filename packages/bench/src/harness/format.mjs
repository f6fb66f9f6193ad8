// Plain-text rendering: compact numbers (3 significant digits, k/M/G), aligned columns.

export function formatValue(value, unit) {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  if (!Number.isFinite(value)) return '?';
  if (unit === '×') return `${value.toFixed(2)}×`;
  const abs = Math.abs(value);
  for (const [scale, suffix] of [[1e9, 'G'], [1e6, 'M'], [1e3, 'k']]) {
    if (abs >= scale) return `${sig3(value / scale)}${suffix}`;
  }
  return sig3(value);
}

function sig3(x) {
  const abs = Math.abs(x);
  if (abs >= 100) return x.toFixed(0);
  if (abs >= 10) return x.toFixed(1);
  if (abs >= 1 || abs === 0) return x.toFixed(2);
  return x.toPrecision(2);
}

const VERDICT_MARK = { lead: '', tie: '=', loss: '!' };

/** A comparison with the best peer ({ ratio, verdict }, see compare.mjs) as "1.23×", "0.98×=" or "0.80×!". */
export function formatRatio(comparison) {
  if (comparison === undefined || !Number.isFinite(comparison.ratio)) return '';
  return `${comparison.ratio.toFixed(2)}×${VERDICT_MARK[comparison.verdict]}`;
}

/** rows: arrays of cells; the first column is left-aligned, the rest right-aligned. */
export function renderTable(header, rows) {
  const widths = header.map((h, c) => Math.max(width(h), ...rows.map((r) => width(r[c] ?? ''))));
  const line = (cells) =>
    cells.map((cell, c) => (c === 0 ? pad(cell ?? '', widths[c], 'end') : pad(cell ?? '', widths[c], 'start'))).join('  ');
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map((r) => (r.section ? r.section : line(r)))].join('\n');
}

const width = (s) => [...String(s)].length;
const pad = (s, w, side) => {
  const fill = ' '.repeat(Math.max(0, w - width(s)));
  return side === 'end' ? s + fill : fill + s;
};
