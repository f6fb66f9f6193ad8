// Command-line flags of `pnpm bench`.
export const USAGE = `usage: pnpm bench [--quick] [--json[=file]] [--only=a,b] [--impl=a,b] [--reps=N] [--pinned] [--verbose]
  --quick        smaller workloads, same repetitions; the whole run stays under 60 s (unpinned)
  --json         print the results as JSON on stdout instead of the table (progress stays on
                 stderr; through \`pnpm bench\` the install/build logs share stdout, so prefer:)
  --json=FILE    write the JSON to FILE (relative to where you ran pnpm) and print the table
  --only=a,b     run only measurements whose family/case (e.g. throughput/submit, latency,
                 raw-ipc/pingpong-json) contains one of the words
  --impl=a,b     run only these implementations (e.g. weft-threads,piscina,raw)
  --reps=N       recorded repetitions per measurement (default 5, minimum 5)
  --pinned       re-run the whole bench under \`taskset -c 0\` (every process on one core)
  --verbose      pass the measured processes' stderr through
  --report=FILE  measure nothing: print the table of a saved --json=FILE run`;

export function parseArgs(argv) {
  const args = { quick: false, json: false, jsonFile: null, only: [], impl: [], reps: 5, pinned: false, verbose: false, report: null };
  for (const a of argv) {
    const [flag, value] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    if (flag === '--quick') args.quick = true;
    else if (flag === '--json') value ? (args.jsonFile = value) : (args.json = true);
    else if (flag === '--only') args.only = list(value, flag);
    else if (flag === '--impl') args.impl = list(value, flag);
    else if (flag === '--reps') args.reps = reps(value);
    else if (flag === '--pinned') args.pinned = true;
    else if (flag === '--verbose') args.verbose = true;
    else if (flag === '--report') args.report = list(value, flag)[0];
    else if (flag === '--help' || flag === '-h') args.help = true;
    else if (flag === '--') continue;
    else throw new Error(`bench: unknown flag "${a}"\n${USAGE}`);
  }
  return args;
}

function list(value, flag) {
  if (!value) throw new Error(`bench: ${flag} needs a comma-separated list, e.g. ${flag}=latency,submit`);
  return value.split(',').map((s) => s.trim()).filter(Boolean);
}

function reps(value) {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 5) throw new Error(`bench: --reps must be an integer ≥ 5 (the issue asks for a median of at least 5); got "${value}"`);
  return n;
}
