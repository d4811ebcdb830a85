/**
 * REST-JSON answers for the self-contained services (SSO OIDC, SSO portal).
 * Errors carry the shape name in `x-amzn-ErrorType`, which is what botocore
 * and the JS v3 SDK read first to pick the exception class; the body holds
 * the members the model gives that shape (`error`/`error_description` for
 * OIDC, `message` for the portal).
 */
import { randomUUID } from 'node:crypto';
import type { ServiceResponse } from './http';

export class RestJsonError extends Error {
  constructor(
    readonly type: string,
    readonly status: number,
    readonly body: Record<string, unknown>,
    message?: string,
  ) {
    super(message ?? String(body['error_description'] ?? body['message'] ?? type));
    this.name = type;
  }
}

export function jsonResponse(status: number, body: Record<string, unknown> | undefined, requestId: string = randomUUID()): ServiceResponse {
  const headers: Record<string, string> = { 'x-amzn-requestid': requestId };
  if (body === undefined) return { status, headers, body: '' };
  headers['content-type'] = 'application/json';
  return { status, headers, body: JSON.stringify(body) };
}

export function jsonErrorResponse(error: RestJsonError, requestId: string = randomUUID()): ServiceResponse {
  const response = jsonResponse(error.status, error.body, requestId);
  return { ...response, headers: { ...response.headers, 'x-amzn-errortype': error.type } };
}
