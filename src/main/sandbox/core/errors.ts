/**
 * Errors every service throws. A SandboxError names its wire type (what goes
 * in `x-amzn-ErrorType`) and HTTP status; how its body looks is the service's
 * business (Chime: `{"Code","Message"}`, Pinpoint: `{"Message","RequestID"}`,
 * IAM/STS: query XML), written by the service's `renderError`.
 *
 * The table holds the REST-JSON types the core and the Chime and Pinpoint
 * services use; other services pass the status explicitly.
 */
export const ERROR_SHAPES: Readonly<Record<string, { readonly status: number; readonly code?: string }>> = {
  BadRequestException: { status: 400, code: 'BadRequest' },
  ConflictException: { status: 409, code: 'Conflict' },
  ForbiddenException: { status: 403, code: 'Forbidden' },
  NotFoundException: { status: 404, code: 'NotFound' },
  // The Chime model says 400, not 429: this is a quota, not a rate.
  ResourceLimitExceededException: { status: 400, code: 'ResourceLimitExceeded' },
  ThrottledClientException: { status: 429, code: 'Throttled' },
  UnauthorizedClientException: { status: 401, code: 'Unauthorized' },
  ServiceFailureException: { status: 500, code: 'ServiceFailure' },
  ServiceUnavailableException: { status: 503, code: 'ServiceUnavailable' },
  // Not a modelled shape: what AWS front ends answer for a path no operation has.
  UnknownOperationException: { status: 404, code: 'NotFound' },
  // Pinpoint's own shapes (no Code member in their bodies).
  TooManyRequestsException: { status: 429 },
  InternalServerErrorException: { status: 500 },
  MethodNotAllowedException: { status: 405 },
  PayloadTooLargeException: { status: 413 },
};

export type ErrorType = string;

export class SandboxError extends Error {
  readonly status: number;
  /** Chime's short ErrorCode enum value (`BadRequest`…), when the type has one. */
  readonly code: string;

  constructor(
    readonly type: ErrorType,
    message: string,
    status?: number,
  ) {
    super(message);
    this.name = type;
    this.status = status ?? ERROR_SHAPES[type]?.status ?? 400;
    this.code = ERROR_SHAPES[type]?.code ?? type.replace(/Exception$/, '');
  }

  /** The Chime SDK body: clients type the error by the header; the body's Code is the short enum. */
  toBody(): { Code: string; Message: string } {
    return { Code: this.code, Message: this.message };
  }
}

export const badRequest = (message: string) => new SandboxError('BadRequestException', message);
export const notFound = (message: string) => new SandboxError('NotFoundException', message);
export const conflict = (message: string) => new SandboxError('ConflictException', message);
export const forbidden = (message: string) => new SandboxError('ForbiddenException', message);
export const limitExceeded = (message: string) => new SandboxError('ResourceLimitExceededException', message);
