// Turns one run's medians into the printed report: the environment, the table (metric | weft
// | peers | raw limits | weft vs best peer of the same kind), the issue's targets, and errors.
import { IMPLS } from './adapters/index.mjs';
import { SIGNIFICANCE, compareWithBestPeer } from './compare.mjs';
import { formatRatio, formatValue, renderTable } from './harness/format.mjs';
import { SECTIONS } from './metrics.mjs';
import { checkTargets } from './targets.mjs';

const COLUMNS = Object.keys(IMPLS);
const BUSY_LOAD = 1; // above one runnable process besides ours, rows measured different machines
const NOISY_SPREAD = 0.5; // (max-min)/median above this: repetitions disagree, mark the cell "~"

function cell(results, metric, impl, unit, errorsByRow) {
  const r = results[metric]?.[impl];
  if (r) return formatValue(r.median, unit) + (r.spread > NOISY_SPREAD ? '~' : '');
  return errorsByRow[metric]?.[impl] ? 'ERR' : '';
}

export function renderReport({ env, results, errors }) {
  const errorsByRow = {};
  for (const e of errors) for (const row of e.rows) ((errorsByRow[row] ??= {})[e.impl] = true);

  const header = ['metric', ...COLUMNS.map((c) => IMPLS[c].label), 't:best', 'p:best'];
  const rows = [];
  for (const section of SECTIONS) {
    rows.push({ section: `── ${section.title}` });
    for (const row of section.rows) {
      const cells = COLUMNS.map((impl) => {
        if (IMPLS[impl].role === 'raw' && row.raw) return cell(results, row.raw[IMPLS[impl].kind], impl, row.unit, errorsByRow);
        return cell(results, row.id, impl, row.unit, errorsByRow);
      });
      const label = `${row.label} (${row.unit}${row.better === 'lower' ? ' ↓' : ' ↑'})`;
      if (cells.every((c) => c === '')) continue;
      rows.push([label, ...cells, formatRatio(compareWithBestPeer(results, row, 'thread')), formatRatio(compareWithBestPeer(results, row, 'process'))]);
    }
  }

  const out = [];
  out.push(`weft bench — node ${env.node}, ${env.cpu}, ${env.cores} cores (${env.usableCores} usable), ${env.memoryGiB} GiB, ${env.platform}`);
  out.push(`pinned: ${env.pinned || 'no'} · ${env.quick ? 'quick' : 'full'} run · median of ${env.reps} reps after ${env.warmup} warm-up · ${env.workers} workers · commit ${env.commit} · ${env.date}`);
  const load = `load average ${env.loadAtStart.toFixed(1)} at start, ${env.loadAtEnd.toFixed(1)} at end`;
  const busy = Math.max(env.loadAtStart, env.loadAtEnd) > BUSY_LOAD;
  out.push(busy ? `WARNING: ${load} — other work shared these cores; compare ratios only, and rerun on a quiet machine.` : load);
  out.push(`peers: ${Object.entries(env.versions).map(([n, v]) => `${n} ${v}`).join(', ')}`);
  const z = env.sizes;
  out.push(`work: submit ${z.submitTasks} tasks · map ${z.mapItems} items · latency ${z.roundTrips} round trips · CPU ${z.cpu}${z.cpuMedium !== undefined ? ` and ${z.cpuMedium}` : ''} · ${z.payloadTasks} × 1 MiB${z.movedTasks !== undefined && z.movedTasks !== z.payloadTasks ? ` (${z.movedTasks} moved between threads)` : ''}`);
  out.push('');
  out.push(renderTable(header, rows));
  out.push('');
  out.push('↑ higher is better, ↓ lower is better; every cell is a median over the repetitions ("~": they spread over 50%).');
  out.push('-t = worker_threads, -p = child_process (fork), -c = node:cluster. tiny = tinypool, wpool = workerpool,');
  out.push('pfier = poolifier, amutex = async-mutex, lockf = proper-lockfile, raw = the same work with no library.');
  out.push('t:best / p:best = weft-t / weft-p against the best peer of the same kind (threads / processes), as a');
  out.push('factor where > 1× means weft is ahead (inverted for ↓ rows). A rank test over the repetitions');
  out.push('calls the row: no mark = weft leads, "!" = weft loses, "=" = a tie, the repetitions overlap too');
  out.push(`much to tell the two apart (one-sided Mann–Whitney p ≥ ${SIGNIFICANCE}).`);
  out.push('');
  if (env.quick) {
    // A quick run's workloads are too small to judge the goals: say so where the verdicts are.
    out.push('targets (issue 5), from this --quick run: indicative only. Its small workloads (see "work:"');
    out.push('above) and the pools its rows share cannot judge them; a full run (no --quick) decides.');
  } else {
    out.push('targets (issue 5), from this run:');
  }
  for (const t of checkTargets(results, { pinned: Boolean(env.pinned), quick: Boolean(env.quick) })) {
    const actual = t.actual === null ? "—" : `${t.actual.toFixed(3)}×`;
    out.push(`  ${t.status.padEnd(12)} ${actual.padStart(8)}  goal ${t.goal.padEnd(7)} ${t.label}`);
  }
  if (errors.length > 0) {
    out.push('');
    out.push('errors:');
    for (const e of errors) out.push(`  ${e.spec} [${e.impl}]: ${e.error}`);
  }
  return out.join('\n');
}
