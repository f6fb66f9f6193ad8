// The workers this thread/process started and that are still alive, for activeChildren().

export interface WorkerInfo {
  readonly name: string;
  /** threadId (worker_threads) or pid (child_process) */
  readonly ident: number;
}

const live = new Set<WorkerInfo>();

export function registerChild(w: WorkerInfo): void {
  live.add(w);
}
export function unregisterChild(w: WorkerInfo): void {
  live.delete(w);
}
export function liveChildren(): WorkerInfo[] {
  return [...live].map((w) => ({ name: w.name, ident: w.ident }));
}
