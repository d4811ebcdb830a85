/** One handler per operation; `satisfies` makes a missing or misspelt operation a type error. */
import type { OperationName } from '../../../../shared/chime/operations';
import { adminHandlers } from './admins';
import { appInstanceHandlers } from './appInstances';
import { botHandlers } from './bots';
import type { Handler } from './context';
import { endpointHandlers } from './endpoints';
import { retentionHandlers } from './retention';
import { tagHandlers } from './tags';
import { userHandlers } from './users';

export const HANDLERS = {
  ...appInstanceHandlers,
  ...userHandlers,
  ...adminHandlers,
  ...botHandlers,
  ...endpointHandlers,
  ...retentionHandlers,
  ...tagHandlers,
} satisfies Record<OperationName, Handler>;

export type { Handler, HandlerContext } from './context';
export { SANDBOX_ACCOUNT_ID } from './context';
