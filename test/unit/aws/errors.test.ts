import { describe, expect, it } from 'vitest';
import { ChimeSDKIdentityServiceException, ThrottledClientException } from '@aws-sdk/client-chime-sdk-identity';
import { toWorkbenchError } from '../../../src/main/aws/errors';
import { WorkbenchFailure } from '../../../src/shared/errors';
import { WorkbenchCodes } from '../../../src/shared/errors';

const named = (name: string, message: string, extra: object = {}) => Object.assign(new Error(message), { name }, extra);

describe('toWorkbenchError', () => {
  it('keeps a service exception name, status, request id and retryability', () => {
    const conflict = new ChimeSDKIdentityServiceException({
      name: 'ConflictException',
      $fault: 'client',
      message: 'The request could not be processed because of conflict',
      $metadata: { httpStatusCode: 409, requestId: 'req-409', attempts: 1 },
    });
    expect(toWorkbenchError(conflict)).toEqual({
      code: 'ConflictException',
      message: 'The request could not be processed because of conflict',
      httpStatus: 409,
      requestId: 'req-409',
      retryable: false,
    });
    const throttled = new ThrottledClientException({ message: 'slow down', $metadata: { httpStatusCode: 429, requestId: 'r' } });
    expect(toWorkbenchError(throttled)).toMatchObject({ code: 'ThrottledClientException', httpStatus: 429, retryable: true });
    const unavailable = named('ServiceUnavailableException', 'down', { $metadata: { httpStatusCode: 503 } });
    expect(toWorkbenchError(unavailable)).toMatchObject({ code: 'ServiceUnavailableException', retryable: true });
    const flagged = named('SomethingNew', 'x', { $metadata: { httpStatusCode: 400 }, $retryable: {} });
    expect(toWorkbenchError(flagged).retryable).toBe(true);
  });

  it('maps network failures, timeouts and aborts', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED', $metadata: { attempts: 3 } });
    expect(toWorkbenchError(refused)).toMatchObject({ code: WorkbenchCodes.NetworkError, retryable: true, message: expect.stringContaining('ECONNREFUSED') });
    const wrapped = Object.assign(new Error('fetch failed'), { cause: { code: 'ENOTFOUND' } });
    expect(toWorkbenchError(wrapped).code).toBe(WorkbenchCodes.NetworkError);
    expect(toWorkbenchError(named('TimeoutError', 'socket timed out'))).toMatchObject({ code: WorkbenchCodes.Timeout, retryable: true });
    expect(toWorkbenchError(named('AbortError', 'Request aborted'))).toMatchObject({ code: WorkbenchCodes.Cancelled, retryable: false });
  });

  it('maps credential provider errors, naming the profile', () => {
    const generic = named('CredentialsProviderError', 'Could not resolve credentials using profile: [x]');
    expect(toWorkbenchError(generic, { profile: 'x' })).toEqual({
      code: WorkbenchCodes.CredentialsUnavailable,
      message: 'Could not get credentials for profile "x": Could not resolve credentials using profile: [x]',
      retryable: false,
    });
  });

  it("turns the SDK's own SSO messages into the exact login command", () => {
    const messages = [
      'The SSO session associated with this profile has expired. To refresh this SSO session run aws sso login with the corresponding profile.',
      "Value not present for 'clientId' in SSO Token. Cannot refresh. To refresh this SSO session run 'aws sso login' with the corresponding profile.",
      'The SSO session token associated with profile=dev was not found or is invalid. To refresh this SSO session run aws sso login with the corresponding profile.',
    ];
    for (const message of messages) {
      for (const name of ['CredentialsProviderError', 'TokenProviderError']) {
        const mapped = toWorkbenchError(named(name, message), { profile: 'dev' });
        expect(mapped.code).toBe(WorkbenchCodes.SsoTokenExpired);
        expect(mapped.message).toContain('`aws sso login --profile dev`');
      }
    }
  });

  it('passes workbench errors through and wraps the unknown', () => {
    const error = { code: WorkbenchCodes.MfaCancelled, message: 'cancelled', retryable: true };
    expect(toWorkbenchError(new WorkbenchFailure(error))).toBe(error);
    expect(toWorkbenchError(error)).toBe(error);
    expect(toWorkbenchError('boom')).toMatchObject({ code: WorkbenchCodes.Internal, message: 'Unexpected failure: boom' });
    expect(toWorkbenchError(new TypeError('bad'))).toMatchObject({ code: WorkbenchCodes.Internal, message: 'bad' });
  });
});
