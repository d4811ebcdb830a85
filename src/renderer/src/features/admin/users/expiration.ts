import { EXPIRATION_CRITERIA } from '../../../../../shared/chime/shapes';

/** CREATED_TIMESTAMP is the model's only criterion today; taken from the shared enum, not restated. */
export const DEFAULT_CRITERION = EXPIRATION_CRITERIA[0];

/** The ExpirationSettings member for a number of days, or undefined for none. */
export function expirationSettings(days: unknown, criterion: string = DEFAULT_CRITERION) {
  return typeof days === 'number' ? { ExpirationDays: days, ExpirationCriterion: criterion } : undefined;
}
