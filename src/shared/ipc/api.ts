/**
 * The renderer's API, built from the contract's keys over any transport:
 * Electron's ipcRenderer in the preload, HTTP + server-sent events in the
 * browser harness. One builder, so both expose exactly the same surface.
 */
import type { Contract, Events } from './contract';
import { CHANNEL_NAME_LIST, EVENT_NAME_LIST } from './channelNames';
import type { InvokeFn, SubscribeFn } from './define';
import type { Result } from '../errors';

export interface Transport {
  invoke(channel: string, input: unknown): Promise<Result<unknown>>;
  subscribe(event: string, listener: (payload: unknown) => void): () => void;
}

export type WorkbenchApi = { readonly [C in keyof Contract]: InvokeFn<Contract[C]> } & {
  readonly [E in keyof Events]: SubscribeFn<Events[E]>;
};

export function buildApi(transport: Transport): WorkbenchApi {
  const api: Record<string, unknown> = {};
  for (const name of CHANNEL_NAME_LIST) {
    api[name] = (input?: unknown) => transport.invoke(name, input);
  }
  for (const name of EVENT_NAME_LIST) {
    api[name] = (listener: (payload: unknown) => void) => transport.subscribe(name, listener);
  }
  return Object.freeze(api) as WorkbenchApi;
}
