/**
 * One handler per Chime SDK Identity operation, all the same shape: send the
 * validated input through the current connection's client and return the
 * plain output. Errors arrive already mapped by the AWS layer.
 */
import { OPERATION_NAMES, type OperationName } from '../../../shared/chime/operations';
import { chimeChannel, type ChimeChannelName } from '../../../shared/ipc/contract';
import type { ConnectionManager } from '../../aws/connections';
import { WorkbenchFailure } from '../../aws/errors';
import type { OperationInput } from '../../aws/commands';
import { toPlain } from '../plain';

export function chimeHandlers(connections: ConnectionManager): Record<ChimeChannelName, (input: unknown) => Promise<unknown>> {
  const entries = OPERATION_NAMES.map((op) => [chimeChannel(op), (input: unknown) => send(connections, op, input)] as const);
  return Object.fromEntries(entries) as Record<ChimeChannelName, (input: unknown) => Promise<unknown>>;
}

async function send(connections: ConnectionManager, op: OperationName, input: unknown): Promise<unknown> {
  const result = await connections.invoke(op, input as OperationInput<typeof op>);
  if (!result.ok) throw new WorkbenchFailure(result.error);
  return toPlain(result.value);
}
