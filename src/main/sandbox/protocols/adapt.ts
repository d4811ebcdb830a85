/**
 * How the self-contained handlers (iam/, sts/, sso/: plain
 * `ServiceRequest → ServiceResponse` functions) sit in the core: the core's
 * request becomes theirs, a 2xx answer is returned as the operation's result,
 * and a non-2xx answer is thrown as an `AnsweredError` carrying the answer
 * already written in the service's protocol. Throwing matters: the core then
 * skips the commit and the after-commit fault (a failed call changed nothing),
 * and the service's `renderError` sends the answer as is.
 */
import { SandboxError } from '../core/errors';
import type { SandboxRequest, SandboxResponse } from '../core/service';
import type { ServiceRequest, ServiceResponse } from './http';

export class AnsweredError extends SandboxError {
  constructor(readonly response: ServiceResponse) {
    super('AnsweredError', `answered ${response.status}`, response.status);
  }
}

export function toServiceRequest(req: SandboxRequest): ServiceRequest {
  return { method: req.method, path: req.rawPath, query: req.query, headers: req.headers, body: req.body };
}

/** The handler's answer without its own request id header (the core sets `x-amzn-RequestId`). */
export function fromServiceResponse(response: ServiceResponse): SandboxResponse {
  const headers = Object.fromEntries(Object.entries(response.headers).filter(([name]) => name.toLowerCase() !== 'x-amzn-requestid'));
  if (response.status >= 400) throw new AnsweredError({ ...response, headers });
  return { status: response.status, headers, body: response.body === '' ? undefined : response.body };
}
