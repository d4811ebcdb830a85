/**
 * `smoke`: register → push through Chime → await the delivery (on a sandbox:
 * the simulated phone's delivery, or the endpoint's delivery failure) or,
 * on AWS, that the endpoint stays ACTIVE for `--settle` → deregister, in one
 * process. The endpoint is deregistered whatever happens after it was
 * registered: a failure, a timeout, Ctrl-C (the wait stops, the clean-up runs).
 */
import { randomUUID } from 'node:crypto';
import { Option } from 'commander';
import { ENDPOINT_TYPES } from '../../../shared/chime/shapes';
import { lastDeliveryByEndpoint, type LastDelivery } from '../../../shared/push/deliveries';
import { PUSH_TYPES, PUSH_TITLE_MAX, type PushType } from '../../../shared/push/testPush';
import { createSandboxPushReader } from '../../push/chime';
import type { CliContext } from '../context';
import { parseDuration, formatDuration } from '../durations';
import { CliError, ExitCode } from '../io';
import { collect, USER_FLAG, type Register } from '../command';
import { pollUntil } from '../wait';
import { deregisterEndpoint, registerEndpoint, type RegisterOptions } from './endpoints';
import { parseAttributes, sendChimePush } from './push';
import { awaitState } from './awaitState';

interface SmokeOptions extends Omit<RegisterOptions, 'allowMessages'> {
  readonly title?: string;
  readonly body: string;
  readonly pushType: PushType;
  readonly attribute?: string[];
  readonly timeout: string;
  readonly settle: string;
  readonly keep?: boolean;
}

/** The delivery of the push titled `title` to the endpoint, or its failure event; undefined while neither happened. */
async function sandboxOutcome(
  ctx: CliContext,
  user: string,
  endpointId: string,
  deviceToken: string,
  voipToken: string | undefined,
  title: string,
  timeoutMs: number,
): Promise<LastDelivery | undefined> {
  const reader = createSandboxPushReader(ctx.sandboxUrl('smoke'));
  const endpoints = [{ userArn: user, endpointId, deviceToken, voipDeviceToken: voipToken }];
  return pollUntil(
    async () => {
      // Deliveries of earlier smoke runs to the same phone carry other titles.
      const [deliveries, events] = await Promise.all([reader.deliveries({ title }), reader.events()]);
      return [...lastDeliveryByEndpoint(endpoints, deliveries, events).values()][0];
    },
    { timeoutMs, intervalMs: 300, signal: ctx.signal },
  );
}

async function smoke(ctx: CliContext, o: SmokeOptions): Promise<Record<string, unknown>> {
  const title = o.title ?? `Workbench smoke ${randomUUID().slice(0, 8)}`.slice(0, PUSH_TITLE_MAX);
  const timeoutMs = parseDuration('--timeout', o.timeout);
  const settleMs = parseDuration('--settle', o.settle);
  const attributes = parseAttributes(o.attribute);
  const { endpointId, deviceToken, voipDeviceToken } = await registerEndpoint(ctx, { ...o, allowMessages: 'ALL' });
  ctx.out.progress(`1/4 Registered ${endpointId}`);
  let outcome: Record<string, unknown> | undefined;
  let failure: { error: unknown } | undefined;
  try {
    outcome = await pushAndAwait(ctx, o, {
      endpointId,
      deviceToken,
      voipDeviceToken,
      title,
      timeoutMs,
      settleMs,
      attributes,
    });
  } catch (error) {
    failure = { error };
  }
  if (o.keep) ctx.out.progress(`4/4 Kept ${endpointId} (--keep)`);
  else {
    try {
      await deregisterEndpoint(ctx, o.user, endpointId);
      ctx.out.progress(`4/4 Deregistered ${endpointId}`);
    } catch (cleanup) {
      // The first failure is the one to report; the clean-up's own failure must not hide it.
      if (!failure) throw cleanup;
      ctx.out.warn(
        `could not deregister ${endpointId}: ${cleanup instanceof Error ? cleanup.message : String(cleanup)}`,
      );
    }
  }
  if (failure) throw failure.error;
  return outcome ?? {};
}

/** The registered endpoint and the push's settings, for steps 2 and 3. */
interface Registered {
  readonly endpointId: string;
  /** The tokens as registered (normalised), which the sandbox's deliveries name. */
  readonly deviceToken: string;
  readonly voipDeviceToken: string | undefined;
  readonly title: string;
  readonly timeoutMs: number;
  readonly settleMs: number;
  readonly attributes: ReturnType<typeof parseAttributes>;
}

async function pushAndAwait(ctx: CliContext, o: SmokeOptions, r: Registered): Promise<Record<string, unknown>> {
  const { endpointId, title, timeoutMs, settleMs, attributes } = r;
  const sent = await sendChimePush(ctx, {
    user: o.user,
    title,
    body: o.body,
    type: o.pushType,
    ...(attributes && { attributes }),
  });
  ctx.out.progress(`2/4 Sent "${title}" (message ${sent.messageId}) in ${sent.channelArn}`);
  if (ctx.onSandbox) {
    ctx.out.progress(`3/4 Waiting up to ${formatDuration(timeoutMs)} for the delivery…`);
    const outcome = await sandboxOutcome(ctx, o.user, endpointId, r.deviceToken, r.voipDeviceToken, title, timeoutMs);
    if (!outcome)
      throw new CliError(`No delivery to ${endpointId} within ${formatDuration(timeoutMs)}`, ExitCode.CheckFailed, {
        code: 'Timeout',
        endpointId,
      });
    if (outcome.kind === 'failed') {
      const state = outcome.deactivated
        ? `; the endpoint turned INACTIVE${outcome.statusReason ? ` (${outcome.statusReason})` : ''}`
        : '';
      throw new CliError(`The push to ${endpointId} failed: ${outcome.reason}${state}`, ExitCode.CheckFailed, {
        code: 'DeliveryFailed',
        endpointId,
        reason: outcome.reason,
      });
    }
    ctx.out.progress(`3/4 Delivered to simulated phone ${outcome.deviceId} via ${outcome.via}`);
    return { userArn: o.user, endpointId, messageId: sent.messageId, channelArn: sent.channelArn, delivery: outcome };
  }
  // AWS tells no device's answer: an endpoint whose token or app is wrong turns INACTIVE soon after a push.
  ctx.out.progress(`3/4 Checking that ${endpointId} stays ACTIVE for ${formatDuration(settleMs)}…`);
  const state = await awaitState(ctx, {
    user: o.user,
    endpointId,
    status: 'INACTIVE',
    timeoutMs: settleMs,
    intervalMs: Math.min(2000, settleMs),
  });
  if (state.reached) {
    throw new CliError(
      `${endpointId} turned INACTIVE${state.last?.statusReason ? ` (${state.last.statusReason})` : ''} after the push`,
      ExitCode.CheckFailed,
      { code: 'EndpointInactive', endpointId },
    );
  }
  return {
    userArn: o.user,
    endpointId,
    messageId: sent.messageId,
    channelArn: sent.channelArn,
    state: state.last?.status ?? 'unknown',
  };
}

export const registerSmoke: Register = (parent, run) => {
  parent
    .command('smoke')
    .description(
      'register, push through Chime, await the delivery (sandbox) or the state, deregister; cleans up on failure and Ctrl-C',
    )
    .requiredOption(...USER_FLAG)
    .requiredOption('--pinpoint-arn <arn>', 'the Pinpoint app ARN')
    .addOption(new Option('--type <type>', 'endpoint type').choices(ENDPOINT_TYPES).makeOptionMandatory())
    .requiredOption('--token <token>', 'the device token')
    .option('--voip-token <token>', 'the VoIP token (APNs)')
    .option('--name <name>', 'endpoint name', 'workbench smoke')
    .option('--title <title>', 'push title (default: "Workbench smoke" and a random suffix)')
    .option('--body <body>', 'push body', 'Smoke test from chime-workbench')
    .addOption(new Option('--push-type <type>', 'DEFAULT or VOIP').choices(PUSH_TYPES).default('DEFAULT'))
    .option('--attribute <key=value>', 'a message attribute for FILTERED preferences (repeatable)', collect)
    .option('--timeout <duration>', 'how long to wait for the delivery (sandbox)', '30s')
    .option('--settle <duration>', 'on AWS: how long the endpoint must stay ACTIVE after the push', '10s')
    .option('--keep', 'leave the endpoint registered')
    .action(
      run<SmokeOptions>(async (ctx, o) => {
        const outcome = await smoke(ctx, o);
        ctx.out.result({ ...outcome, deregistered: !o.keep }, () => `Smoke passed: ${String(outcome['endpointId'])}`);
      }),
    );
};
