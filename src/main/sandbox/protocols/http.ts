/**
 * The plain request/response pair every self-contained service module
 * (iam/, sts/, sso/) answers. The core reads the HTTP request once (method,
 * raw path, query, headers, body), picks the service by its `matches` rule
 * and writes back what `handle` returns. Nothing here touches sockets, so a
 * service can be driven from a test, the core or a bench alike.
 */
export interface ServiceRequest {
  readonly method: string;
  /** The raw path without the query string, still percent-encoded. */
  readonly path: string;
  readonly query: URLSearchParams;
  /** Lower-case header names, as node:http gives them. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

export interface ServiceResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

export interface ServiceContext {
  /** Epoch milliseconds. */
  now(): number;
  readonly region: string;
  readonly accountId: string;
  /** The request id to echo (header and body); the service makes one up when absent. */
  readonly requestId?: string;
}

export function header(request: Pick<ServiceRequest, 'headers'>, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(',') : value;
}

const CREDENTIAL = /Credential=([^/,\s]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request/;

/** The access key, region and service of a SigV4 `Authorization` header, if it has one. */
export function credentialScope(request: Pick<ServiceRequest, 'headers'>): { accessKeyId: string; region: string; service: string } | undefined {
  const m = CREDENTIAL.exec(header(request, 'authorization') ?? '');
  if (!m) return undefined;
  return { accessKeyId: m[1] as string, region: m[3] as string, service: m[4] as string };
}
