import { EXPIRATION_CRITERIA } from '../../../../../shared/chime/shapes';

/** CREATED_TIMESTAMP is the model's only criterion today; taken from the shared enum, not restated. */
export const DEFAULT_CRITERION = EXPIRATION_CRITERIA[0];

/** The ExpirationSettings member for a number of days, or undefined for none. */
export function expirationSettings(days: unknown, criterion: string = DEFAULT_CRITERION) {
  return typeof days === 'number' ? { ExpirationDays: days, ExpirationCriterion: criterion } : undefined;
}

const DAY_MS = 86_400_000;

/** The date a user created at `createdAt` expires after `days` (CREATED_TIMESTAMP), or undefined. */
export function expiresAt(createdAt: number | undefined, days: number | undefined): number | undefined {
  return createdAt === undefined || !days ? undefined : createdAt + days * DAY_MS;
}

/** A typed number of days, when it is a whole positive number. */
export function typedDays(raw: string): number | undefined {
  return /^\d+$/.test(raw.trim()) && Number(raw) > 0 ? Number(raw) : undefined;
}

/** With a retention of `days`, messages sent before this date are due for deletion. */
export function retentionCutoff(now: number, days: number | undefined): number | undefined {
  return days ? now - days * DAY_MS : undefined;
}
