/**
 * A `window.workbench` for component tests: built with the same buildApi the
 * preload uses, over an in-memory transport whose handlers each test supplies.
 * Unhandled channels answer with an error value, so a test sees a missing
 * stub as a failed call rather than a hang. Inputs are checked with the
 * contract's zod schema, as main's dispatcher does: a renderer call main would
 * refuse is refused here too (InvalidInput), never answered by a fake.
 */
import { buildApi, type Transport } from '../../src/shared/ipc/api';
import { contract, type ChannelName, type Contract, type EventName } from '../../src/shared/ipc/contract';
import type { ChannelOutput } from '../../src/shared/ipc/define';
import { describeIssues, toValidationIssues } from '../../src/shared/chime/schema';
import type { Result } from '../../src/shared/errors';
import type { z } from 'zod';
import type { OperationName } from '../../src/shared/chime/operations';
import type { ChimeInput } from '../../src/shared/ipc/chimeTypes';

type Answer<C extends ChannelName> = ChannelOutput<Contract[C]> | Result<ChannelOutput<Contract[C]>>;
/**
 * Typed from the contract: a fake gets the input main's handler would get
 * (after the channel's schema) and must answer what main could answer, a
 * value of the channel's output type or a Result of it.
 */
type Input<C extends ChannelName> = C extends `chime:${infer Op extends OperationName}` ? ChimeInput<Op> : z.output<Contract[C]['input']>;
export type FakeHandlers = {
  readonly [C in ChannelName]?: (input: Input<C>) => Answer<C> | Promise<Answer<C>>;
};

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
      const name = channel as ChannelName;
      const parsed = contract[name].input.safeParse(input);
      if (!parsed.success) {
        const issues = toValidationIssues(parsed.error);
        return { ok: false, error: { code: 'InvalidInput', message: describeIssues(issues), issues, retryable: false } };
      }
      const handler = handlers[name] as ((input: unknown) => unknown) | undefined;
      if (!handler) return { ok: false, error: { code: 'NotStubbed', message: `No fake for ${channel}`, retryable: false } };
      try {
        const value = await handler(parsed.data);
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
