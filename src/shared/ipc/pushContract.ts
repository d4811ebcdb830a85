/**
 * IPC channels of "Send test push" and the Local sandbox's simulated devices
 * (issue 13). The engine's own schemas (src/shared/push/) are the inputs, so
 * the dialog, main and the command line check one set of rules. Outputs hold
 * no credential: plans, message ids, device tokens of simulated phones (the
 * same tokens the register form shows) and deliveries.
 */
import { z } from 'zod';
import { channel } from './define';
import {
  planTestPushInputSchema,
  pushChoicesInputSchema,
  pushPreferenceSchema,
  type PushChoices,
  sendTestPushInputSchema,
  type PushPreference,
  type TestPushPlan,
  type TestPushSent,
} from '../push/testPush';
import type { LastDelivery, SandboxDelivery, SandboxDevice } from '../push/deliveries';

const arn = z.string().min(1).max(1600);
const token = z.string().min(1).max(1600);

export const SIMULATED_DEVICE_PLATFORMS = ['APNS', 'APNS_SANDBOX', 'GCM'] as const;

/** The sandbox's POST /_sandbox/devices body, checked here first so a bad one never leaves the renderer's process boundary. */
export const createSimulatedDeviceSchema = z
  .strictObject({
    platform: z.enum(SIMULATED_DEVICE_PLATFORMS),
    name: z.string().trim().min(1, 'Name is required').max(256, 'Name is at most 256 characters'),
    voip: z.boolean().default(false),
  })
  .refine((d) => !(d.platform === 'GCM' && d.voip), {
    message: 'VoIP is for APNs devices only (PushKit); FCM devices have no VoIP token',
    path: ['voip'],
  });

/** What "Clean up" will remove, in plain words; `remove` ARNs (device ids for simulated devices) are what the run may delete. */
export interface CleanUpPlanView {
  readonly appInstanceArn: string;
  readonly remove: readonly {
    readonly kind: 'channel' | 'sender' | 'device';
    readonly arn: string;
    readonly text: string;
  }[];
  readonly summary: readonly string[];
}

export interface CleanUpOutcome {
  readonly removed: readonly { readonly arn: string; readonly text: string }[];
  readonly failed: readonly { readonly arn: string; readonly text: string; readonly message: string }[];
}

const cleanUpScope = {
  appInstanceArn: arn,
  /** Who deletes the test channels when the sender is gone (an AppInstanceAdmin or the channels' moderator). */
  bearerArn: arn.optional(),
};

export const pushChannels = {
  /** The channels (the target's, and those the sender sees) and the bots "Send test push" offers to pick. */
  'push:choices': channel<PushChoices>()(pushChoicesInputSchema),
  /** What a test push will use and create, before anything is created. */
  'push:plan': channel<TestPushPlan>()(planTestPushInputSchema),
  /** Creates what the plan says, then SendChannelMessage; a failure says what was created before it. */
  'push:send': channel<TestPushSent>()(sendTestPushInputSchema),
  'push:getPreference': channel<PushPreference>()(z.strictObject({ channelArn: arn, memberArn: arn })),
  'push:setPreference': channel<PushPreference>()(
    z.strictObject({ channelArn: arn, memberArn: arn, preference: pushPreferenceSchema }),
  ),
  'push:cleanupPlan': channel<CleanUpPlanView>()(z.strictObject(cleanUpScope)),
  /** Removes only what a fresh plan still finds among the ARNs the developer confirmed. */
  'push:cleanup': channel<CleanUpOutcome>()(z.strictObject({ ...cleanUpScope, confirmed: z.array(arn).max(200) })),
  /** Local sandbox only: its simulated phones, a new one, and what they received (newest last). */
  'devices:list': channel<readonly SandboxDevice[]>()(z.undefined()),
  'devices:create': channel<SandboxDevice>()(createSimulatedDeviceSchema),
  'devices:deliveries': channel<readonly SandboxDelivery[]>()(
    z.strictObject({ deviceId: z.string().min(1).max(128).optional() }),
  ),
  /**
   * Each endpoint's newest delivery or delivery failure on the sandbox (endpoints without one are absent). The
   * renderer passes the tokens its endpoint rows already show, so this costs two local reads and no Chime call.
   */
  'devices:lastDeliveries': channel<readonly EndpointLastDelivery[]>()(
    z.strictObject({
      userArn: arn,
      endpoints: z
        .array(
          z.strictObject({
            endpointId: z.string().min(1).max(64),
            deviceToken: token.optional(),
            voipDeviceToken: token.optional(),
          }),
        )
        .max(100),
    }),
  ),
};

export interface EndpointLastDelivery {
  readonly endpointId: string;
  readonly last: LastDelivery;
}
