#!/usr/bin/env node
// Fails when a package imports (or depends on) a workspace package outside the allowed edges:
//   spi ← worker-threads, child-process ← core ← conformance, bench, demo
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const ALLOWED = {
  '@weft/spi': [],
  '@weft/worker-threads': ['@weft/spi'],
  '@weft/child-process': ['@weft/spi'],
  '@weft/core': ['@weft/spi', '@weft/worker-threads', '@weft/child-process'],
  '@weft/conformance': ['@weft/core', '@weft/spi'],
  '@weft/bench': ['@weft/core', '@weft/spi'],
  '@weft/demo': ['@weft/core'],
};

function* sourceFiles(dir) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* sourceFiles(p);
    else if (/\.(m|c)?[jt]s$/.test(name)) yield p;
  }
}

const problems = [];
for (const dir of readdirSync(join(root, 'packages'))) {
  const pkgDir = join(root, 'packages', dir);
  let pkg;
  try {
    pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
  } catch {
    continue;
  }
  const allowed = ALLOWED[pkg.name];
  if (allowed === undefined) {
    problems.push(`${pkg.name}: not in scripts/check-graph.mjs; add it with its allowed dependencies`);
    continue;
  }
  const deps = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies, ...pkg.peerDependencies }).filter((d) => d.startsWith('@weft/'));
  for (const d of deps) if (!allowed.includes(d)) problems.push(`${pkg.name} depends on ${d}, which is not an allowed edge`);
  for (const file of sourceFiles(pkgDir)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"](@weft\/[a-z-]+)/g)) {
      if (m[1] !== pkg.name && !allowed.includes(m[1])) problems.push(`${file.slice(root.length)} imports ${m[1]}, which ${pkg.name} may not use`);
    }
  }
}
if (problems.length > 0) {
  console.error(`package graph check failed:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log('package graph: ok (spi ← backends ← core ← conformance/bench/demo)');
