import { describe, expect, test } from 'vitest';
import { BrokerClient, type RequestTarget } from '../src/broker/client.js';

describe('BrokerClient', () => {
  test('a request whose send throws rejects with that error and leaves nothing pending', async () => {
    const failure = new Error('the channel is closed');
    const client = new BrokerClient({
      address: '1',
      send: () => {
        throw failure;
      },
    });
    const target: RequestTarget = { owner: '2', id: 'lock-1', mk: undefined, snapshot: undefined };
    const controller = new AbortController();
    await expect(client.request(target, 'acquire', [], { signal: controller.signal }, 'Lock.acquire()')).rejects.toBe(failure);
    // Nothing left to settle: an owner-gone report finds no request to fail.
    expect(() => client.ownerGone('2')).not.toThrow();
    controller.abort(); // its listener is gone too: aborting sends nothing (send would throw)
  });
});
