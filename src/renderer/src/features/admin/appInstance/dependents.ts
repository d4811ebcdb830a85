/**
 * What a delete takes with it, counted before the confirmation is shown: the
 * service deletes an AppInstance's users, admins, bots and endpoints with it,
 * and a user's endpoints with the user, without asking.
 */
import { useAppStore } from '../../../store';
import type { Result } from '../../../../../shared/errors';
import { mapResult } from '../../../store/resource';
import { listAll } from '../../pages/listAll';
import { listAllAdmins } from '../admins/adminsSlice';
import { listAllBots } from '../bots/botsSlice';

export interface Count {
  readonly count: number;
  /** False when counting stopped at a cap: the real number is higher. */
  readonly complete: boolean;
}

export interface AppInstanceDependents {
  readonly users: Count;
  readonly admins: Count;
  readonly bots: Count;
  /** Counted only for small AppInstances: one call per user would flood a large one. */
  readonly endpoints?: Count;
}

/** Above this many users endpoints are not counted (one List call per user). */
export const ENDPOINT_COUNT_USER_LIMIT = 25;
const USER_COUNT_PAGE_LIMIT = 20;

export async function countUserEndpoints(userArn: string): Promise<Result<Count>> {
  const result = await listAll('ListAppInstanceUserEndpoints', { AppInstanceUserArn: userArn }, 10);
  return mapResult(result, ({ items, complete }) => ({ count: items.length, complete }));
}

export async function countAppInstanceDependents(arn: string): Promise<Result<AppInstanceDependents>> {
  const users = await listUserArns(arn);
  if (!users.ok) return users;
  const [admins, bots] = await Promise.all([listAllAdmins(arn, 20), listAllBots(arn, 20)]);
  if (!admins.ok) return admins;
  if (!bots.ok) return bots;
  const endpoints = users.value.complete && users.value.arns.length <= ENDPOINT_COUNT_USER_LIMIT ? await sumEndpoints(users.value.arns) : undefined;
  return {
    ok: true,
    value: {
      users: { count: users.value.arns.length, complete: users.value.complete },
      admins: { count: admins.value.items.length, complete: admins.value.complete },
      bots: { count: bots.value.items.length, complete: bots.value.complete },
      ...(endpoints?.ok ? { endpoints: endpoints.value } : {}),
    },
  };
}

/** The users slice already holds every user of the selected AppInstance once its load is done; otherwise page here. */
async function listUserArns(arn: string): Promise<Result<{ arns: string[]; complete: boolean }>> {
  const { userLoad, users } = useAppStore.getState();
  if (userLoad?.appInstanceArn === arn && !userLoad.loading && !userLoad.error) {
    return { ok: true, value: { arns: users.flatMap((u) => (u.AppInstanceUserArn ? [u.AppInstanceUserArn] : [])), complete: true } };
  }
  const result = await listAll('ListAppInstanceUsers', { AppInstanceArn: arn }, USER_COUNT_PAGE_LIMIT);
  return mapResult(result, ({ items, complete }) => ({ arns: items.flatMap((u) => (u.AppInstanceUserArn ? [u.AppInstanceUserArn] : [])), complete }));
}

async function sumEndpoints(userArns: readonly string[]): Promise<Result<Count>> {
  let count = 0;
  let complete = true;
  for (const arn of userArns) {
    const result = await countUserEndpoints(arn);
    if (!result.ok) return result;
    count += result.value.count;
    complete &&= result.value.complete;
  }
  return { ok: true, value: { count, complete } };
}

export function formatCount(count: Count, noun: string): string {
  const plural = count.count === 1 && count.complete ? noun : `${noun}s`;
  return `${count.count}${count.complete ? '' : '+'} ${plural}`;
}
