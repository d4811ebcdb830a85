/**
 * One handler per Chime SDK Identity operation, all the same shape: send the
 * validated input through the current connection's client and answer its
 * Result, the output made plain. Errors arrive already mapped by the AWS layer.
 */
import { OPERATION_NAMES, type OperationName } from '../../../shared/chime/operations';
import { chimeChannel, type ChimeChannelName } from '../../../shared/ipc/contract';
import { ok, type Result } from '../../../shared/errors';
import type { ConnectionManager } from '../../aws/connections';
import type { OperationInput } from '../../aws/commands';
import { toPlain } from '../plain';
import type { Handlers } from '../dispatcher';

/** The 30 handlers are built from the operation list, so the table's type is asserted once here (the contract's ChimeOutput is the SDK output made plain). */
export function chimeHandlers(connections: ConnectionManager): Pick<Handlers, ChimeChannelName> {
  const entries = OPERATION_NAMES.map((op) => [chimeChannel(op), (input: unknown) => send(connections, op, input)] as const);
  return Object.fromEntries(entries) as unknown as Pick<Handlers, ChimeChannelName>;
}

async function send(connections: ConnectionManager, op: OperationName, input: unknown): Promise<Result<unknown>> {
  const result = await connections.invoke(op, input as OperationInput<typeof op>);
  return result.ok ? ok(toPlain(result.value)) : result;
}
