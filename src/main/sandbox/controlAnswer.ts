/**
 * What a self-contained `/_sandbox/…` route handler answers; the server writes
 * it. Errors use the sandbox's REST-JSON error shape (`x-amzn-ErrorType`
 * header, `{"Code","Message"}` body), so clients read them as any other.
 */
import { SandboxError } from './errors';

export interface ControlAnswer {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** A JSON body, or text (sent as is with the headers' content type). */
  readonly body: Record<string, unknown> | string;
}

export function errorAnswer(error: SandboxError): ControlAnswer {
  return { status: error.status, headers: { 'x-amzn-ErrorType': error.type }, body: error.toBody() };
}

/** Runs a route; a SandboxError becomes its answer, anything else propagates (an internal error). */
export function answering(route: () => ControlAnswer): ControlAnswer {
  try {
    return route();
  } catch (error) {
    if (error instanceof SandboxError) return errorAnswer(error);
    throw error;
  }
}

/** `path?query` split, for handlers that get the raw request target. */
export function splitTarget(target: string): { path: string; query: URLSearchParams } {
  const q = target.indexOf('?');
  return { path: q < 0 ? target : target.slice(0, q), query: new URLSearchParams(q < 0 ? '' : target.slice(q + 1)) };
}
