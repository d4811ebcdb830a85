/**
 * The typed IPC contract: every channel the renderer may invoke (`domain:verb`)
 * and every event main pushes (`domain:event`). Main validates each payload
 * with the channel's schema; the preload and the harness build the renderer's
 * API from the keys of this object, so a channel cannot exist on one side only.
 *
 * No output type here may carry a credential: profiles are summaries,
 * connections are descriptions, and a test walks the output types to check it.
 */
import { z } from 'zod';
import { OPERATION_NAMES, type OperationName } from '../chime/operations';
import { PAGINATED_OPERATIONS, type PaginatedOperation } from '../chime/paging';
import { operationInputSchema } from '../chime/schema';
import type { ChimeOutput } from './chimeTypes';
import { channel, event, type ChannelDef, type EventDef } from './define';
import { appChannels, appEvents } from './appContract';
import { doctorChannels, doctorEvents } from './doctorContract';
import { directPushChannels } from './directPushContract';
import { pushChannels } from './pushContract';
import { ssoChannels, ssoEvents } from './ssoContract';

/** One channel per Chime SDK Identity operation: `chime:CreateAppInstance`, … */
export type ChimeChannelName = `chime:${OperationName}`;
type ChimeChannels = { [Op in OperationName as `chime:${Op}`]: ChannelDef<z.ZodType, ChimeOutput<Op>> };

export const chimeChannel = (op: OperationName): ChimeChannelName => `chime:${op}`;

const chimeChannels = Object.fromEntries(
  OPERATION_NAMES.map((op) => [chimeChannel(op), channel<unknown>()(operationInputSchema(op))]),
) as unknown as ChimeChannels;

export interface PageEvent {
  readonly loadId: string;
  readonly operation: PaginatedOperation;
  readonly pageIndex: number;
  readonly items: readonly unknown[];
  readonly loadedCount: number;
  readonly done: boolean;
  readonly error?: import('../errors').WorkbenchError;
}

const pagesChannels = {
  /** Starts a paginated load in main (`paginateOperation`); pages arrive as `pages:page` events. */
  'pages:start': channel<{ loadId: string }>()(
    z.strictObject({
      loadId: z.string().min(1).max(64),
      operation: z.enum(PAGINATED_OPERATIONS as unknown as [PaginatedOperation, ...PaginatedOperation[]]),
      input: z.record(z.string(), z.unknown()),
      pageSize: z.number().int().min(1).max(50).optional(),
    }),
  ),
  'pages:cancel': channel<{ cancelled: boolean }>()(z.strictObject({ loadId: z.string().min(1).max(64) })),
};

export const contract = {
  ...chimeChannels,
  ...pagesChannels,
  ...appChannels,
  ...doctorChannels,
  ...directPushChannels,
  ...pushChannels,
  ...ssoChannels,
} as const;

export const events = {
  'pages:page': event<PageEvent>(),
  ...appEvents,
  ...doctorEvents,
  ...ssoEvents,
} as const;

export type Contract = typeof contract;
export type ChannelName = keyof Contract;
export type Events = typeof events;
export type EventName = keyof Events;

export const CHANNEL_NAMES = Object.keys(contract) as ChannelName[];
export const EVENT_NAMES = Object.keys(events) as EventName[];

export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}

export type { ChannelDef, EventDef };
