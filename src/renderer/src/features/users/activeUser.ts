import type { UserSummary } from './usersSlice';

/**
 * The row of the user list that holds the Tab stop: the one the keyboard
 * last moved to, else the selected user, else the first row, whichever is
 * among `users` (the filtered list). Never -1 while there are users, so a
 * filter that hides the selected user cannot take the list out of the Tab order.
 */
export function activeUserIndex(users: readonly UserSummary[], activeArn: string | undefined, selectedArn: string | undefined): number {
  for (const arn of [activeArn, selectedArn]) {
    if (!arn) continue;
    const index = users.findIndex((u) => u.AppInstanceUserArn === arn);
    if (index >= 0) return index;
  }
  return 0;
}
