/**
 * Live EndpointState watching: the events main pushes, the per-endpoint
 * history and the watcher's health. Schemas so the IPC contract can validate
 * them in tests; types inferred from them.
 */
import { z } from 'zod';
import { ALLOW_MESSAGES, ENDPOINT_STATUSES, ENDPOINT_STATUS_REASONS, ENDPOINT_TYPES } from '../chime/shapes';

/**
 * One endpoint as ListAppInstanceUserEndpoints describes it, in our casing.
 * Optional members because the service's summary marks them all optional.
 */
export const endpointSnapshotSchema = z.strictObject({
  endpointId: z.string().max(64),
  name: z.string().max(1600).optional(),
  type: z.enum(ENDPOINT_TYPES).optional(),
  allowMessages: z.enum(ALLOW_MESSAGES).optional(),
  status: z.enum(ENDPOINT_STATUSES).optional(),
  statusReason: z.enum(ENDPOINT_STATUS_REASONS).optional(),
});
export type EndpointSnapshot = z.infer<typeof endpointSnapshotSchema>;

export const WATCH_EVENT_KINDS = ['state-changed', 'allow-messages-changed', 'name-changed', 'appeared', 'disappeared'] as const;
export type WatchEventKind = (typeof WATCH_EVENT_KINDS)[number];

export const watchEventSchema = z.strictObject({
  kind: z.enum(WATCH_EVENT_KINDS),
  userArn: z.string().max(1600),
  endpointId: z.string().max(64),
  /** Epoch ms of the poll that saw the change (the change happened between the previous good poll and this one). */
  at: z.number(),
  /** Absent for `appeared`. */
  before: endpointSnapshotSchema.optional(),
  /** Absent for `disappeared`. */
  after: endpointSnapshotSchema.optional(),
});
export type WatchEvent = z.infer<typeof watchEventSchema>;

export const historyEntrySchema = z.strictObject({
  at: z.number(),
  kind: z.enum(WATCH_EVENT_KINDS),
  before: endpointSnapshotSchema.optional(),
  after: endpointSnapshotSchema.optional(),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

export const WATCH_HEALTH_STATES = ['idle', 'polling', 'backing-off', 'paused', 'error'] as const;
export type WatchHealthState = (typeof WATCH_HEALTH_STATES)[number];

export const watchHealthSchema = z.strictObject({
  state: z.enum(WATCH_HEALTH_STATES),
  lastSuccessAt: z.number().optional(),
  nextPollAt: z.number().optional(),
  /** Plain words for `backing-off` and `error` (the service's error code and message). */
  reason: z.string().optional(),
  /** Users polled per cycle, to show "watching N users". */
  watchedUsers: z.number().int().nonnegative(),
});
export type WatchHealth = z.infer<typeof watchHealthSchema>;

export function historyKey(userArn: string, endpointId: string): string {
  return `${userArn}#${endpointId}`;
}

/** A watched user's health for the user list: endpoints seen by the last good poll, and how many are INACTIVE. */
export interface WatchSummary {
  readonly userArn: string;
  /** False until the watcher's first good poll of this user. */
  readonly polled: boolean;
  readonly endpoints: number;
  readonly inactive: number;
}

/** An endpoint as List/Describe answer it (the SDK's summary, or the renderer's plain copy of it). */
export interface EndpointSummaryLike {
  readonly EndpointId?: string | undefined;
  readonly Name?: string | undefined;
  readonly Type?: string | undefined;
  readonly AllowMessages?: string | undefined;
  readonly EndpointState?: { readonly Status?: string | undefined; readonly StatusReason?: string | undefined } | undefined;
}

const oneOf = <T extends string>(values: readonly T[], value: string | undefined): T | undefined =>
  value !== undefined && (values as readonly string[]).includes(value) ? (value as T) : undefined;

/** Values the service may add later are dropped rather than passed on as an enum member we do not know. */
export function snapshotFromSummary(summary: EndpointSummaryLike): EndpointSnapshot | undefined {
  if (!summary.EndpointId) return undefined;
  const snapshot: EndpointSnapshot = { endpointId: summary.EndpointId };
  if (summary.Name !== undefined) snapshot.name = summary.Name;
  const type = oneOf(ENDPOINT_TYPES, summary.Type);
  if (type) snapshot.type = type;
  const allow = oneOf(ALLOW_MESSAGES, summary.AllowMessages);
  if (allow) snapshot.allowMessages = allow;
  const status = oneOf(ENDPOINT_STATUSES, summary.EndpointState?.Status);
  if (status) snapshot.status = status;
  const reason = oneOf(ENDPOINT_STATUS_REASONS, summary.EndpointState?.StatusReason);
  if (reason) snapshot.statusReason = reason;
  return snapshot;
}
