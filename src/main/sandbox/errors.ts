/**
 * The service's error shapes. Clients type an error by the `x-amzn-ErrorType`
 * header (the body's `Code` holds the short ErrorCode enum, which neither
 * botocore nor JS v3 can map to a shape), so every error carries both.
 */
export const ERROR_SHAPES = {
  BadRequestException: { status: 400, code: 'BadRequest' },
  ConflictException: { status: 409, code: 'Conflict' },
  ForbiddenException: { status: 403, code: 'Forbidden' },
  NotFoundException: { status: 404, code: 'NotFound' },
  // The model says 400, not 429: this is a quota, not a rate.
  ResourceLimitExceededException: { status: 400, code: 'ResourceLimitExceeded' },
  ThrottledClientException: { status: 429, code: 'Throttled' },
  UnauthorizedClientException: { status: 401, code: 'Unauthorized' },
  ServiceFailureException: { status: 500, code: 'ServiceFailure' },
  ServiceUnavailableException: { status: 503, code: 'ServiceUnavailable' },
  // Not a modelled shape: what AWS front ends answer for a path no operation has.
  UnknownOperationException: { status: 404, code: 'NotFound' },
} as const;

export type ErrorType = keyof typeof ERROR_SHAPES;

export class SandboxError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(
    readonly type: ErrorType,
    message: string,
  ) {
    super(message);
    this.name = type;
    this.status = ERROR_SHAPES[type].status;
    this.code = ERROR_SHAPES[type].code;
  }

  toBody(): { Code: string; Message: string } {
    return { Code: this.code, Message: this.message };
  }
}

export const badRequest = (message: string) => new SandboxError('BadRequestException', message);
export const notFound = (message: string) => new SandboxError('NotFoundException', message);
export const conflict = (message: string) => new SandboxError('ConflictException', message);
export const limitExceeded = (message: string) => new SandboxError('ResourceLimitExceededException', message);
