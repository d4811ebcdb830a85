/**
 * A `window.workbench` for component tests: built with the same buildApi the
 * preload uses, over an in-memory transport whose handlers each test supplies.
 * Unhandled channels answer with an error value, so a test sees a missing
 * stub as a failed call rather than a hang.
 */
import { buildApi, type Transport } from '../../src/shared/ipc/api';
import type { ChannelName, EventName } from '../../src/shared/ipc/contract';
import type { Result } from '../../src/shared/errors';

export type FakeHandlers = Partial<Record<ChannelName, (input: unknown) => unknown>>;

export interface FakeApi {
  readonly calls: Array<{ channel: string; input: unknown }>;
  emit(event: EventName, payload: unknown): void;
}

export function installFakeApi(handlers: FakeHandlers): FakeApi {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const calls: FakeApi['calls'] = [];
  const transport: Transport = {
    async invoke(channel, input): Promise<Result<unknown>> {
      calls.push({ channel, input });
      const handler = handlers[channel as ChannelName];
      if (!handler) return { ok: false, error: { code: 'NotStubbed', message: `No fake for ${channel}`, retryable: false } };
      try {
        const value = await handler(input);
        if (value && typeof value === 'object' && 'ok' in value && typeof (value as { ok: unknown }).ok === 'boolean') {
          return value as Result<unknown>;
        }
        return { ok: true, value };
      } catch (error) {
        return { ok: false, error: { code: 'Thrown', message: String(error), retryable: false } };
      }
    },
    subscribe(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  };
  Object.defineProperty(window, 'workbench', { value: buildApi(transport), configurable: true, writable: true });
  return {
    calls,
    emit(event, payload) {
      listeners.get(event)?.forEach((l) => l(payload));
    },
  };
}
