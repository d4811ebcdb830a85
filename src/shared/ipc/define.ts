/**
 * Building blocks of the IPC contract: a channel is a zod input schema plus a
 * phantom output type; an event is a phantom payload type. Types are inferred
 * from these, so main, preload, harness and renderer cannot disagree.
 */
import type { z } from 'zod';
import type { Result } from '../errors';

export interface ChannelDef<I extends z.ZodType = z.ZodType, O = unknown> {
  readonly input: I;
  /** Never read at run time; carries the output type. */
  readonly output?: O;
}

export interface EventDef<P = unknown> {
  readonly payload?: P;
}

export const channel =
  <O>() =>
  <I extends z.ZodType>(input: I): ChannelDef<I, O> => ({ input });

export const event = <P>(): EventDef<P> => ({});

export type ChannelInput<C> = C extends ChannelDef<infer I, unknown> ? z.input<I> : never;
export type ChannelOutput<C> = C extends ChannelDef<z.ZodType, infer O> ? O : never;
export type EventPayload<E> = E extends EventDef<infer P> ? P : never;

export type InvokeFn<C> = (
  ...args: undefined extends ChannelInput<C> ? [input?: ChannelInput<C>] : [input: ChannelInput<C>]
) => Promise<Result<ChannelOutput<C>>>;
export type SubscribeFn<E> = (listener: (payload: EventPayload<E>) => void) => () => void;
