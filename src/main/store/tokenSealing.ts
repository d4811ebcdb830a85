/**
 * Converting between the stored layout (tokens sealed) and the service's state
 * (tokens in plain text). A token this machine cannot decrypt (the file came
 * from another machine or the keyring was reset) is shown as empty, reported,
 * and its ciphertext kept and written back unchanged, so it is never dropped
 * without the user doing so.
 */
import type { Settings, Workspace } from '../../shared/workspace/workspace';
import { openToken, sealToken, type Encryptor } from './encryption';
import type { StoreNotice } from './persistence';
import type { StoredLayout } from './workspaceLayout';

type TokenField = 'deviceToken' | 'voipDeviceToken';
export type SealedOriginals = Map<string, Partial<Record<TokenField, string>>>;

export const originalKey = (workspaceId: string, deviceId: string): string => `${workspaceId}/${deviceId}`;

export function openLayout(
  stored: StoredLayout,
  encryptor: Encryptor,
): { workspaces: Workspace[]; originals: SealedOriginals; notices: StoreNotice[] } {
  const originals: SealedOriginals = new Map();
  const notices: StoreNotice[] = [];
  const workspaces = stored.workspaces.map((w) => {
    const unreadable: string[] = [];
    const devices = w.devices.map((d) => {
      const device = { ...d };
      for (const field of ['deviceToken', 'voipDeviceToken'] as const) {
        const value = d[field];
        if (value === undefined) continue;
        const plain = openToken(encryptor, value);
        if (plain !== undefined) {
          device[field] = plain;
          continue;
        }
        device[field] = '';
        if (field === 'voipDeviceToken') delete device.voipDeviceToken;
        const key = originalKey(w.id, d.id);
        originals.set(key, { ...originals.get(key), [field]: value });
        if (!unreadable.includes(d.id)) unreadable.push(d.id);
      }
      return device;
    });
    if (unreadable.length > 0) notices.push({ kind: 'tokens-unreadable', workspaceId: w.id, deviceIds: unreadable });
    return { ...w, devices };
  });
  return { workspaces, originals, notices };
}

/**
 * Sealing every token of every workspace on each save made a small change to
 * a large store cost as much as sealing it all: a sealed workspace is cached
 * by the (never mutated) workspace object, so only changed workspaces are
 * sealed again. `originals` only change together with their workspace.
 */
export type SealCache = WeakMap<Workspace, StoredLayout['workspaces'][number]>;

export function sealLayout(
  workspaces: readonly Workspace[],
  settings: Settings,
  encryptor: Encryptor,
  originals: SealedOriginals,
  cache: SealCache = new WeakMap(),
): StoredLayout {
  return {
    settings,
    workspaces: workspaces.map((w) => {
      const hit = cache.get(w);
      if (hit) return hit;
      const sealed = sealWorkspace(w, encryptor, originals);
      cache.set(w, sealed);
      return sealed;
    }),
  };
}

function sealWorkspace(w: Workspace, encryptor: Encryptor, originals: SealedOriginals): StoredLayout['workspaces'][number] {
  return {
      ...w,
      devices: w.devices.map((d) => {
        const kept = originals.get(originalKey(w.id, d.id));
        const device = { ...d, deviceToken: kept?.deviceToken ?? sealToken(encryptor, d.deviceToken) };
        const voip = kept?.voipDeviceToken ?? (d.voipDeviceToken === undefined ? undefined : sealToken(encryptor, d.voipDeviceToken));
        if (voip === undefined) delete device.voipDeviceToken;
        else device.voipDeviceToken = voip;
        return device;
      }),
  };
}
