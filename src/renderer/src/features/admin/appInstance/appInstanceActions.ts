/**
 * AppInstance operations that reach across slices: after a create or delete
 * the picker's list is reloaded and the selection (persisted to the
 * workspace) follows, so the sidebar and this view agree.
 */
import { useAppStore } from '../../../store';
import { getApi } from '../../../api';
import { selectAppInstance } from '../../../session/sessionActions';
import type { Result } from '../../../../../shared/errors';
import type { ChimeOutput } from '../../../../../shared/ipc/chimeTypes';

const store = () => useAppStore.getState();

export async function createAppInstance(input: Record<string, unknown>): Promise<Result<ChimeOutput<'CreateAppInstance'>>> {
  const result = await getApi()['chime:CreateAppInstance'](input);
  if (result.ok) {
    // Not awaited: the list streams in page by page, and the selection does not depend on it.
    void store().loadAppInstances();
    if (result.value.AppInstanceArn) await selectAppInstance(result.value.AppInstanceArn);
  }
  return result;
}

export async function deleteAppInstance(arn: string): Promise<Result<unknown>> {
  const result = await getApi()['chime:DeleteAppInstance']({ AppInstanceArn: arn });
  if (result.ok) {
    if (store().selectedAppInstanceArn === arn) await selectAppInstance(undefined);
    void store().loadAppInstances();
  }
  return result;
}
