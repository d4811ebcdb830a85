/**
 * Sends one operation for a form: adds a ClientRequestToken where the
 * operation takes one (the operations table says which), checks the whole
 * request with the operation's shared schema before it leaves the renderer,
 * and keeps the server's error for display.
 *
 * The token is reused when the same request is sent again after a failure, so
 * a retry after a timeout cannot create the resource twice (the service treats
 * a repeated token as the same request). Any change to the request gets a new
 * token, because reusing a token with different parameters is refused by the
 * service as an idempotency mismatch.
 *
 * While a request is in flight a second submit (a double click, Enter pressed
 * twice) sends nothing and resolves to undefined.
 */
import { useRef, useState } from 'react';
import { OPERATIONS, type OperationName } from '../../../shared/chime/operations';
import { describeIssues, validateOperationInput } from '../../../shared/chime/schema';
import type { Result, WorkbenchError } from '../../../shared/errors';
import { compact } from './compact';

type Send<T> = (input: Record<string, unknown>) => Promise<Result<T>>;

export interface Submission<T> {
  readonly busy: boolean;
  readonly error?: WorkbenchError;
  /** Resolves to the call's result, or undefined when nothing was sent: the request failed its check (the error is then in `error`) or one is already in flight. */
  submit(fields: Record<string, unknown>, send: Send<T>): Promise<Result<T> | undefined>;
  /** Sends the last failed request again, with the same token. */
  retry(): Promise<Result<T> | undefined>;
  clearError(): void;
}

export function useSubmission<T>(op: OperationName): Submission<T> {
  const attempt = useRef<{ fingerprint: string; token: string } | undefined>(undefined);
  const last = useRef<{ fields: Record<string, unknown>; send: Send<T> } | undefined>(undefined);
  const inFlight = useRef(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<WorkbenchError>();

  const submit = async (fields: Record<string, unknown>, send: Send<T>): Promise<Result<T> | undefined> => {
    if (inFlight.current) return undefined;
    const request = compact(fields);
    const input = withToken(op, request, attempt);
    const checked = validateOperationInput(op, input);
    if (!checked.ok) {
      setError({ code: 'InvalidInput', message: describeIssues(checked.issues), issues: checked.issues, retryable: false });
      return undefined;
    }
    last.current = { fields, send };
    inFlight.current = true;
    setBusy(true);
    setError(undefined);
    const result = await send(input).finally(() => {
      inFlight.current = false;
    });
    setBusy(false);
    if (result.ok) {
      attempt.current = undefined;
      last.current = undefined;
    } else {
      setError(result.error);
    }
    return result;
  };

  const retry = async () => (last.current ? submit(last.current.fields, last.current.send) : undefined);

  return { busy, error, submit, retry, clearError: () => setError(undefined) };
}

function withToken(
  op: OperationName,
  request: Record<string, unknown>,
  attempt: { current: { fingerprint: string; token: string } | undefined },
): Record<string, unknown> {
  if (!('idempotencyToken' in OPERATIONS[op])) return request;
  const fingerprint = JSON.stringify(request);
  if (attempt.current?.fingerprint !== fingerprint) attempt.current = { fingerprint, token: crypto.randomUUID() };
  return { ...request, ClientRequestToken: attempt.current.token };
}
