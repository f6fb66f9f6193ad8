// Runs a small node program as its own process and reports how it ended. Used to check what
// only a whole process shows: that it exits on its own (an idle pool must not keep it alive),
// that a pending wait keeps it alive, how backend selection reacts to the environment, and that
// TypeScript task modules work under tsx.
//
// The program runs in its own process group so that, if it does not exit within the bound, the
// test kills it *and* any workers it started: no stray processes either way.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { PROGRAM_EXIT_MS } from './limits.js';

export interface ProgramOutcome {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** true when the bound passed and the test had to kill the program */
  readonly timedOut: boolean;
  readonly ms: number;
}

export interface ProgramOptions {
  readonly args?: readonly string[];
  readonly nodeArgs?: readonly string[];
  /** variables to set (a value of undefined removes the variable) */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly cwd?: string;
  readonly timeoutMs?: number;
}

export function runProgram(program: URL, options: ProgramOptions = {}): Promise<ProgramOutcome> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  for (const [k, v] of Object.entries(options.env ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  const started = performance.now();
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), fileURLToPath(program), ...(options.args ?? [])], {
    cwd: options.cwd ?? fileURLToPath(new URL('../..', import.meta.url)),
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  let timedOut = false;
  const bound = setTimeout(() => {
    timedOut = true;
    killGroup(child.pid);
  }, options.timeoutMs ?? PROGRAM_EXIT_MS);
  return new Promise((resolve, reject) => {
    child.once('error', (err) => {
      clearTimeout(bound);
      reject(err);
    });
    child.once('close', (code, signal) => {
      clearTimeout(bound);
      // Whatever the program left behind in its group goes too (it should have left nothing).
      killGroup(child.pid);
      resolve({ code, signal, stdout, stderr, timedOut, ms: performance.now() - started });
    });
  });
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // the group is already gone
  }
}

/** The last line of stdout parsed as JSON: programs print their findings as one JSON line. */
export function lastJsonLine(outcome: ProgramOutcome): unknown {
  const lines = outcome.stdout.trim().split('\n').filter((l) => l.trim() !== '');
  const last = lines.at(-1);
  if (last === undefined) {
    throw new Error(`the program printed nothing (exit ${outcome.code}, signal ${outcome.signal}); stderr:\n${outcome.stderr}`);
  }
  try {
    return JSON.parse(last);
  } catch {
    throw new Error(`the program's last line is not JSON: ${last}\nstderr:\n${outcome.stderr}`);
  }
}
