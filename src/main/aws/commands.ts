/**
 * Sends any of the 30 operations by name, and pages through the five list
 * operations with the one paging path (`shared/chime/paging.ts`). Results are
 * values (Result), with every failure mapped once by ./errors.
 */
import * as sdk from '@aws-sdk/client-chime-sdk-identity';
import type { ChimeSDKIdentityClient } from '@aws-sdk/client-chime-sdk-identity';
import { fail, ok, type Result } from '../../shared/errors';
import type { OperationName } from '../../shared/chime/operations';
import { cancelled, pageThrough, type PaginatedOperation } from '../../shared/chime/paging';
import { toWorkbenchError, type MappingContext } from './errors';

type CommandCtor<Op extends OperationName> = (typeof sdk)[`${Op}Command`];
export type OperationInput<Op extends OperationName> = ConstructorParameters<CommandCtor<Op>>[0];
export type OperationOutput<Op extends OperationName> = Awaited<
  ReturnType<ReturnType<InstanceType<CommandCtor<Op>>['resolveMiddleware']>>
>['output'];

type AnyCommand = Parameters<ChimeSDKIdentityClient['send']>[0];

export interface CallOptions {
  readonly signal?: AbortSignal;
  /**
   * A call the app makes by itself (watcher polls): it goes through a client
   * without SDK retries, because the caller backs off on its own and retries
   * would spend the account's rate budget, and it is logged as such.
   */
  readonly background?: boolean;
}

export async function sendOperation<Op extends OperationName>(
  client: ChimeSDKIdentityClient,
  operation: Op,
  input: OperationInput<Op>,
  options: CallOptions = {},
  context: MappingContext = {},
): Promise<Result<OperationOutput<Op>>> {
  // The 30 constructors share no common type TypeScript can see through an index.
  const Ctor = sdk[`${operation}Command`] as unknown as new (input: OperationInput<Op>) => AnyCommand;
  if (options.signal?.aborted) return fail(cancelled());
  try {
    const output = await client.send(new Ctor(structuredClone(input)), options.signal ? { abortSignal: options.signal } : {});
    return ok(output as OperationOutput<Op>);
  } catch (thrown) {
    return fail(toWorkbenchError(thrown, context));
  }
}

/**
 * Yields one Result per page; an error (or an abort) is yielded once, last.
 * `pageSize` fills MaxResults when the input has none.
 */
export function paginateOperation<Op extends PaginatedOperation>(
  client: ChimeSDKIdentityClient,
  operation: Op,
  input: OperationInput<Op>,
  options: CallOptions & { readonly pageSize?: number; readonly maxPages?: number } = {},
  context: MappingContext = {},
): AsyncGenerator<Result<OperationOutput<Op>>, void, undefined> {
  const first = { ...input, ...(options.pageSize && input?.MaxResults === undefined ? { MaxResults: options.pageSize } : {}) };
  const { signal, background, maxPages } = options;
  const call: CallOptions = { ...(signal ? { signal } : {}), ...(background ? { background } : {}) };
  return pageThrough((page: OperationInput<Op>) => sendOperation(client, operation, page, call, context), first, { signal, maxPages });
}
