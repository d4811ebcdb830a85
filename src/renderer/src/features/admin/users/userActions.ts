/**
 * AppInstanceUser operations. After each change the users slice (the
 * sidebar's list) is told, so the directory updates without a reload, and the
 * selection follows a created or deleted user.
 */
import { useAppStore } from '../../../store';
import { getApi } from '../../../api';
import { selectUser } from '../../../session/sessionActions';
import type { Result } from '../../../../../shared/errors';
import type { ChimeOutput } from '../../../../../shared/ipc/chimeTypes';

const store = () => useAppStore.getState();
const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

export async function createUser(input: Record<string, unknown>): Promise<Result<ChimeOutput<'CreateAppInstanceUser'>>> {
  const result = await getApi()['chime:CreateAppInstanceUser'](input);
  const arn = result.ok ? result.value.AppInstanceUserArn : undefined;
  if (arn) {
    store().userChanged({ AppInstanceUserArn: arn, Name: text(input.Name), Metadata: text(input.Metadata) });
    await selectUser(arn);
  }
  return result;
}

export async function updateUser(input: Record<string, unknown>): Promise<Result<ChimeOutput<'UpdateAppInstanceUser'>>> {
  const result = await getApi()['chime:UpdateAppInstanceUser'](input);
  const arn = text(input.AppInstanceUserArn);
  if (result.ok && arn) {
    store().userChanged({ AppInstanceUserArn: arn, Name: text(input.Name), Metadata: text(input.Metadata) });
    void store().describeManagedUser(arn);
  }
  return result;
}

export async function putExpiration(input: Record<string, unknown>): Promise<Result<ChimeOutput<'PutAppInstanceUserExpirationSettings'>>> {
  const result = await getApi()['chime:PutAppInstanceUserExpirationSettings'](input);
  const arn = text(input.AppInstanceUserArn);
  if (result.ok && arn) void store().describeManagedUser(arn);
  return result;
}

export async function deleteUser(arn: string): Promise<Result<unknown>> {
  const result = await getApi()['chime:DeleteAppInstanceUser']({ AppInstanceUserArn: arn });
  if (result.ok) {
    const wasSelected = store().selectedUserArn === arn;
    store().userRemoved(arn);
    // Persist the cleared selection so a relaunch does not restore a deleted user.
    if (wasSelected) await selectUser(undefined);
  }
  return result;
}
