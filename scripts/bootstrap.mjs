#!/usr/bin/env node
// The README's Quickstart entry point: on a machine with only node and npm it installs the
// workspace with the pinned pnpm, builds every package, then runs the demo, the tests or the bench.
// Usage: node scripts/bootstrap.mjs demo|test|bench|chaos [args...]
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const PNPM = 'pnpm@10.34.9'; // keep in step with "packageManager" in package.json
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' };
const [command = 'test', ...rest] = process.argv.slice(2);

function run(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env, ...options });
  if (r.error) throw r.error;
  return r.status ?? 1;
}
function must(cmd, args, what) {
  const code = run(cmd, args);
  if (code !== 0) {
    console.error(`weft bootstrap: ${what} failed (exit ${code}); see the output above.`);
    process.exit(code);
  }
}
const pnpm = (args, what) => must('npx', ['-y', PNPM, ...args], what);

const frozen = existsSync(join(root, 'pnpm-lock.yaml')) ? ['--frozen-lockfile'] : [];
pnpm(['install', ...frozen, '--reporter=append-only'], 'pnpm install');
pnpm(['exec', 'turbo', 'run', 'build', '--output-logs=errors-only'], 'build');

if (command === 'demo') {
  must(process.execPath, [join(root, 'packages/demo/dist/demo.js'), ...rest], 'demo');
} else if (command === 'chaos') {
  must(process.execPath, [join(root, 'scripts/chaos/run.mjs'), ...rest], 'chaos');
} else if (command === 'bench') {
  pnpm(['--filter', '@weft/bench', 'run', 'bench', ...rest], 'bench');
} else if (command === 'test') {
  must(process.execPath, [join(root, 'scripts/check-graph.mjs')], 'package graph check');
  const report = join(root, 'node_modules/.cache/weft-test-report.json');
  rmSync(report, { force: true });
  const code = run('npx', ['-y', PNPM, 'exec', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...rest]);
  // One plain closing line, whatever the runner prints above it.
  if (existsSync(report)) {
    const r = JSON.parse(readFileSync(report, 'utf8'));
    console.log(`\nweft: ${r.numPassedTests} passed, ${r.numFailedTests} failed`);
  }
  process.exit(code);
} else {
  console.error(`weft bootstrap: unknown command "${command}"; use demo, test, bench or chaos.`);
  process.exit(2);
}
