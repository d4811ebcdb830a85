/**
 * The browser harness's stand-in for the preload: the same buildApi over a
 * loopback transport (POST for invokes, server-sent events for pushes), put
 * on `window.workbench` before the renderer bundle runs.
 */
import { buildApi, type Transport } from '../../src/shared/ipc/api';
import type { Result } from '../../src/shared/errors';

const listeners = new Map<string, Set<(payload: unknown) => void>>();
const source = new EventSource('/__harness/events');
source.onmessage = (message) => {
  const { event, payload } = JSON.parse(message.data as string) as { event: string; payload: unknown };
  listeners.get(event)?.forEach((listener) => listener(payload));
};

const transport: Transport = {
  async invoke(channel, input) {
    try {
      const response = await fetch(`/__harness/ipc/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ input }),
      });
      return (await response.json()) as Result<unknown>;
    } catch (error) {
      return { ok: false, error: { code: 'NetworkError', message: `Harness unreachable: ${String(error)}`, retryable: true } };
    }
  },
  subscribe(event, listener) {
    const set = listeners.get(event) ?? new Set();
    set.add(listener);
    listeners.set(event, set);
    return () => set.delete(listener);
  },
};

Object.defineProperty(window, 'workbench', { value: buildApi(transport), configurable: false, writable: false });
