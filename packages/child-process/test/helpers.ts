// Shared test helpers: agents (children forked through the transport) that are always
// cleaned up, and a bounded wait for a pid to disappear.
import { readFileSync } from 'node:fs';
import { afterEach } from 'vitest';
// @ts-expect-error -- plain .mjs fixture, shared with the forked children
import { Agent as AgentImpl } from './fixtures/agent-client.mjs';
import type { ResourceLimits, WorkerExit, WorkerHandle } from '@weft/spi';

export interface Agent {
  readonly worker: WorkerHandle;
  readonly pid: number;
  ready(): Promise<void>;
  exited(): Promise<WorkerExit>;
  run(name: string, ...args: unknown[]): Promise<any>;
  close(): Promise<void>;
}

const live = new Set<Agent>();

afterEach(async () => {
  await Promise.all([...live].map((a) => a.close()));
  live.clear();
});

export async function startAgent(options: { name?: string; resourceLimits?: ResourceLimits } = {}): Promise<Agent> {
  const agent = new AgentImpl(options) as Agent;
  live.add(agent);
  await agent.ready();
  return agent;
}

/**
 * Whether `pid` is still running. process.kill(pid, 0) also succeeds for a zombie: a process
 * that has exited but whose (new) parent has not reaped it yet — an orphan is reparented to
 * PID 1, which in a container may reap only every second or two. On Linux a zombie ('Z' in
 * /proc/<pid>/stat) therefore counts as exited.
 */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true; // no procfs: kill(pid, 0) is all we can know
  }
}

/** true once `pid` no longer exists; false if it still does after `maxMs` (an upper bound, not a sleep) */
export async function goneWithin(pid: number, maxMs: number): Promise<boolean> {
  const until = Date.now() + maxMs;
  while (Date.now() < until) {
    if (!isAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 10));
  }
  return !isAlive(pid);
}

export const FIXTURES = new URL('./fixtures/', import.meta.url);

/** resolves once `predicate()` holds (checked every few ms), rejects after `maxMs`: an upper bound, not a sleep */
export async function until(predicate: () => boolean, maxMs = 10_000): Promise<void> {
  const deadline = Date.now() + maxMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`condition not reached within ${maxMs} ms: ${predicate.toString()}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}
