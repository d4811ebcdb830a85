/**
 * The rules of a test push through Chime, shared by the "Send test push"
 * dialog, the IPC contract, the command line (`push chime`) and main: the
 * workbench's naming conventions (DESIGN.md, "Conventions the app, the doctor
 * and the command line share"), the PushNotification limits of the Chime SDK
 * Messaging model (Title 1–50, Body 1–150, Type DEFAULT|VOIP), the
 * membership-preference modes as the Chime demo apps name them, and the
 * test-push history kept with a workspace. Pure: no Node, no DOM.
 */
import { z } from 'zod';
import { MESSAGE_ATTRIBUTES_MAX_BYTES, messageAttributesBytes, parseFilterRule, wouldNotify, type AllowNotifications, type NotifyDecision } from './filterRule';

/** The test channel's tag, its name when the workbench creates it, and the sender's AppInstanceUserId. */
export const PUSH_TEST_TAG = { Key: 'workbench:purpose', Value: 'push-test' } as const;
export const PUSH_TEST_CHANNEL_NAME = 'Workbench push tests';
/**
 * "Use a channel of my own": a private test channel per target user, whose only members are the
 * sender and that user, so a test push notifies nobody else. Tagged workbench:purpose=push-test (so
 * Clean up removes it) plus this tag with the user's AppInstanceUserId (so it is never taken for
 * the shared test channel, and is found again for the same user).
 */
export const PUSH_TEST_USER_TAG_KEY = 'workbench:push-test-user';
export const ownTestChannelName = (userId: string) => `${PUSH_TEST_CHANNEL_NAME} for ${userId}`.slice(0, 256);
export const PUSH_SENDER_ID = 'workbench-push-sender';
export const PUSH_SENDER_NAME = 'Workbench push sender';

/** SendChannelMessage.PushNotification (chime-sdk-messaging model, PushNotificationConfiguration). */
export const PUSH_TITLE_MAX = 50;
export const PUSH_BODY_MAX = 150;
export const PUSH_TYPES = ['DEFAULT', 'VOIP'] as const;
export type PushType = (typeof PUSH_TYPES)[number];

/** MessageAttributes as the service takes them: `{key: {StringValues: [...]}}`. */
export const messageAttributesSchema = z
  .record(z.string().min(1).max(64), z.strictObject({ StringValues: z.array(z.string().min(1).max(512)).min(1) }))
  .refine((a) => messageAttributesBytes(a) <= MESSAGE_ATTRIBUTES_MAX_BYTES, {
    message: `Message attributes are larger than ${MESSAGE_ATTRIBUTES_MAX_BYTES} bytes (keys and values)`,
  });
export type MessageAttributeMap = z.infer<typeof messageAttributesSchema>;

export const testPushMessageSchema = z.strictObject({
  title: z.string().min(1, 'Title is required').max(PUSH_TITLE_MAX, `Title is at most ${PUSH_TITLE_MAX} characters`),
  body: z.string().min(1, 'Body is required').max(PUSH_BODY_MAX, `Body is at most ${PUSH_BODY_MAX} characters`),
  pushType: z.enum(PUSH_TYPES),
  messageAttributes: messageAttributesSchema.optional(),
});
export type TestPushMessage = z.infer<typeof testPushMessageSchema>;

/** `KEY=VALUE` pairs (the CLI's repeatable `--attribute`, the dialog's lines) → MessageAttributes; a key given twice gathers its values. */
export function parseAttributePairs(pairs: readonly string[]): { ok: true; value: MessageAttributeMap } | { ok: false; error: string } {
  const out: Record<string, { StringValues: string[] }> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0 || at === pair.length - 1) return { ok: false, error: `"${pair}" is not KEY=VALUE` };
    const key = pair.slice(0, at).trim();
    const value = pair.slice(at + 1);
    (out[key] ??= { StringValues: [] }).StringValues.push(value);
  }
  const parsed = messageAttributesSchema.safeParse(out);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: parsed.error.issues[0]?.message ?? 'invalid attributes' };
}

/** The preference modes as the Chime demo apps name them, and the API's values. */
export const PREFERENCE_MODES = ['Default', 'Mute', 'Filtered'] as const;
export type PreferenceMode = (typeof PREFERENCE_MODES)[number];
const MODE_TO_ALLOW: Record<PreferenceMode, AllowNotifications> = { Default: 'ALL', Mute: 'NONE', Filtered: 'FILTERED' };
export const allowOfMode = (mode: PreferenceMode): AllowNotifications => MODE_TO_ALLOW[mode];
export function modeOfAllow(allow: string | undefined): PreferenceMode {
  return allow === 'NONE' ? 'Mute' : allow === 'FILTERED' ? 'Filtered' : 'Default';
}

/** A member's push preference in a channel, in our casing (absent on the service = Default). */
export const pushPreferenceSchema = z
  .strictObject({ mode: z.enum(PREFERENCE_MODES), filterRule: z.string().optional() })
  .superRefine((p, ctx) => {
    const problem = preferenceProblem(p);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['filterRule'] });
  });
export type PushPreference = z.infer<typeof pushPreferenceSchema>;

/** Why a preference cannot be saved, in plain words (undefined: it can). The FilterRule editor calls this as you type. */
export function preferenceProblem(p: { mode: PreferenceMode; filterRule?: string | undefined }): string | undefined {
  if (p.mode !== 'Filtered') return p.filterRule ? `A FilterRule is only used with Filtered (this is ${p.mode})` : undefined;
  if (!p.filterRule) return 'Filtered needs a FilterRule, e.g. {"mention":["Bob"]}';
  const parsed = parseFilterRule(p.filterRule);
  return parsed.ok ? undefined : parsed.error;
}

/** The service's PushNotificationPreferences for a preference. */
export function toPushNotificationPreferences(p: PushPreference): { AllowNotifications: AllowNotifications; FilterRule?: string } {
  return { AllowNotifications: allowOfMode(p.mode), ...(p.mode === 'Filtered' && p.filterRule ? { FilterRule: p.filterRule } : {}) };
}

/** One test push in the workspace's history. */
export const TEST_PUSH_HISTORY_MAX = 100;
export const testPushHistoryEntrySchema = z.strictObject({
  /** Epoch ms when the send was answered. */
  time: z.number().int().nonnegative(),
  channelArn: z.string().max(1600).optional(),
  userArn: z.string().max(1600),
  title: z.string().max(PUSH_TITLE_MAX),
  pushType: z.enum(PUSH_TYPES),
  outcome: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('sent'), messageId: z.string().max(128) }),
    z.strictObject({ kind: z.literal('failed'), code: z.string().max(128), message: z.string().max(2000) }),
  ]),
});
export type TestPushHistoryEntry = z.infer<typeof testPushHistoryEntrySchema>;
export const testPushHistorySchema = z.array(testPushHistoryEntrySchema).max(TEST_PUSH_HISTORY_MAX);

/** Appends (newest last) and keeps the newest `max`; never mutates `history`. */
export function appendTestPush(
  history: readonly TestPushHistoryEntry[],
  entry: TestPushHistoryEntry,
  max: number = TEST_PUSH_HISTORY_MAX,
): TestPushHistoryEntry[] {
  const next = [...history, entry];
  return next.length > max ? next.slice(next.length - max) : next;
}

/** "Would this message notify?" for a preference in our casing (undefined: none set, which is Default/ALL), from the shared evaluator. */
export function wouldNotifyWith(preference: PushPreference | undefined, attributes: MessageAttributeMap | undefined): NotifyDecision {
  return wouldNotify(preference ? toPushNotificationPreferences(preference) : undefined, attributes);
}

// ── The engine's inputs and answers as schemas, for the IPC contract and the CLI ──

const arn = z.string().min(1).max(1600);
const under = (child: string | undefined, appInstanceArn: string) => child === undefined || child.startsWith(`${appInstanceArn}/`);

export const planTestPushInputSchema = z.strictObject({
  appInstanceArn: arn,
  userArn: arn,
  channelArn: arn.optional(),
  senderArn: arn.optional(),
  /** Use (or create) the target's own test channel instead of the shared one; ignored when channelArn is given. */
  ownChannel: z.boolean().optional(),
});
export type PlanTestPushInput = z.infer<typeof planTestPushInputSchema>;

export const planStepSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('createSender'), senderArn: arn, text: z.string() }),
  z.strictObject({ kind: z.literal('createChannel'), text: z.string() }),
  z.strictObject({ kind: z.literal('addMember'), memberArn: arn, text: z.string() }),
]);
export type PlanStep = z.infer<typeof planStepSchema>;

/**
 * A plan as main made it. It travels to the renderer (to be shown) and back
 * (to be sent), so main re-checks that it only ever names things inside its
 * own AppInstance and creates only what the conventions allow.
 */
export const testPushPlanSchema = z
  .strictObject({
    appInstanceArn: arn,
    userArn: arn,
    /** Seeds the ClientRequestTokens of the creates: the same plan sent twice creates once. */
    nonce: z.string().regex(/^[-_a-zA-Z0-9]{8,40}$/),
    sender: z.strictObject({ arn, kind: z.enum(['user', 'bot']), exists: z.boolean(), chosen: z.enum(['default', 'given']) }),
    /** `arn` is absent when the channel is still to be created. */
    channel: z.strictObject({
      arn: arn.optional(),
      name: z.string().max(256),
      exists: z.boolean(),
      /** tag: the shared test channel found by its tag; own / create-own: the target's own test channel. */
      chosen: z.enum(['tag', 'given', 'create', 'own', 'create-own']),
      /** How many members the channel has (ListChannelMemberships), when a bearer could read them. */
      memberCount: z.number().int().nonnegative().optional(),
    }),
    steps: z.array(planStepSchema).max(3),
    /** The target's push preference in the channel when they are a member already (for "would this message notify?"). */
    targetPreference: pushPreferenceSchema.optional(),
    /** What the send will use and create, in plain words. */
    summary: z.array(z.string()),
    /** Problems the send will likely hit (e.g. a sender that is not a member of a given channel). */
    warnings: z.array(z.string()),
  })
  .superRefine((p, ctx) => {
    const bad = (message: string) => ctx.addIssue({ code: 'custom', message });
    if (!under(p.userArn, p.appInstanceArn) || !under(p.sender.arn, p.appInstanceArn) || !under(p.channel.arn, p.appInstanceArn)) {
      bad('The plan names a user, sender or channel outside its AppInstance');
    }
    for (const s of p.steps) {
      if (s.kind === 'createSender' && s.senderArn !== `${p.appInstanceArn}/user/${PUSH_SENDER_ID}`) bad(`A plan only creates the sender ${PUSH_SENDER_ID}`);
      if (s.kind === 'createChannel' && p.channel.arn !== undefined) bad('The plan creates a channel but already names one');
      if (s.kind === 'addMember' && s.memberArn !== p.userArn) bad('A plan only adds the target user as a member');
    }
    if (p.channel.arn === undefined && !p.steps.some((s) => s.kind === 'createChannel')) bad('The plan has no channel');
  });
export type TestPushPlan = z.infer<typeof testPushPlanSchema>;

/** What "Send test push" offers to pick (its users come from the app's loaded user list). */
export const pushChoicesInputSchema = z.strictObject({ appInstanceArn: arn, userArn: arn, senderArn: arn.optional() });
export interface PushChoices {
  readonly channels: readonly { readonly arn: string; readonly name: string; readonly targetIsMember: boolean }[];
  readonly bots: readonly { readonly arn: string; readonly name: string }[];
}

export const sendTestPushInputSchema = z.strictObject({
  plan: testPushPlanSchema,
  title: z.string(),
  body: z.string(),
  pushType: z.enum(PUSH_TYPES),
  messageAttributes: messageAttributesSchema.optional(),
  clientRequestToken: z.string().regex(/^[-_a-zA-Z0-9]{2,64}$/).optional(),
});

export const createdResourceSchema = z.strictObject({ kind: z.enum(['sender', 'channel', 'membership']), arn, text: z.string() });
export type CreatedResource = z.infer<typeof createdResourceSchema>;
export const testPushSentSchema = z.strictObject({ messageId: z.string(), channelArn: arn, senderArn: arn, created: z.array(createdResourceSchema) });
export type TestPushSent = z.infer<typeof testPushSentSchema>;

/** The history entry for a send's answer (failures keep the channel when one was chosen or created). */
export function historyEntryOf(
  sent: { readonly userArn: string; readonly title: string; readonly pushType: PushType; readonly channelArn?: string | undefined },
  answer:
    | { readonly ok: true; readonly value: { readonly messageId: string; readonly channelArn: string } }
    | { readonly ok: false; readonly error: { readonly code: string; readonly message: string; readonly channelArn?: string | undefined } },
  time: number,
): TestPushHistoryEntry {
  const channelArn = answer.ok ? answer.value.channelArn : (answer.error.channelArn ?? sent.channelArn);
  return {
    time,
    userArn: sent.userArn,
    title: sent.title.slice(0, PUSH_TITLE_MAX),
    pushType: sent.pushType,
    ...(channelArn && { channelArn }),
    outcome: answer.ok
      ? { kind: 'sent', messageId: answer.value.messageId }
      : { kind: 'failed', code: answer.error.code, message: answer.error.message.slice(0, 2000) },
  };
}

/**
 * The SendChannelMessage input of a test push: what the engine sends, and what
 * "Copy as AWS CLI command" (`aws chime-sdk-messaging send-channel-message`) shows.
 */
export function sendChannelMessageInput(channelArn: string, senderArn: string, message: TestPushMessage, clientRequestToken: string) {
  return {
    ChannelArn: channelArn,
    ChimeBearer: senderArn,
    Content: `${message.title}\n${message.body}`,
    Type: 'STANDARD' as const,
    Persistence: 'PERSISTENT' as const,
    PushNotification: { Title: message.title, Body: message.body, Type: message.pushType },
    ...(message.messageAttributes && { MessageAttributes: message.messageAttributes }),
    ClientRequestToken: clientRequestToken,
  };
}
