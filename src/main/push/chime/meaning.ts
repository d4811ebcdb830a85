/**
 * A failed call of the test-push path as a WorkbenchError whose message says,
 * in plain words, what the failure means for the developer (issue 13: "the
 * API's error with its meaning"). Mapping from the SDK stays in
 * src/main/aws/errors.ts; this only prefixes the meaning for the step.
 */
import { toWorkbenchError } from '../../aws/errors';
import type { WorkbenchError } from '../../../shared/errors';

export type PushStep = 'plan' | 'createSender' | 'createChannel' | 'addMember' | 'send' | 'preferences' | 'cleanup' | 'sandbox';

const MEANINGS: Record<string, (step: PushStep) => string> = {
  ForbiddenException: (step) =>
    step === 'send'
      ? 'The sender may not send in this channel: it must be a member of the channel (a user or bot of the same AppInstance)'
      : step === 'addMember'
        ? 'The sender may not add members here: in a RESTRICTED channel only moderators and AppInstanceAdmins can'
        : step === 'preferences'
          ? 'Only the member themself (or an AppInstanceAdmin) can read or set preferences, and only in a channel they belong to'
          : 'The caller is not allowed to do this (IAM policy, or the bearer is not a user of this AppInstance)',
  NotFoundException: (step) =>
    step === 'send' || step === 'addMember' ? 'The channel or a user no longer exists (deleted?)' : 'It does not exist (deleted?)',
  BadRequestException: () => 'The service refused the input',
  ConflictException: () => 'It conflicts with what exists (already exists, or a reused request token with different input)',
  ThrottledClientException: () => 'Throttled: too many requests; try again in a moment',
  ServiceUnavailableException: () => 'The service is unavailable; try again',
  ServiceFailureException: () => 'The service failed; try again',
  UnauthorizedClientException: () => 'The request was not signed with valid credentials',
  ResourceLimitExceededException: () => 'A service quota was reached',
};

export function pushError(thrown: unknown, step: PushStep): WorkbenchError {
  const error = toWorkbenchError(thrown);
  const meaning = MEANINGS[error.code]?.(step);
  return meaning ? { ...error, message: `${meaning}. (${error.code}: ${error.message})` } : error;
}
