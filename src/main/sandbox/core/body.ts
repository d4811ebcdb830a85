/**
 * The one JSON-body reader of the sandbox: API calls (REST-JSON services),
 * control routes and the self-contained modules all parse through it. An
 * empty body is `{}` (SDKs send nothing when no member is set); anything but
 * a JSON object is refused with `invalid` (BadRequestException by default;
 * SSO OIDC passes its own InvalidRequestException).
 */
import { badRequest } from './errors';

export function parseJsonObject(text: string, invalid: (message: string) => Error = badRequest): Record<string, unknown> {
  if (text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw invalid('The request body is not valid JSON');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw invalid('The request body must be a JSON object');
  return parsed as Record<string, unknown>;
}

/** `parseJsonObject` with BadRequestException: the body of a REST-JSON call or a control route. */
export const parseBody = (text: string): Record<string, unknown> => parseJsonObject(text);
