/**
 * What every handler receives besides its validated input, and the helpers
 * they share: lookups that fail with NotFoundException, ARN forms, tags and
 * timestamps on the wire.
 */
import { notFound } from '../../core/errors';
import type { IdempotencyCache } from '../../core/idempotency';
import type { PageTokens } from '../../core/pagination';
import type { AppInstanceRecord, BotRecord, SandboxState, Tags, UserRecord } from '../state';

export const SANDBOX_ACCOUNT_ID = '000000000000';

export interface HandlerContext {
  readonly state: SandboxState;
  readonly region: string;
  readonly now: () => number;
  readonly pages: PageTokens;
  readonly idempotency: IdempotencyCache;
  readonly endpointLimit: number;
  readonly validationDelayMs: number;
  /** Whether fault injection denies an IAM action the call needs besides its own. */
  readonly denies?: (action: string) => boolean;
}

/** The body to send (undefined for 204). Members left undefined are dropped by JSON.stringify. */
export type HandlerResult = Record<string, unknown> | undefined;
// Inputs are typed per handler with the SDK's request types; the registry erases them.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Handler = (input: any, ctx: HandlerContext) => HandlerResult;

/** restJson1 timestamps are epoch seconds (fractional allowed), not milliseconds. */
export const seconds = (ms: number): number => ms / 1000;

export const appInstanceArn = (region: string, id: string) =>
  `arn:aws:chime:${region}:${SANDBOX_ACCOUNT_ID}:app-instance/${id}`;
export const userArn = (instanceArn: string, userId: string) => `${instanceArn}/user/${userId}`;
export const botArn = (instanceArn: string, botId: string) => `${instanceArn}/bot/${botId}`;

export function requireAppInstance(ctx: HandlerContext, arn: string): AppInstanceRecord {
  const found = ctx.state.appInstance(arn);
  if (!found) throw notFound(`AppInstance ${arn} does not exist`);
  return found;
}

export function requireUser(ctx: HandlerContext, arn: string): UserRecord {
  const found = ctx.state.user(arn);
  if (!found) throw notFound(`AppInstanceUser ${arn} does not exist`);
  return found;
}

export function requireBot(ctx: HandlerContext, arn: string): BotRecord {
  const found = ctx.state.bot(arn);
  if (!found) throw notFound(`AppInstanceBot ${arn} does not exist`);
  return found;
}

export interface WireTag {
  Key?: string;
  Value?: string;
}

export const tagsFrom = (list: readonly WireTag[] | undefined): Tags =>
  new Map((list ?? []).map((t) => [t.Key ?? '', t.Value ?? '']));

export const tagsToWire = (tags: Tags) => [...tags].map(([Key, Value]) => ({ Key, Value }));
