/**
 * Direct push (straight to APNs or FCM): the input the "Direct push" dialog,
 * the IPC contract and `push apns` / `push fcm` share, validated once here.
 *
 * Key material is never part of this input: the APNs key (.p8), the
 * certificate (.p12) and the service account are named by file path, and
 * main reads them. The passphrase of a .p12 is the one secret that travels
 * (the CLI takes it from an environment variable).
 *
 * Rules from Apple's "Sending notification requests to APNs" and FCM HTTP v1
 * (see shared/reference/push-wire-reference.md §1 and §2).
 */
import { z } from 'zod';

/** `apns-push-type` values. `controls` is newer than the issue's ten; Apple documents it next to `widgets`. */
export const APNS_PUSH_TYPES = [
  'alert',
  'background',
  'voip',
  'location',
  'complication',
  'fileprovider',
  'mdm',
  'liveactivity',
  'pushtotalk',
  'widgets',
  'controls',
] as const;
export type ApnsPushType = (typeof APNS_PUSH_TYPES)[number];

export const APNS_ENVIRONMENTS = ['sandbox', 'production'] as const;
export type ApnsEnvironment = (typeof APNS_ENVIRONMENTS)[number];

/** The suffix `apns-topic` needs after the bundle id (mdm: the topic is the MDM certificate's UID, taken as given). */
export const APNS_TOPIC_SUFFIX: Readonly<Record<ApnsPushType, string | undefined>> = {
  alert: '',
  background: '',
  voip: '.voip',
  location: '.location-query',
  complication: '.complication',
  fileprovider: '.pushkit.fileprovider',
  mdm: undefined,
  liveactivity: '.push-type.liveactivity',
  pushtotalk: '.voip-ptt',
  widgets: '.push-type.widgets',
  controls: '.push-type.controls',
};

/**
 * The priorities each push type accepts, the first being the default.
 * Apple: background pushes must use 5 (10 is an error); VoIP and push-to-talk
 * are delivered immediately (10); location and Live Activities take 10 or 5.
 */
export const APNS_PRIORITIES: Readonly<Record<ApnsPushType, readonly (10 | 5 | 1)[]>> = {
  alert: [10, 5, 1],
  background: [5],
  voip: [10],
  location: [10, 5],
  complication: [10, 5],
  fileprovider: [10, 5],
  mdm: [10, 5],
  liveactivity: [10, 5],
  pushtotalk: [10],
  widgets: [10, 5],
  controls: [10, 5],
};

/** Push types that certificate connections cannot send (token authentication only). */
export const APNS_TOKEN_AUTH_ONLY: readonly ApnsPushType[] = ['location', 'liveactivity'];

export const APNS_MAX_PAYLOAD_BYTES = 4096;
export const APNS_MAX_VOIP_PAYLOAD_BYTES = 5120;
export const FCM_MAX_MESSAGE_BYTES = 4096;
export const APNS_MAX_COLLAPSE_ID_BYTES = 64;

export function apnsPayloadLimit(pushType: ApnsPushType): number {
  return pushType === 'voip' ? APNS_MAX_VOIP_PAYLOAD_BYTES : APNS_MAX_PAYLOAD_BYTES;
}

/** The `apns-topic` for a bundle id and push type: the suffix is added unless it is already there. */
export function apnsTopicFor(topic: string, pushType: ApnsPushType): string {
  const suffix = APNS_TOPIC_SUFFIX[pushType];
  if (!suffix || topic.endsWith(suffix)) return topic;
  return `${topic}${suffix}`;
}

export function byteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}

const APPLE_ID = /^[A-Z0-9]{10}$/;
const BUNDLE_ID = /^[A-Za-z0-9][A-Za-z0-9.-]*$/;
const HEX = /^[0-9a-fA-F]+$/;

const filePath = (what: string) =>
  z.string().trim().min(1, `Choose the ${what}.`).max(4096, `The ${what} path is too long.`);

/** A JSON object (what APNs and FCM take as a payload). */
export const payloadObjectSchema = z.record(z.string(), z.unknown(), {
  error: 'The payload must be a JSON object, such as {"aps":{"alert":"Hello"}}.',
});

/** Parses the text of the payload editor into an object, with a message a person can act on. */
export function parsePayloadText(
  text: string,
): { ok: true; value: Record<string, unknown> } | { ok: false; message: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      message: `The payload is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  const parsed = payloadObjectSchema.safeParse(value);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, message: parsed.error.issues[0]?.message ?? 'The payload must be a JSON object.' };
}

export const apnsTokenAuthSchema = z.strictObject({
  kind: z.literal('token'),
  keyFile: filePath('key file (.p8)'),
  keyId: z
    .string()
    .trim()
    .regex(
      APPLE_ID,
      'The Key ID is 10 upper-case letters and digits (shown next to the key in Certificates, Identifiers & Profiles → Keys).',
    ),
  teamId: z
    .string()
    .trim()
    .regex(
      APPLE_ID,
      'The Team ID is 10 upper-case letters and digits (Membership details in your Apple developer account).',
    ),
});

export const apnsCertificateAuthSchema = z.strictObject({
  kind: z.literal('certificate'),
  certFile: filePath('certificate file (.p12)'),
  passphrase: z.string().max(1024, 'The passphrase is too long.').optional(),
});

export const apnsDirectPushSchema = z
  .strictObject({
    service: z.literal('apns'),
    token: z
      .string()
      .trim()
      .min(1, 'Enter the device token.')
      .max(400, 'A device token is at most 400 hex characters.')
      .regex(HEX, 'An APNs device token is hex characters only (the bytes the app received, printed as hex).'),
    auth: z.discriminatedUnion('kind', [apnsTokenAuthSchema, apnsCertificateAuthSchema], {
      error: 'Choose token authentication (.p8) or certificate authentication (.p12).',
    }),
    /** The bundle id (the suffix the push type needs is added). Optional with a certificate: its subject names it. */
    topic: z
      .string()
      .trim()
      .max(255, 'The topic is too long.')
      .regex(BUNDLE_ID, 'The topic is the app’s bundle id, such as com.example.app.')
      .optional(),
    environment: z.enum(APNS_ENVIRONMENTS, {
      error: 'Environment is Sandbox (development builds) or Production (TestFlight and App Store builds).',
    }),
    pushType: z.enum(APNS_PUSH_TYPES, { error: `Push type is one of ${APNS_PUSH_TYPES.join(', ')}.` }).default('alert'),
    priority: z
      .union([z.literal(10), z.literal(5), z.literal(1)], {
        error: 'Priority is 10 (immediately), 5 (power-aware) or 1 (power-first).',
      })
      .optional(),
    /** UNIX seconds; 0 = deliver once, do not store. */
    expiration: z
      .number({ error: 'Expiration is a UNIX time in seconds (0 = try once).' })
      .int('Expiration is a whole number of seconds.')
      .min(0, 'Expiration cannot be negative.')
      .max(99_999_999_999)
      .optional(),
    collapseId: z
      .string()
      .refine(
        (v) => byteLength(v) <= APNS_MAX_COLLAPSE_ID_BYTES,
        `The collapse id is at most ${APNS_MAX_COLLAPSE_ID_BYTES} bytes.`,
      )
      .optional(),
    payload: payloadObjectSchema,
  })
  .superRefine((input, ctx) => {
    if (input.auth.kind === 'token' && !input.topic)
      ctx.addIssue({
        code: 'custom',
        path: ['topic'],
        message: 'Enter the topic (the app’s bundle id): token authentication needs it.',
      });
    if (input.priority !== undefined && !APNS_PRIORITIES[input.pushType].includes(input.priority)) {
      ctx.addIssue({
        code: 'custom',
        path: ['priority'],
        message: `A ${input.pushType} push takes priority ${APNS_PRIORITIES[input.pushType].join(' or ')}, not ${input.priority}.`,
      });
    }
    if (input.auth.kind === 'certificate' && APNS_TOKEN_AUTH_ONLY.includes(input.pushType)) {
      ctx.addIssue({
        code: 'custom',
        path: ['pushType'],
        message: `A ${input.pushType} push needs token authentication (.p8); certificates cannot send it.`,
      });
    }
    const size = byteLength(JSON.stringify(input.payload));
    const limit = apnsPayloadLimit(input.pushType);
    if (size > limit)
      ctx.addIssue({
        code: 'custom',
        path: ['payload'],
        message: `The payload is ${size} bytes; APNs takes at most ${limit} bytes for a ${input.pushType} push.`,
      });
  });

export const fcmDirectPushSchema = z
  .strictObject({
    service: z.literal('fcm'),
    token: z
      .string()
      .trim()
      .min(1, 'Enter the registration token.')
      .max(4096, 'The registration token is too long.')
      .regex(/^[A-Za-z0-9_:.-]+$/, 'An FCM registration token is letters, digits and _ : - . only.'),
    serviceAccountFile: filePath('service account file (.json)'),
    /** The `message` without its target: notification, data, android, apns, webpush, fcm_options. */
    payload: payloadObjectSchema,
    validateOnly: z.boolean().optional(),
  })
  .superRefine((input, ctx) => {
    for (const target of ['token', 'topic', 'condition', 'fid']) {
      if (target in input.payload)
        ctx.addIssue({
          code: 'custom',
          path: ['payload', target],
          message: `Leave "${target}" out of the payload: the registration token field is the target.`,
        });
    }
    const data = input.payload.data;
    if (
      data !== undefined &&
      (typeof data !== 'object' ||
        data === null ||
        Array.isArray(data) ||
        Object.values(data).some((v) => typeof v !== 'string'))
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['payload', 'data'],
        message: 'FCM "data" is an object of strings only (numbers and booleans must be quoted).',
      });
    }
    const size = byteLength(JSON.stringify(input.payload));
    if (size > FCM_MAX_MESSAGE_BYTES)
      ctx.addIssue({
        code: 'custom',
        path: ['payload'],
        message: `The message is ${size} bytes; FCM takes at most ${FCM_MAX_MESSAGE_BYTES}.`,
      });
  });

export const directPushSchema = z.discriminatedUnion('service', [apnsDirectPushSchema, fcmDirectPushSchema], {
  error: 'Service is APNs or FCM.',
});

export type ApnsDirectPushInput = z.input<typeof apnsDirectPushSchema>;
export type ApnsDirectPush = z.output<typeof apnsDirectPushSchema>;
export type FcmDirectPushInput = z.input<typeof fcmDirectPushSchema>;
export type FcmDirectPush = z.output<typeof fcmDirectPushSchema>;
export type DirectPushInput = z.input<typeof directPushSchema>;
export type DirectPush = z.output<typeof directPushSchema>;

/** A payload kept in the workspace's library: what to send, not where or with which key. */
export const savedPayloadSchema = z
  .strictObject({
    name: z.string().trim().min(1, 'Name the payload.').max(100, 'A payload name is at most 100 characters.'),
    service: z.enum(['apns', 'fcm']),
    pushType: z.enum(APNS_PUSH_TYPES).optional(),
    payload: payloadObjectSchema,
  })
  .superRefine((saved, ctx) => {
    if (saved.service === 'fcm' && saved.pushType !== undefined)
      ctx.addIssue({ code: 'custom', path: ['pushType'], message: 'An FCM payload has no APNs push type.' });
    const limit = saved.service === 'apns' ? apnsPayloadLimit(saved.pushType ?? 'alert') : FCM_MAX_MESSAGE_BYTES;
    const size = byteLength(JSON.stringify(saved.payload));
    if (size > limit)
      ctx.addIssue({
        code: 'custom',
        path: ['payload'],
        message: `The payload is ${size} bytes; at most ${limit} can be sent.`,
      });
  });
export type SavedPayload = z.output<typeof savedPayloadSchema>;
