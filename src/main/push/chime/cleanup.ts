/**
 * "Clean up" (issue 13): removes what the workbench created in an AppInstance,
 * after saying what it will remove. The workbench's own things are known by
 * the shared conventions, never guessed: channels tagged
 * workbench:purpose=push-test and the AppInstanceUser `workbench-push-sender`.
 * Channels go first (the sender, their moderator, is the bearer that may
 * delete them), then the sender.
 *
 * Simulated devices: the sandbox has no route to remove a device (only
 * `/uninstall`, which simulates an uninstalled app), so the devices the app
 * made are listed as kept, with that reason, rather than silently left.
 */
import { DeleteAppInstanceUserCommand } from '@aws-sdk/client-chime-sdk-identity';
import { DeleteChannelCommand } from '@aws-sdk/client-chime-sdk-messaging';
import { fail, ok, type Result, type WorkbenchError } from '../../../shared/errors';
import { PUSH_SENDER_ID, PUSH_TEST_TAG } from '../../../shared/push/testPush';
import { pushError } from './meaning';
import type { PushClients } from './clients';
import { findTestChannels, principalExists } from './testPush';

export interface CleanUpInput {
  readonly appInstanceArn: string;
  /** Who deletes the channels when the sender is gone (an AppInstanceAdmin, or the channels' moderator). */
  readonly bearerArn?: string;
  /** On the Local sandbox: the simulated devices the app created (its device library knows them). */
  readonly sandboxDeviceIds?: readonly string[];
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
  /** What the workbench made but cannot remove, with why. */
  readonly keep: readonly (CleanUpItem & { readonly reason: string })[];
  /** Plain words for the confirmation dialog and the CLI. */
  readonly summary: readonly string[];
}

export interface CleanUpResult {
  readonly removed: readonly CleanUpItem[];
  readonly failed: readonly (CleanUpItem & { readonly error: WorkbenchError })[];
  readonly kept: CleanUpPlan['keep'];
}

export async function planCleanUp(clients: PushClients, input: CleanUpInput): Promise<Result<CleanUpPlan>> {
  try {
    const senderArn = `${input.appInstanceArn}/user/${PUSH_SENDER_ID}`;
    const senderExists = await principalExists(clients, senderArn);
    const bearers = [...(senderExists ? [senderArn] : []), ...(input.bearerArn ? [input.bearerArn] : [])];
    const channels = bearers.length ? await findTestChannels(clients, input.appInstanceArn, bearers) : [];
    const remove: CleanUpItem[] = channels.map((arn) => ({ kind: 'channel', arn, text: `the channel ${arn} (tagged ${PUSH_TEST_TAG.Key}=${PUSH_TEST_TAG.Value})` }));
    if (senderExists) remove.push({ kind: 'sender', arn: senderArn, text: `the sender user ${PUSH_SENDER_ID}` });
    const keep = (input.sandboxDeviceIds ?? []).map((id) => ({
      kind: 'device' as const,
      arn: id,
      text: `the simulated device ${id}`,
      reason: 'the sandbox cannot remove a simulated device yet (it only simulates uninstalling the app)',
    }));
    const summary = [
      remove.length ? `Will remove: ${remove.map((r) => r.text).join('; ')}.` : 'Nothing the workbench created was found in this AppInstance.',
      ...(!senderExists && !input.bearerArn ? [`The sender ${PUSH_SENDER_ID} does not exist, so tagged channels cannot be looked up without a bearer.`] : []),
      ...keep.map((k) => `Will keep ${k.text}: ${k.reason}.`),
    ];
    return ok({ appInstanceArn: input.appInstanceArn, ...(input.bearerArn && { bearerArn: input.bearerArn }), remove, keep, summary });
  } catch (e) {
    return fail(pushError(e, 'cleanup'));
  }
}

export async function cleanUpWorkbenchResources(clients: PushClients, plan: CleanUpPlan): Promise<CleanUpResult> {
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
  return { removed, failed, kept: plan.keep };
}
