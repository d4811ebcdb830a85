/**
 * The Chime SDK Identity errors, one row each, from the service model
 * (reference/chime-sdk-identity.service-2.json: the exception shapes, their
 * HTTP status and `fault` trait) and the API reference's "Errors" sections
 * (https://docs.aws.amazon.com/chime-sdk/latest/APIReference/CommonErrors.html).
 * The model marks no error `retryable`; the SDK's retry strategy retries
 * throttling (429) and server faults (5xx). So does the app: only those rows
 * are retryable. ResourceLimitExceededException is a quota (for example 10
 * endpoints per AppInstanceUser): the same call fails until something is
 * removed, so the UI offers that instead of "Try again".
 */
export interface ChimeErrorInfo {
  readonly httpStatus: number;
  readonly retryable: boolean;
  /** What the user can do, in plain words. */
  readonly advice: string;
}

export const CHIME_ERRORS = {
  BadRequestException: { httpStatus: 400, retryable: false, advice: 'Correct the input and send it again.' },
  ConflictException: { httpStatus: 409, retryable: false, advice: 'The resource is in a state that does not allow this call (or a request token was reused with other input).' },
  ForbiddenException: { httpStatus: 403, retryable: false, advice: 'The credentials are not allowed to make this call: check the IAM policy.' },
  NotFoundException: { httpStatus: 404, retryable: false, advice: 'The resource does not exist (any more).' },
  ResourceLimitExceededException: { httpStatus: 400, retryable: false, advice: 'A service quota is reached: remove a resource (or ask AWS for a higher quota) first.' },
  ServiceFailureException: { httpStatus: 500, retryable: true, advice: 'The service failed; trying again may work.' },
  ServiceUnavailableException: { httpStatus: 503, retryable: true, advice: 'The service is unavailable for now; trying again may work.' },
  ThrottledClientException: { httpStatus: 429, retryable: true, advice: 'Too many requests: wait a moment and try again.' },
  UnauthorizedClientException: { httpStatus: 401, retryable: false, advice: 'The request was not signed with valid credentials.' },
} as const satisfies Record<string, ChimeErrorInfo>;

export type ChimeErrorCode = keyof typeof CHIME_ERRORS;

export function chimeErrorInfo(code: string): ChimeErrorInfo | undefined {
  return Object.hasOwn(CHIME_ERRORS, code) ? CHIME_ERRORS[code as ChimeErrorCode] : undefined;
}
