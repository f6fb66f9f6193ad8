// Runs a list of measurement specs in one fresh Node process; resolves to one { samples } or
// { error } per spec (all errors alike when the process dies or times out).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { RESULT_MARK } from './child.mjs';

const childEntry = fileURLToPath(new URL('./child.mjs', import.meta.url));
const running = new Set(); // process-group leaders of measurements in flight

/** Kills every measurement in flight with its whole process group (pool workers included). */
export function killRunning() {
  for (const pid of running) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {}
  }
}

export function runIsolated(specs, { env = {}, timeoutMs, verbose = false }) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [childEntry, JSON.stringify(specs)], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true, // own process group, so a timeout kills the pool's workers too
    });
    running.add(child.pid);
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => {
      err += d;
      if (verbose) process.stderr.write(d);
    });
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {}
    }, timeoutMs);
    child.on('close', (code, signal) => {
      running.delete(child.pid);
      clearTimeout(timer);
      const line = out.split('\n').find((l) => l.startsWith(RESULT_MARK));
      if (line) return resolve(JSON.parse(line.slice(RESULT_MARK.length)));
      const why = signal === 'SIGKILL' ? `timed out after ${timeoutMs} ms` : `exited ${code ?? signal} without a result`;
      const tail = err.trim().split('\n').slice(-3).join(' | ');
      resolve(specs.map(() => ({ error: `${why}${tail ? `: ${tail}` : ''}` })));
    });
  });
}
