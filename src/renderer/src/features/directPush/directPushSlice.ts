/**
 * Direct push: the active workspace's saved settings (fields, the names of
 * the key files main keeps, the payload library) and the calls the dialog
 * makes. Key files are chosen and read in main; this slice holds handles.
 */
import type { SliceCreator } from '../../store';
import { getApi } from '../../api';
import { loadInto, type Resource } from '../../store/resource';
import { fail, type Result } from '../../../../shared/errors';
import type { DirectPushInput, SavedPayload } from '../../../../shared/push/directPush';
import type { LastDelivery } from '../../../../shared/push/deliveries';
import {
  chimeDeliveryOf,
  compareMessageOf,
  compareVerdict,
  type ChimeSide,
  type CompareEndpoint,
  type Comparison,
  type DirectSide,
} from '../../../../shared/push/compareWithChime';
import type {
  ChosenKeyFile,
  DirectPushHosts,
  DirectPushOutcome,
  DirectPushSettings,
  KeyFileKind,
} from '../../../../shared/ipc/directPushContract';

export interface DirectPushSlice {
  readonly directPushSettings?: Resource<DirectPushSettings>;
  /** Loads the active workspace's settings; answers them (undefined on failure, kept in the resource). */
  loadDirectPushSettings(): Promise<DirectPushSettings | undefined>;
  chooseDirectPushKey(kind: KeyFileKind): Promise<Result<ChosenKeyFile | null>>;
  /** Sends a certificate's passphrase to main once (the caller forgets it); main keeps the certificate unlocked. */
  unlockDirectPushCertificate(handle: string, passphrase: string): Promise<Result<ChosenKeyFile>>;
  /** `hosts`: the "Advanced" overrides (a relay), saved with the settings. */
  sendDirectPush(push: DirectPushInput, hosts?: DirectPushHosts): Promise<Result<DirectPushOutcome>>;
  /**
   * "Compare with Chime": the payload's title and body as a Chime test push to the endpoint's user, then `push`
   * itself. Fails only when the payload has no title and body to compare (or no workspace is open).
   */
  compareWithChime(endpoint: CompareEndpoint, push: DirectPushInput, hosts?: DirectPushHosts): Promise<Result<Comparison>>;
  saveDirectPushPayload(payload: SavedPayload): Promise<Result<readonly SavedPayload[]>>;
  deleteDirectPushPayload(name: string): Promise<Result<readonly SavedPayload[]>>;
}

const NO_WORKSPACE = fail({ code: 'NotFound', message: 'No workspace is open.', retryable: false });

export const createDirectPushSlice: SliceCreator<DirectPushSlice> = (set, get) => {
  const setPayloads = (payloads: readonly SavedPayload[]) => {
    const current = get().directPushSettings;
    if (current?.value) set({ directPushSettings: { ...current, value: { ...current.value, payloads } } });
  };
  return {
    async loadDirectPushSettings() {
      const workspaceId = get().activeWorkspace?.id;
      if (!workspaceId) return undefined;
      const result = await loadInto(
        workspaceId,
        () => getApi()['directPush:settings']({ workspaceId }),
        () => get().directPushSettings,
        (next) => set({ directPushSettings: next }),
      );
      return result.ok ? result.value : undefined;
    },
    chooseDirectPushKey: (kind) => getApi()['directPush:chooseKeyFile']({ kind }),
    unlockDirectPushCertificate: (handle, passphrase) => getApi()['directPush:unlockCertificate']({ handle, passphrase }),
    async sendDirectPush(push, hosts) {
      const workspaceId = get().activeWorkspace?.id;
      return workspaceId ? getApi()['directPush:send']({ workspaceId, push, ...(hosts && { hosts }) }) : NO_WORKSPACE;
    },
    async compareWithChime(endpoint, push, hosts) {
      if (!get().activeWorkspace) return NO_WORKSPACE;
      const message = compareMessageOf(push.service, push.payload, push.service === 'apns' && push.pushType === 'voip');
      if (!message.ok) return fail({ code: 'InvalidInput', message: message.message, retryable: false });
      const onSandbox = get().connection?.info.kind === 'sandbox';
      // The endpoint's record on the sandbox, before and after: only a change is this push's.
      const lastDelivery = async (): Promise<LastDelivery | undefined> => {
        const result = await getApi()['devices:lastDeliveries']({
          userArn: endpoint.userArn,
          endpoints: [
            {
              endpointId: endpoint.endpointId,
              ...(endpoint.deviceToken && { deviceToken: endpoint.deviceToken }),
              ...(endpoint.voipDeviceToken && { voipDeviceToken: endpoint.voipDeviceToken }),
            },
          ],
        });
        return result.ok ? result.value.find((d) => d.endpointId === endpoint.endpointId)?.last : undefined;
      };
      const before = onSandbox ? await lastDelivery() : undefined;
      const sent = await get().sendTestPushTo(endpoint.userArn, message.value);
      // Chime first and read back before the direct push, whose own delivery would otherwise be the newest.
      const chime: ChimeSide = !sent.ok
        ? { kind: 'notSent', error: sent.error }
        : {
            kind: 'sent',
            messageId: sent.value.messageId,
            delivery: onSandbox ? chimeDeliveryOf(before, await lastDelivery(), sent.value.messageId) : 'unknown',
          };
      const answer = await get().sendDirectPush(push, hosts);
      const direct: DirectSide = answer.ok ? { outcome: answer.value } : { failure: answer.error };
      return { ok: true, value: { chime, direct, service: push.service, verdict: compareVerdict(push.service, chime, direct) } };
    },
    async saveDirectPushPayload(payload) {
      const workspaceId = get().activeWorkspace?.id;
      if (!workspaceId) return NO_WORKSPACE;
      const result = await getApi()['directPush:savePayload']({ workspaceId, payload });
      if (result.ok) setPayloads(result.value);
      return result;
    },
    async deleteDirectPushPayload(name) {
      const workspaceId = get().activeWorkspace?.id;
      if (!workspaceId) return NO_WORKSPACE;
      const result = await getApi()['directPush:deletePayload']({ workspaceId, name });
      if (result.ok) setPayloads(result.value);
      return result;
    },
  };
};
