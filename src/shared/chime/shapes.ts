/**
 * Input constraints of the Chime SDK Identity model (2021-04-20), declared once.
 *
 * The sandbox validates requests with these, the IPC contract builds its zod
 * schemas from them and the renderer's forms check fields with them, so a rule
 * can never differ between the form, main and the server.
 *
 * Patterns are full-match (the model's anchors are lost in botocore's copy);
 * the model's unconstrained `.*` patterns are left out on purpose because `.`
 * does not match a newline. Lengths count code points, as Smithy does.
 */

export type Shape = StringShape | IntegerShape | EnumShape | ListShape | StructureShape;

export interface StringShape {
  readonly kind: 'string';
  readonly min?: number;
  readonly max?: number;
  /** Full-match pattern. */
  readonly pattern?: RegExp;
  /** Human description of the pattern, used in messages. */
  readonly patternHint?: string;
  /** The value must contain a match somewhere (Smithy unanchored pattern). */
  readonly contains?: RegExp;
  readonly sensitive?: boolean;
}
export interface IntegerShape {
  readonly kind: 'integer';
  readonly min?: number;
  readonly max?: number;
}
export interface EnumShape {
  readonly kind: 'enum';
  readonly values: readonly string[];
}
export interface ListShape {
  readonly kind: 'list';
  readonly member: Shape;
  readonly min?: number;
  readonly max?: number;
}
export interface StructureShape {
  readonly kind: 'structure';
  readonly members: Readonly<Record<string, Member>>;
}
export interface Member {
  readonly shape: Shape;
  readonly required?: boolean;
}

const ARN = /^arn:[a-z0-9-.]{1,63}:[a-z0-9-.]{0,63}:[a-z0-9-.]{0,63}:[a-z0-9-.]{0,63}:[^/].{0,1023}$/;
// The model's "XML-safe" character set, with the supplementary range written as
// the model intends it (see the name-pattern note of the wire reference).
const XML_SAFE = /^[\t\n\r\u0020-\u007E\u0085\u00A0-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;

export const ChimeArn: StringShape = { kind: 'string', min: 5, max: 1600, pattern: ARN, patternHint: 'an ARN (arn:partition:service:region:account:resource)' };
export const SensitiveChimeArn: StringShape = { ...ChimeArn, sensitive: true };
export const String1600: StringShape = { kind: 'string', min: 0, max: 1600 };
export const String64: StringShape = { kind: 'string', min: 0, max: 64 };
export const PlainString: StringShape = { kind: 'string' };
export const ClientRequestToken: StringShape = { kind: 'string', min: 2, max: 64, pattern: /^[-_a-zA-Z0-9]*$/, patternHint: 'letters, digits, - and _' };
export const NonEmptyResourceName: StringShape = { kind: 'string', min: 1, max: 256, pattern: XML_SAFE, patternHint: 'printable characters', sensitive: true };
export const ResourceName: StringShape = { kind: 'string', min: 0, max: 256, pattern: XML_SAFE, patternHint: 'printable characters', sensitive: true };
export const UserName: StringShape = { kind: 'string', min: 1, max: 100, contains: /\S/, patternHint: 'at least one non-space character', sensitive: true };
export const UserId: StringShape = {
  kind: 'string',
  min: 1,
  max: 64,
  pattern: /^[A-Za-z0-9]([A-Za-z0-9:\-_.@]{0,62}[A-Za-z0-9])?$/,
  patternHint: 'letters and digits, with : - _ . @ allowed inside',
  sensitive: true,
};
export const Metadata: StringShape = { kind: 'string', min: 0, max: 1024, sensitive: true };
export const NextToken: StringShape = { kind: 'string', min: 0, max: 2048, sensitive: true };
export const SensitiveString1600: StringShape = { kind: 'string', min: 0, max: 1600, sensitive: true };
export const NonEmptySensitiveString1600: StringShape = { kind: 'string', min: 1, max: 1600, sensitive: true };
// AWS reserves the `aws:` prefix for its own tags and refuses it in TagResource (Tagging best practices, "aws: prefix").
export const TagKey: StringShape = { kind: 'string', min: 1, max: 128, pattern: /^(?!aws:)/i, patternHint: 'a key not starting with aws: (reserved for AWS)', sensitive: true };
export const TagValue: StringShape = { kind: 'string', min: 1, max: 256, sensitive: true };
export const LexBotAliasArn: StringShape = {
  kind: 'string',
  min: 15,
  max: 2048,
  pattern: /^arn:aws:lex:[a-z]{2}-[a-z]+-\d{1}:\d{12}:bot-alias\/[A-Z0-9]{10}\/[A-Z0-9]{10}$/,
  patternHint: 'a Lex V2 bot alias ARN (arn:aws:lex:REGION:ACCOUNT:bot-alias/BOTID/ALIASID)',
};
export const LexIntentName: StringShape = { kind: 'string', min: 1, max: 100, pattern: /^([A-Za-z]_?)+$/, patternHint: 'letters, single underscores between them' };

export const MaxResults: IntegerShape = { kind: 'integer', min: 1, max: 50 };
export const RetentionDays: IntegerShape = { kind: 'integer', min: 1, max: 5475 };
export const ExpirationDays: IntegerShape = { kind: 'integer', min: 1, max: 5475 };

export const ENDPOINT_TYPES = ['APNS', 'APNS_SANDBOX', 'GCM'] as const;
export const ALLOW_MESSAGES = ['ALL', 'NONE'] as const;
export const ENDPOINT_STATUSES = ['ACTIVE', 'INACTIVE'] as const;
export const ENDPOINT_STATUS_REASONS = ['INVALID_DEVICE_TOKEN', 'INVALID_PINPOINT_ARN'] as const;
export const EXPIRATION_CRITERIA = ['CREATED_TIMESTAMP'] as const;
export const STANDARD_MESSAGES = ['AUTO', 'ALL', 'MENTIONS', 'NONE'] as const;
export const TARGETED_MESSAGES = ['ALL', 'NONE'] as const;
export const RESPONDS_TO = ['STANDARD_MESSAGES'] as const;

export type EndpointType = (typeof ENDPOINT_TYPES)[number];
export type AllowMessagesValue = (typeof ALLOW_MESSAGES)[number];
export type EndpointStatus = (typeof ENDPOINT_STATUSES)[number];
export type EndpointStatusReason = (typeof ENDPOINT_STATUS_REASONS)[number];

export const AppInstanceUserEndpointType: EnumShape = { kind: 'enum', values: ENDPOINT_TYPES };
export const AllowMessages: EnumShape = { kind: 'enum', values: ALLOW_MESSAGES };
export const ExpirationCriterion: EnumShape = { kind: 'enum', values: EXPIRATION_CRITERIA };
export const StandardMessages: EnumShape = { kind: 'enum', values: STANDARD_MESSAGES };
export const TargetedMessages: EnumShape = { kind: 'enum', values: TARGETED_MESSAGES };
export const RespondsTo: EnumShape = { kind: 'enum', values: RESPONDS_TO };

export const Tag: StructureShape = {
  kind: 'structure',
  members: { Key: { shape: TagKey, required: true }, Value: { shape: TagValue, required: true } },
};
export const TagList: ListShape = { kind: 'list', member: Tag, min: 1, max: 50 };
export const TagKeyList: ListShape = { kind: 'list', member: TagKey, min: 1, max: 50 };

export const ExpirationSettings: StructureShape = {
  kind: 'structure',
  members: {
    ExpirationDays: { shape: ExpirationDays, required: true },
    ExpirationCriterion: { shape: ExpirationCriterion, required: true },
  },
};
export const ChannelRetentionSettings: StructureShape = {
  kind: 'structure',
  members: { RetentionDays: { shape: RetentionDays } },
};
export const AppInstanceRetentionSettings: StructureShape = {
  kind: 'structure',
  members: { ChannelRetentionSettings: { shape: ChannelRetentionSettings } },
};
export const EndpointAttributes: StructureShape = {
  kind: 'structure',
  members: {
    DeviceToken: { shape: NonEmptySensitiveString1600, required: true },
    VoipDeviceToken: { shape: NonEmptySensitiveString1600 },
  },
};
export const InvokedBy: StructureShape = {
  kind: 'structure',
  members: {
    StandardMessages: { shape: StandardMessages, required: true },
    TargetedMessages: { shape: TargetedMessages, required: true },
  },
};
export const LexConfiguration: StructureShape = {
  kind: 'structure',
  members: {
    RespondsTo: { shape: RespondsTo },
    InvokedBy: { shape: InvokedBy },
    LexBotAliasArn: { shape: LexBotAliasArn, required: true },
    LocaleId: { shape: PlainString, required: true },
    WelcomeIntent: { shape: LexIntentName },
  },
};
export const Configuration: StructureShape = {
  kind: 'structure',
  members: { Lex: { shape: LexConfiguration, required: true } },
};
