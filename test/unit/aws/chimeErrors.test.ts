/**
 * Issue 10, defect 5: each Chime error's retryability comes from the service
 * model (reference/chime-sdk-identity.service-2.json): retryable are exactly
 * the server faults and throttling (429), as the SDK's retry strategy
 * treats them. ResourceLimitExceededException is a quota, never retryable.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ChimeSDKIdentityServiceException } from '@aws-sdk/client-chime-sdk-identity';
import { CHIME_ERRORS } from '../../../src/shared/chime/errors';
import { toWorkbenchError } from '../../../src/main/aws/errors';
import { WorkbenchCodes } from '../../../src/shared/errors';

interface ModelShape {
  exception?: boolean;
  fault?: boolean;
  retryable?: unknown;
  error?: { httpStatusCode?: number };
}
const model = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../../reference/chime-sdk-identity.service-2.json'), 'utf8')) as {
  shapes: Record<string, ModelShape>;
};
const exceptions = Object.entries(model.shapes).filter(([, s]) => s.exception);

const sdkError = (name: string, status: number) =>
  new ChimeSDKIdentityServiceException({ name, $fault: status >= 500 ? 'server' : 'client', message: name, $metadata: { httpStatusCode: status } });

describe('Chime error classification', () => {
  it('lists exactly the exceptions of the service model, with their status', () => {
    expect(Object.keys(CHIME_ERRORS).sort()).toEqual(exceptions.map(([n]) => n).sort());
    for (const [name, shape] of exceptions) expect(CHIME_ERRORS[name as keyof typeof CHIME_ERRORS].httpStatus, name).toBe(shape.error?.httpStatusCode);
  });

  it('marks retryable exactly the modelled server faults and throttling', () => {
    for (const [name, shape] of exceptions) {
      const expected = shape.retryable !== undefined || shape.fault === true || shape.error?.httpStatusCode === 429;
      expect(CHIME_ERRORS[name as keyof typeof CHIME_ERRORS].retryable, name).toBe(expected);
    }
  });

  it('maps every Chime error with the table\'s retryability', () => {
    for (const [name, info] of Object.entries(CHIME_ERRORS)) {
      expect(toWorkbenchError(sdkError(name, info.httpStatus)), name).toMatchObject({ code: name, retryable: info.retryable });
    }
  });

  it('never offers a quota error as retryable', () => {
    expect(toWorkbenchError(sdkError('ResourceLimitExceededException', 400)).retryable).toBe(false);
  });

  it('names answers without an error code by their status, never Unknown', () => {
    const unknown = (status: number) => Object.assign(new Error('UnknownError'), { name: 'Unknown', $fault: 'client', $metadata: { httpStatusCode: status } });
    expect(toWorkbenchError(unknown(431))).toMatchObject({ code: WorkbenchCodes.RequestTooLarge, httpStatus: 431, retryable: false });
    expect(toWorkbenchError(unknown(413)).code).toBe(WorkbenchCodes.RequestTooLarge);
    expect(toWorkbenchError(unknown(418))).toMatchObject({ code: WorkbenchCodes.UnexpectedResponse, httpStatus: 418, retryable: false });
    expect(toWorkbenchError(unknown(502))).toMatchObject({ code: WorkbenchCodes.UnexpectedResponse, retryable: true });
  });

  it('maps a URIError from the serializer to InvalidInput', () => {
    expect(toWorkbenchError(new URIError('URI malformed')).code).toBe(WorkbenchCodes.InvalidInput);
  });
});
