/**
 * Main's side of the contract, independent of Electron: look up the channel,
 * check who is calling, validate the payload with the channel's schema, call
 * the handler and pass its Result through. Handlers answer Results; only what
 * a handler throws unexpectedly (a bug, a disk error) is mapped here. The Electron binding
 * and the browser harness both route every call through here.
 */
import { contract, isChannelName, type ChannelName, type Contract } from '../../shared/ipc/contract';
import type { ChannelOutput } from '../../shared/ipc/define';
import { fail, WorkbenchCodes, type Result, type WorkbenchError } from '../../shared/errors';
import { toValidationIssues, describeIssues } from '../../shared/chime/schema';
import type { z } from 'zod';
import { findMalformedUnicode } from '../../shared/ipc/wellFormed';

export type Handler<C extends ChannelName> = (
  input: z.output<Contract[C]['input']>,
) => Promise<Result<ChannelOutput<Contract[C]>>> | Result<ChannelOutput<Contract[C]>>;

export type Handlers = { [C in ChannelName]: Handler<C> };

export interface DispatcherOptions {
  readonly handlers: Handlers;
  /** Maps what a handler throws unexpectedly to an error value (main passes the AWS error mapper). */
  readonly mapError: (error: unknown) => WorkbenchError;
}

export interface Dispatcher {
  dispatch(channel: unknown, payload: unknown, trustedSender: boolean): Promise<Result<unknown>>;
}

export function createDispatcher({ handlers, mapError }: DispatcherOptions): Dispatcher {
  return {
    async dispatch(channel, payload, trustedSender) {
      if (!trustedSender) {
        return fail({ code: WorkbenchCodes.ForbiddenSender, message: 'IPC call refused: it does not come from the app window.', retryable: false });
      }
      if (!isChannelName(channel)) {
        return fail({ code: WorkbenchCodes.InvalidInput, message: `Unknown IPC channel: ${String(channel).slice(0, 80)}`, retryable: false });
      }
      const malformed = findMalformedUnicode(payload);
      if (malformed !== undefined) return fail(malformedUnicode(malformed));
      const parsed = contract[channel].input.safeParse(payload);
      if (!parsed.success) {
        const issues = toValidationIssues(parsed.error, payload);
        return fail({ code: WorkbenchCodes.InvalidInput, message: describeIssues(issues), issues, retryable: false });
      }
      try {
        const handler = handlers[channel] as (input: unknown) => Promise<Result<unknown>> | Result<unknown>;
        return await handler(parsed.data);
      } catch (error) {
        return fail(mapError(error));
      }
    },
  };
}

function malformedUnicode(member: string): WorkbenchError {
  const issues = [{ member, message: 'Member must be well-formed Unicode (it contains a lone UTF-16 surrogate)' }];
  return { code: WorkbenchCodes.InvalidInput, message: describeIssues(issues), issues, retryable: false };
}
