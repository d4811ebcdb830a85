/**
 * One AWS call of the doctor, and what its failure means for a check. A check
 * never throws: a refused call (each service's own access-denied error:
 * ForbiddenException for Chime and Pinpoint, AccessDenied for IAM) is a
 * Warning "couldn't check: needs <permission>", and so is any other failure
 * (throttling after the client's retries, 5xx, network), with the error in
 * plain words. Retries are the SDK client's own (its `maxAttempts` and retry
 * strategy, configured by the client factory); the doctor adds none.
 */
import { toWorkbenchError } from '../aws/errors';
import type { WorkbenchError } from '../../shared/errors';
import type { CheckName, DoctorCheck } from '../../shared/doctor/report';

export type Outcome<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: WorkbenchError };

/** `GetApp (mobiletargeting:GetApp)`: how a check names the call it used. */
export interface CallName {
  readonly operation: string;
  readonly permission: string;
}

export const uses = (...calls: readonly CallName[]): string[] => calls.map((c) => `${c.operation} (${c.permission})`);

export async function attempt<T>(run: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (thrown) {
    return { ok: false, error: toWorkbenchError(thrown) };
  }
}

const ACCESS_DENIED = new Set(['ForbiddenException', 'AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation']);

export function isAccessDenied(error: WorkbenchError): boolean {
  return ACCESS_DENIED.has(error.code);
}

/** The service said the resource does not exist (Chime/Pinpoint NotFoundException, IAM NoSuchEntity). */
export function isNotFound(error: WorkbenchError): boolean {
  return error.code === 'NotFoundException' || error.code === 'NoSuchEntity' || error.code === 'NoSuchEntityException';
}

/** The Warning for a check whose call failed for a reason other than what it checks. */
export function cannotCheck(
  name: CheckName,
  call: CallName,
  error: WorkbenchError,
  extra: readonly CallName[] = [],
): DoctorCheck {
  // SDK messages can span lines (XML parse errors); a detail is one line.
  const said = `${error.code}: ${error.message.replace(/\s+/g, ' ').trim()}`;
  const detail = isAccessDenied(error)
    ? `couldn't check: needs \`${call.permission}\` (${call.operation} was refused: ${said}).`
    : `couldn't check: ${call.operation} failed (${said})${error.retryable ? '; this may pass if you run the doctor again' : ''}.`;
  return { name, verdict: 'warning', detail, uses: uses(...extra, call) };
}

/** A check that did not run because an earlier one failed or could not run. */
export function skipped(name: CheckName, because: string): DoctorCheck {
  return { name, verdict: 'warning', detail: `skipped: ${because}`, uses: [], skipped: true };
}
