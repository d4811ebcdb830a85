/**
 * "Compare with Chime": the same title and body sent as a Chime test push to
 * the endpoint's user and as a direct push to the endpoint's token, and the
 * verdict in plain words saying on which side a failure lies. Pure: the
 * slice does the sending (through the channels both features already use).
 */
import { testPushMessageSchema, type PushType } from './testPush';
import type { LastDelivery } from './deliveries';
import type { WorkbenchError } from '../errors';
import type { DirectPushFailure, DirectPushOutcome } from '../ipc/directPushContract';

/** The endpoint row the dialog was opened on: who the Chime push goes to, and which row's delivery to read. */
export interface CompareEndpoint {
  readonly userArn: string;
  readonly endpointId: string;
  readonly deviceToken?: string | undefined;
  readonly voipDeviceToken?: string | undefined;
}

export interface CompareMessage {
  readonly title: string;
  readonly body: string;
  readonly pushType: PushType;
}

/**
 * What happened to the Chime push at this endpoint: on the Local sandbox, its delivery or failure event
 * (`none` when neither was recorded: skipped); on AWS, `unknown` (only the device can tell).
 */
export type ChimeDelivery = LastDelivery | 'none' | 'unknown';

export type ChimeSide =
  | { readonly kind: 'notSent'; readonly error: WorkbenchError }
  | { readonly kind: 'sent'; readonly messageId: string; readonly delivery: ChimeDelivery };

export type DirectSide = { readonly outcome: DirectPushOutcome } | { readonly failure: DirectPushFailure };

export interface Comparison {
  readonly chime: ChimeSide;
  readonly direct: DirectSide;
  readonly service: 'apns' | 'fcm';
  readonly verdict: string;
}

/**
 * The title and body of the direct push's payload (APNs `aps.alert`, FCM `notification`), checked with Chime's
 * limits: Compare sends these words both ways, so a payload without them cannot be compared.
 */
export function compareMessageOf(
  service: 'apns' | 'fcm',
  payload: unknown,
  voip: boolean,
): { ok: true; value: CompareMessage } | { ok: false; message: string } {
  const record = (v: unknown): Record<string, unknown> =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  const words = service === 'apns' ? record(record(record(payload)['aps'])['alert']) : record(record(payload)['notification']);
  const where = service === 'apns' ? 'aps.alert' : 'notification';
  const title = words['title'];
  const body = words['body'];
  if (typeof title !== 'string' || typeof body !== 'string')
    return {
      ok: false,
      message: `Compare sends the same title and body both ways: give the payload a ${where} with a "title" and a "body" (the Alert template has them).`,
    };
  const checked = testPushMessageSchema.safeParse({ title, body, pushType: voip ? 'VOIP' : 'DEFAULT' });
  if (!checked.success)
    return { ok: false, message: `Chime cannot send this ${where}: ${checked.error.issues[0]?.message ?? 'invalid'}.` };
  return { ok: true, value: { title, body, pushType: checked.data.pushType } };
}

/**
 * The sandbox's record for this endpoint after the Chime send, or `none`: a record already there before the send
 * (`before`) is an earlier push's, and a failure naming another message is another push's.
 */
export function chimeDeliveryOf(
  before: LastDelivery | undefined,
  after: LastDelivery | undefined,
  messageId: string,
): LastDelivery | 'none' {
  if (!after) return 'none';
  if (before && before.kind === after.kind && before.time === after.time) return 'none';
  if (after.kind === 'delivered') return after.via === 'CHIME' ? after : 'none';
  return after.messageId === undefined || after.messageId === messageId ? after : 'none';
}

const PROVIDER = { apns: 'Apple', fcm: 'Google' } as const;

/** One line in plain words: which side failed, and what to do next. */
export function compareVerdict(service: 'apns' | 'fcm', chime: ChimeSide, direct: DirectSide): string {
  const provider = PROVIDER[service];
  const directOk = 'outcome' in direct && direct.outcome.ok;
  const chimeState =
    chime.kind === 'notSent'
      ? 'failed'
      : chime.delivery === 'unknown'
        ? 'unknown'
        : chime.delivery === 'none'
          ? 'missed'
          : chime.delivery.kind === 'delivered'
            ? 'delivered'
            : 'failed';
  if (chimeState === 'unknown')
    return directOk
      ? `${provider} accepted the direct push and Chime accepted its message: look at the device for both, and follow the endpoint's state (an INACTIVE flip means Pinpoint's delivery failed).`
      : `Chime accepted its message but ${provider} refused the direct push: if Chime's push arrives on the device, the direct push's settings (key, topic, environment) are at fault — see the advice.`;
  if (directOk) {
    if (chimeState === 'delivered') return `Both arrived: Chime and ${provider} each delivered to this endpoint.`;
    return chimeState === 'missed'
      ? `${provider} accepted the direct push but Chime's did not reach this endpoint: the problem is on the Chime/Pinpoint side — run Check push readiness.`
      : `${provider} accepted the direct push but Chime's failed: the problem is on the Chime/Pinpoint side — run Check push readiness.`;
  }
  if (chimeState === 'delivered')
    return `Chime's push was delivered but ${provider} refused the direct push: the problem is in the direct push's settings (key, topic, environment) — see the advice.`;
  return `Both failed: the token, the app or the environment is likely wrong for this device — see ${provider}'s answer and its advice, then run Check push readiness.`;
}
