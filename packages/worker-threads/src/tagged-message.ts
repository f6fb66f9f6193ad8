// parentPort may also carry the user's own messages, so weft's protocol messages travel
// wrapped under PROTOCOL_TAG and anything untagged is left alone.
import { PROTOCOL_TAG } from '@weft/spi';

export interface TaggedMessage<T> {
  readonly [PROTOCOL_TAG]: true;
  readonly message: T;
}

export function tag<T>(message: T): TaggedMessage<T> {
  return { [PROTOCOL_TAG]: true, message };
}

/** The protocol message inside `data`, or undefined when it is not one of ours. */
export function untag<T>(data: unknown): T | undefined {
  if (typeof data !== 'object' || data === null || (data as Record<string, unknown>)[PROTOCOL_TAG] !== true) return undefined;
  return (data as TaggedMessage<T>).message;
}
