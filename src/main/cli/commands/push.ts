/**
 * `push chime|apns|fcm`: the app's push paths. `push chime` is the test push
 * (plan, then send: the tagged test channel, the sender, the membership);
 * `push apns` and `push fcm` go through DirectPushService, which reads the
 * key files itself (the passphrase of a .p12 comes from the environment
 * variable `--cert-passphrase-env` names, never a flag value); on a sandbox
 * the APNs and FCM emulators are found through its /_sandbox/health.
 */
import { Option } from 'commander';
import { APNS_ENVIRONMENTS, APNS_PUSH_TYPES, type DirectPushInput } from '../../../shared/push/directPush';
import {
  parseAttributePairs,
  PUSH_TYPES,
  testPushMessageSchema,
  type MessageAttributeMap,
  type PushType,
  type TestPushSent,
} from '../../../shared/push/testPush';
import { planTestPush, sendTestPush } from '../../push/chime';
import {
  DirectPushService,
  sandboxDirectPushOptions,
  type DirectPushAnswer,
  type DirectPushError,
} from '../../push/direct';
import type { CliContext } from '../context';
import { CliError, ExitCode, fromWorkbenchError, usageError } from '../io';
import { appInstanceOf, collect, USER_FLAG, type Register } from '../command';
import { readPayload } from '../payload';

export interface ChimePushOptions {
  readonly user: string;
  readonly title: string;
  readonly body: string;
  readonly type?: PushType;
  readonly channel?: string;
  readonly sender?: string;
  readonly attributes?: MessageAttributeMap;
}

/** Plans and sends a test push through Chime; the plan's words go to stderr. */
export async function sendChimePush(ctx: CliContext, o: ChimePushOptions): Promise<TestPushSent> {
  const appInstanceArn = appInstanceOf(o.user);
  if (!appInstanceArn)
    throw usageError(
      `--user needs an AppInstanceUser ARN (arn:aws:chime:REGION:ACCOUNT:app-instance/ID/user/USER_ID), got "${o.user}"`,
    );
  // The message's limits first: nothing is planned (or created) for a push the service would refuse.
  const message = testPushMessageSchema.safeParse({
    title: o.title,
    body: o.body,
    pushType: o.type ?? 'DEFAULT',
    messageAttributes: o.attributes,
  });
  if (!message.success)
    throw usageError(message.error.issues.map((i) => `--${String(i.path[0] ?? 'title')}: ${i.message}`).join('; '));
  const clients = await ctx.clients();
  const plan = await planTestPush(clients, {
    appInstanceArn,
    userArn: o.user,
    ...(o.channel && { channelArn: o.channel }),
    ...(o.sender && { senderArn: o.sender }),
  });
  if (!plan.ok) throw fromWorkbenchError(plan.error, 'plan');
  for (const line of plan.value.summary) ctx.out.progress(line);
  for (const line of plan.value.warnings) ctx.out.warn(line);
  const sent = await sendTestPush(clients, {
    plan: plan.value,
    title: o.title,
    body: o.body,
    pushType: o.type ?? 'DEFAULT',
    ...(o.attributes && { messageAttributes: o.attributes }),
  });
  if (!sent.ok) throw fromWorkbenchError(sent.error, 'SendChannelMessage');
  return sent.value;
}

export function parseAttributes(pairs: readonly string[] | undefined): MessageAttributeMap | undefined {
  if (!pairs?.length) return undefined;
  const parsed = parseAttributePairs(pairs);
  if (!parsed.ok) throw usageError(`--attribute: ${parsed.error}`);
  return parsed.value;
}

/** Sends one direct push; a refusal by APNs or FCM exits 4 with its reason and the advice. */
async function sendDirect(ctx: CliContext, input: DirectPushInput): Promise<void> {
  const service = new DirectPushService(ctx.onSandbox ? await sandboxOptions(ctx) : {});
  try {
    const result = await service.send(input);
    if (!result.ok) throw directFailure(result.error);
    const answer = result.value;
    if (!answer.ok) throw refused(answer);
    const via = answer.proxy ? ` through the proxy ${answer.proxy}` : '';
    ctx.out.result(answerDocument(answer), () =>
      answer.service === 'apns'
        ? `Delivered to APNs (${answer.status})${via}, apns-id ${answer.apnsId}`
        : `Accepted by FCM (${answer.status})${via}: ${answer.messageName ?? ''}`,
    );
  } finally {
    service.close();
  }
}

async function sandboxOptions(ctx: CliContext) {
  const url = ctx.sandboxUrl('push apns|fcm on a sandbox');
  try {
    return await sandboxDirectPushOptions(url);
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message : String(error), ExitCode.Usage, { code: 'NotASandbox' });
  }
}

/** The answer as the JSON document: DirectPushService answers only non-secret values (status, ids, reason, advice, the key's label). */
function answerDocument(answer: DirectPushAnswer): Record<string, unknown> {
  return { ...answer };
}

function refused(answer: DirectPushAnswer): CliError {
  const reason = answer.service === 'apns' ? answer.reason : (answer.errorCode ?? answer.rpcStatus);
  const who = answer.service === 'apns' ? 'APNs' : 'FCM';
  const advice = answer.advice ? ` ${answer.advice.explanation} Fix: ${answer.advice.fix}` : '';
  return new CliError(`${who} refused the push (${answer.status} ${reason ?? ''}).${advice}`, ExitCode.PushRefused, {
    code: reason ?? 'Refused',
    answer: answerDocument(answer),
  });
}

/** Bad input or key files exit 2; the push service refusing the credentials (FCM's OAuth) or unreachable exits 4. */
function directFailure(error: DirectPushError): CliError {
  const advice = error.advice ? ` ${error.advice.explanation} Fix: ${error.advice.fix}` : '';
  const usage = error.code === 'InvalidInput' || error.code === 'InvalidCredentials';
  return new CliError(
    `${error.reason ? `${error.reason}: ` : ''}${error.message}${advice}`,
    usage ? ExitCode.Usage : ExitCode.PushRefused,
    {
      code: error.code,
      ...(error.reason && { reason: error.reason }),
    },
  );
}

function passphraseFrom(
  env: Readonly<Record<string, string | undefined>>,
  name: string | undefined,
): string | undefined {
  if (name === undefined) return undefined;
  const value = env[name];
  if (value === undefined) throw usageError(`--cert-passphrase-env names ${name}, which is not set`);
  return value;
}

export const registerPush =
  (env: Readonly<Record<string, string | undefined>>): Register =>
  (parent, run) => {
    const push = parent
      .command('push')
      .description('send a push: through Chime (test push), or straight to APNs or FCM');

    push
      .command('chime')
      .description("a test push through Chime (SendChannelMessage with a PushNotification) to the user's endpoints")
      .requiredOption(...USER_FLAG)
      .requiredOption('--title <title>', 'notification title (1–50 characters)')
      .requiredOption('--body <body>', 'notification body (1–150 characters)')
      .addOption(new Option('--type <type>', 'push type').choices(PUSH_TYPES).default('DEFAULT'))
      .option(
        '--channel <arn>',
        'send in this channel (default: the channel tagged workbench:purpose=push-test, created when missing)',
      )
      .option('--sender <arn>', 'send as this user or bot (default: workbench-push-sender, created when missing)')
      .option('--attribute <key=value>', 'a message attribute for FILTERED preferences (repeatable)', collect)
      .action(
        run<{
          user: string;
          title: string;
          body: string;
          type: PushType;
          channel?: string;
          sender?: string;
          attribute?: string[];
        }>(async (ctx, o) => {
          const attributes = parseAttributes(o.attribute);
          const sent = await sendChimePush(ctx, { ...o, ...(attributes && { attributes }) });
          ctx.out.result(
            {
              userArn: o.user,
              messageId: sent.messageId,
              channelArn: sent.channelArn,
              senderArn: sent.senderArn,
              created: sent.created,
            },
            () => sent.messageId,
          );
        }),
      );

    push
      .command('apns')
      .description('a push straight to APNs (token authentication with a .p8 key, or a .p12 certificate)')
      .requiredOption('--token <token>', 'the APNs device token (hex)')
      .option(
        '--topic <bundle-id>',
        "the app's bundle id (the push type's suffix is added); with a certificate, its subject's by default",
      )
      .addOption(new Option('--environment <env>', 'APNs environment').choices(APNS_ENVIRONMENTS).makeOptionMandatory())
      .option('--key-file <file>', 'the .p8 signing key (token authentication)')
      .option('--key-id <id>', 'the key id (10 characters)')
      .option('--team-id <id>', 'the team id (10 characters)')
      .option('--cert-file <file>', 'the .p12 certificate (certificate authentication)')
      .option('--cert-passphrase-env <VAR>', "the environment variable holding the .p12's passphrase")
      .addOption(new Option('--push-type <type>', 'apns-push-type').choices(APNS_PUSH_TYPES).default('alert'))
      .addOption(new Option('--priority <n>', 'apns-priority').choices(['10', '5', '1']))
      .option('--collapse-id <id>', 'apns-collapse-id')
      .option('--expiration <unix-seconds>', 'apns-expiration (0: try once)')
      .requiredOption('--payload <json-or-file>', 'the payload: JSON, or a JSON file')
      .action(
        run<{
          token: string;
          topic?: string;
          environment: 'sandbox' | 'production';
          keyFile?: string;
          keyId?: string;
          teamId?: string;
          certFile?: string;
          certPassphraseEnv?: string;
          pushType: (typeof APNS_PUSH_TYPES)[number];
          priority?: string;
          collapseId?: string;
          expiration?: string;
          payload: string;
        }>(async (ctx, o) => {
          const tokenAuth = o.keyFile !== undefined || o.keyId !== undefined || o.teamId !== undefined;
          if (tokenAuth === (o.certFile !== undefined))
            throw usageError(
              'push apns needs --key-file, --key-id and --team-id (token authentication), or --cert-file (certificate authentication)',
            );
          if (tokenAuth && (!o.keyFile || !o.keyId || !o.teamId))
            throw usageError('token authentication needs all of --key-file, --key-id and --team-id');
          const expiration = o.expiration === undefined ? undefined : Number(o.expiration);
          if (expiration !== undefined && !Number.isInteger(expiration))
            throw usageError(`--expiration needs a UNIX time in seconds, got "${o.expiration}"`);
          const passphrase = passphraseFrom(env, o.certPassphraseEnv);
          await sendDirect(ctx, {
            service: 'apns',
            token: o.token,
            auth: tokenAuth
              ? { kind: 'token', keyFile: o.keyFile ?? '', keyId: o.keyId ?? '', teamId: o.teamId ?? '' }
              : { kind: 'certificate', certFile: o.certFile ?? '', ...(passphrase !== undefined && { passphrase }) },
            ...(o.topic && { topic: o.topic }),
            environment: o.environment,
            pushType: o.pushType,
            ...(o.priority && { priority: Number(o.priority) as 10 | 5 | 1 }),
            ...(o.collapseId !== undefined && { collapseId: o.collapseId }),
            ...(expiration !== undefined && { expiration }),
            payload: await readPayload(o.payload),
          });
        }),
      );

    push
      .command('fcm')
      .description('a push straight to FCM (HTTP v1, with a service account)')
      .requiredOption('--token <token>', 'the FCM registration token')
      .requiredOption('--service-account <file>', 'the service-account JSON file')
      .requiredOption(
        '--payload <json-or-file>',
        'the message without its target (notification, data, android, …): JSON, or a JSON file',
      )
      .option('--validate-only', 'ask FCM to validate the message without sending it')
      .action(
        run<{ token: string; serviceAccount: string; payload: string; validateOnly?: boolean }>(async (ctx, o) => {
          await sendDirect(ctx, {
            service: 'fcm',
            token: o.token,
            serviceAccountFile: o.serviceAccount,
            payload: await readPayload(o.payload),
            ...(o.validateOnly && { validateOnly: true }),
          });
        }),
      );
  };
