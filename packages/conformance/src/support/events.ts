// Waiting for an event of weft's EventEmitter-style objects (Worker). Node's events.once() is
// avoided on purpose: it rejects on 'error', and some tests wait for 'error' itself.
interface Emitter {
  once(event: string, listener: (...args: unknown[]) => void): unknown;
}

export function nextEvent(emitter: Emitter, event: string): Promise<unknown[]> {
  return new Promise((resolve) => {
    emitter.once(event, (...args: unknown[]) => resolve(args));
  });
}
