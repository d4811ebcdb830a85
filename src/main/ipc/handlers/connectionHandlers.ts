/**
 * Profiles, connection choice, "Who am I" and the MFA reply. Switching the
 * connection cancels running page loads and tells the watcher, so nothing
 * started under the old connection reports into the new one.
 */
import type { ConnectionManager } from '../../aws/connections';
import type { MfaPromptBroker } from '../../aws/mfaPrompt';
import { listProfiles, type ProfileSourceOptions } from '../../aws/profiles';
import { fail, ok } from '../../../shared/errors';
import { regionWarning } from '../../../shared/aws/regions';
import type { ConnectionState } from '../../../shared/ipc/appTypes';
import type { ConnectionInfo } from '../../../shared/aws/types';
import type { Connection as WorkspaceConnection } from '../../../shared/workspace/workspace';

export interface ConnectionHandlerDeps {
  readonly connections: ConnectionManager;
  readonly mfa: MfaPromptBroker;
  readonly profileSource?: ProfileSourceOptions;
  /** Called before a new connection is built (cancel loads, pause the watcher). */
  readonly beforeSwitch: () => void;
  /** Called when the new connection could not be built: the old one stays, and so does its watcher. */
  readonly switchFailed: () => void;
}

export function describeConnection(info: ConnectionInfo): ConnectionState {
  const warning = info.kind === 'profile' ? regionWarning(info.region) : undefined;
  return { info, status: 'connected', ...(warning ? { regionWarning: warning } : {}) };
}

export function connectionHandlers({ connections, mfa, profileSource, beforeSwitch, switchFailed }: ConnectionHandlerDeps) {
  return {
    'profiles:list': async () => ok(await listProfiles(profileSource)),
    'connection:get': () => {
      const info = connections.current();
      if (!info) return fail({ code: 'NotConnected', message: 'No connection is selected yet.', retryable: false });
      return ok(describeConnection(info));
    },
    'connection:select': async ({ connection, region }: { connection: WorkspaceConnection; region: string }) => {
      beforeSwitch();
      const result = await connections.select(connection.kind === 'sandbox' ? { kind: 'sandbox' } : { kind: 'profile', profile: connection.profile, region });
      if (!result.ok) {
        switchFailed();
        return result;
      }
      return ok(describeConnection(result.value));
    },
    'connection:whoami': () => connections.whoAmI(),
    'mfa:reply': ({ requestId, code }: { requestId: string; code: string | null }) => ok({ accepted: mfa.reply(requestId, code) }),
  };
}
