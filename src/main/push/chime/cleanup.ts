/**
 * "Clean up" (issue 13): removes what the workbench created in an AppInstance,
 * after saying what it will remove. The workbench's own things are known by
 * the shared conventions, never guessed: channels tagged
 * workbench:purpose=push-test and the AppInstanceUser `workbench-push-sender`.
 * Channels go first (the sender, their moderator, is the bearer that may
 * delete them), then the sender.
 *
 * Simulated devices (Local sandbox only): the app creates them with
 * `"CreatedBy":"workbench"`, which the sandbox keeps with the device, so the
 * plan finds them after an app restart too; they are removed last with
 * DELETE /_sandbox/devices/{DeviceId}. Devices live in the sandbox, not in an
 * AppInstance, so the text says they are the sandbox's.
 */
import { DeleteAppInstanceUserCommand } from '@aws-sdk/client-chime-sdk-identity';
import { DeleteChannelCommand } from '@aws-sdk/client-chime-sdk-messaging';
import { fail, ok, type Result, type WorkbenchError } from '../../../shared/errors';
import { PUSH_SENDER_ID, PUSH_TEST_TAG } from '../../../shared/push/testPush';
import { WORKBENCH_DEVICE_CREATOR, type SandboxDevice } from '../../../shared/push/deliveries';
import { pushError } from './meaning';
import type { PushClients } from './clients';
import { principalExists } from './testPush';
import { findTestChannels } from './channels';

export interface CleanUpInput {
  readonly appInstanceArn: string;
  /** Who deletes the channels when the sender is gone (an AppInstanceAdmin, or the channels' moderator). */
  readonly bearerArn?: string;
  /** On the Local sandbox: its simulated devices (those the workbench created are planned for removal). */
  readonly sandboxDevices?: readonly SandboxDevice[];
}

/** How the run removes a simulated device (the sandbox's DELETE route); absent off the sandbox. */
export interface CleanUpDeps {
  readonly removeDevice?: (deviceId: string) => Promise<Result<unknown>>;
}

export interface CleanUpItem {
  readonly kind: 'channel' | 'sender' | 'device';
  readonly arn: string;
  readonly text: string;
}

export interface CleanUpPlan {
  readonly appInstanceArn: string;
  readonly bearerArn?: string;
  readonly remove: readonly CleanUpItem[];
  /** Plain words for the confirmation dialog and the CLI. */
  readonly summary: readonly string[];
}

export interface CleanUpResult {
  readonly removed: readonly CleanUpItem[];
  readonly failed: readonly (CleanUpItem & { readonly error: WorkbenchError })[];
}

export async function planCleanUp(clients: PushClients, input: CleanUpInput): Promise<Result<CleanUpPlan>> {
  try {
    const senderArn = `${input.appInstanceArn}/user/${PUSH_SENDER_ID}`;
    const senderExists = await principalExists(clients, senderArn);
    const bearers = [...(senderExists ? [senderArn] : []), ...(input.bearerArn ? [input.bearerArn] : [])];
    const channels = bearers.length ? await findTestChannels(clients, input.appInstanceArn, bearers) : [];
    const remove: CleanUpItem[] = channels.map((arn) => ({ kind: 'channel', arn, text: `the channel ${arn} (tagged ${PUSH_TEST_TAG.Key}=${PUSH_TEST_TAG.Value})` }));
    if (senderExists) remove.push({ kind: 'sender', arn: senderArn, text: `the sender user ${PUSH_SENDER_ID}` });
    for (const d of input.sandboxDevices ?? []) {
      if (d.CreatedBy === WORKBENCH_DEVICE_CREATOR) remove.push({ kind: 'device', arn: d.DeviceId, text: `the simulated device "${d.Name}" on the Local sandbox` });
    }
    const summary = [
      remove.length ? `Will remove: ${remove.map((r) => r.text).join('; ')}.` : 'Nothing the workbench created was found in this AppInstance.',
      ...(!senderExists && !input.bearerArn ? [`The sender ${PUSH_SENDER_ID} does not exist, so tagged channels cannot be looked up without a bearer.`] : []),
    ];
    return ok({ appInstanceArn: input.appInstanceArn, ...(input.bearerArn && { bearerArn: input.bearerArn }), remove, summary });
  } catch (e) {
    return fail(pushError(e, 'cleanup'));
  }
}

export async function cleanUpWorkbenchResources(clients: PushClients, plan: CleanUpPlan, deps: CleanUpDeps = {}): Promise<CleanUpResult> {
  const removed: CleanUpItem[] = [];
  const failed: (CleanUpItem & { error: WorkbenchError })[] = [];
  const sender = plan.remove.find((r) => r.kind === 'sender');
  const bearer = plan.bearerArn ?? sender?.arn;
  const attempt = async (item: CleanUpItem, call: () => Promise<unknown>) => {
    try {
      await call();
      removed.push(item);
    } catch (e) {
      if (e instanceof Error && e.name === 'NotFoundException') removed.push(item); // already gone
      else failed.push({ ...item, error: pushError(e, 'cleanup') });
    }
  };
  for (const item of plan.remove.filter((r) => r.kind === 'channel')) {
    await attempt(item, () => clients.messaging.send(new DeleteChannelCommand({ ChannelArn: item.arn, ChimeBearer: bearer })));
  }
  if (sender) await attempt(sender, () => clients.identity.send(new DeleteAppInstanceUserCommand({ AppInstanceUserArn: sender.arn })));
  for (const item of plan.remove.filter((r) => r.kind === 'device')) {
    const removeDevice = deps.removeDevice;
    if (!removeDevice) {
      failed.push({ ...item, error: { code: 'NotSandbox', message: 'simulated devices are removed only through the Local sandbox', retryable: false } });
      continue;
    }
    const r = await removeDevice(item.arn);
    // Already gone counts as removed, as for channels.
    if (r.ok || r.error.code === 'NotFoundException') removed.push(item);
    else failed.push({ ...item, error: r.error });
  }
  return { removed, failed };
}
