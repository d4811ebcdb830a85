/**
 * Checklist 20 (do not expose Electron APIs to untrusted web content): the
 * preload exposes one frozen object, `window.workbench`, whose keys are
 * exactly the contract's channels and events; listeners get the payload,
 * never the IpcRendererEvent (which carries `sender`, an IpcRenderer).
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES, EVENT_NAMES } from '../../../src/shared/ipc/contract';

const exposed: Array<[string, Record<string, unknown>]> = [];
const listeners = new Map<string, Array<(event: unknown, payload: unknown) => void>>();
const invoked: Array<[string, unknown]> = [];

vi.mock('electron', () => {
  const ipcRenderer = {
    invoke: async (channel: string, input: unknown) => {
      invoked.push([channel, input]);
      return { ok: true, value: null };
    },
    on: (event: string, listener: (event: unknown, payload: unknown) => void) => {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
    },
    removeListener: (event: string, listener: (event: unknown, payload: unknown) => void) => {
      listeners.set(event, (listeners.get(event) ?? []).filter((l) => l !== listener));
    },
  };
  const contextBridge = { exposeInMainWorld: (key: string, api: Record<string, unknown>) => void exposed.push([key, api]) };
  return { contextBridge, ipcRenderer, default: { contextBridge, ipcRenderer } };
});

beforeAll(async () => {
  await import('../../../src/preload/index');
});

const api = () => exposed[0]![1];

describe('preload', () => {
  it('exposes exactly the contract under window.workbench, once', () => {
    expect(exposed.map(([key]) => key)).toEqual(['workbench']);
    expect(Object.keys(api()).sort()).toEqual([...new Set([...CHANNEL_NAMES, ...EVENT_NAMES])].sort());
    for (const [name, value] of Object.entries(api())) expect(typeof value, name).toBe('function');
    expect(Object.isFrozen(api())).toBe(true);
  });

  // A shared name would let buildApi's subscribe function replace the invoke function.
  it('keeps channel and event names disjoint, so no key shadows another', () => {
    expect(CHANNEL_NAMES.filter((name) => (EVENT_NAMES as readonly string[]).includes(name))).toEqual([]);
  });

  it('invokes the channel of the same name with the input only', async () => {
    const invoke = api()['app:info'] as (input?: unknown) => Promise<unknown>;
    await expect(invoke()).resolves.toEqual({ ok: true, value: null });
    expect(invoked).toEqual([['app:info', undefined]]);
  });

  it('hands listeners the payload only and unsubscribes', () => {
    const received: unknown[][] = [];
    const subscribe = api()['connection:changed'] as (listener: (...args: unknown[]) => void) => () => void;
    const unsubscribe = subscribe((...args) => received.push(args));
    const ipcEvent = { sender: { send: () => undefined }, senderId: 0 };
    for (const listener of listeners.get('connection:changed')!) listener(ipcEvent, { kind: 'sandbox' });
    expect(received).toEqual([[{ kind: 'sandbox' }]]);
    unsubscribe();
    expect(listeners.get('connection:changed')).toEqual([]);
  });
});
