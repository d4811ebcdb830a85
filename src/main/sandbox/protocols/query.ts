/**
 * The AWS query protocol (IAM, STS): `POST /` with a form-encoded body
 * `Action=…&Version=…&Member=…`, answered with XML.
 *
 * Request members are flattened into dotted names: lists are `X.member.N`
 * (1-based), maps `X.entry.N.key` / `X.entry.N.value`, structures `X.Member`,
 * so `Tags.member.1.Key=k` is `{Tags:[{Key:'k'}]}`. `decodeQueryParams` turns
 * the flat form back into that tree; `validateQueryInput` then coerces the
 * strings to the model's types and enforces its constraints, answering
 * `ValidationError` with the message AWS writes ("1 validation error detected:
 * Value 'x' at 'roleName' failed to satisfy constraint: …").
 *
 * Answers: `<XResponse xmlns=NS><XResult>…</XResult><ResponseMetadata>
 * <RequestId>…</RequestId></ResponseMetadata></XResponse>`, lists as
 * `<member>` children, timestamps as ISO 8601 in whole seconds. Errors: `<ErrorResponse
 * xmlns=NS><Error><Type>Sender|Receiver</Type><Code>…</Code><Message>…
 * </Message></Error><RequestId>…</RequestId></ErrorResponse>` with the
 * status of the modelled error. The SDKs type an error by `Error.Code`.
 */
import { randomUUID } from 'node:crypto';
import { XMLBuilder } from 'fast-xml-parser';
import { header, type ServiceRequest, type ServiceResponse } from './http';

export class QueryError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    readonly type: 'Sender' | 'Receiver' = status >= 500 ? 'Receiver' : 'Sender',
  ) {
    super(message);
    this.name = code;
  }
}

export const validationError = (message: string) => new QueryError('ValidationError', message, 400);

// ---------------------------------------------------------------- requests

export interface QueryCall {
  readonly action: string;
  readonly version: string | undefined;
  /** Every form field but Action and Version, still flat. */
  readonly params: ReadonlyMap<string, string>;
}

/** True for a request shaped like a query-protocol call: POST / with a form body. */
export function looksLikeQuery(request: Pick<ServiceRequest, 'method' | 'path' | 'headers'>): boolean {
  if (request.method !== 'POST' || request.path !== '/') return false;
  const type = (header(request, 'content-type') ?? '').toLowerCase();
  // botocore and JS v3 both send application/x-www-form-urlencoded; an absent type is tolerated.
  return type === '' || type.startsWith('application/x-www-form-urlencoded');
}

/** Reads Action, Version and the members of a query call (form body, or the URL query for GET-style callers). */
export function parseQueryCall(request: Pick<ServiceRequest, 'body' | 'query'>): QueryCall {
  const form = new URLSearchParams(request.body);
  const params = new Map<string, string>();
  for (const source of [request.query, form]) {
    for (const [key, value] of source) params.set(key, value);
  }
  const action = params.get('Action');
  const version = params.get('Version');
  params.delete('Action');
  params.delete('Version');
  if (!action) throw new QueryError('MissingAction', 'Missing Action', 400);
  return { action, version, params };
}

type Tree = { [key: string]: TreeValue };
type TreeValue = string | Tree | TreeValue[];

/**
 * Turns `A.member.2.B=x` into `{A:[<hole>, {B:'x'}]}` (holes removed) and
 * `M.entry.1.key=k&M.entry.1.value=v` into `{M:{k:'v'}}`.
 */
export function decodeQueryParams(params: ReadonlyMap<string, string>): Record<string, unknown> {
  const root: Tree = {};
  for (const [name, value] of params) {
    const parts = name.split('.');
    let node: Tree = root;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i] as string;
      const last = i === parts.length - 1;
      if (last) {
        node[part] = value;
        break;
      }
      const child = node[part];
      if (typeof child === 'string') break; // `A=1&A.B=2`: the scalar wins, the rest is noise
      node = (child as Tree | undefined) ?? (node[part] = {});
    }
  }
  return normalise(root) as Record<string, unknown>;
}

const INDEX = /^[1-9]\d*$/;

function normalise(value: TreeValue): unknown {
  if (typeof value === 'string' || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  if (keys.length === 1 && (keys[0] === 'member' || keys[0] === 'entry')) {
    const holder = value[keys[0]] as TreeValue;
    if (typeof holder === 'object' && !Array.isArray(holder)) {
      const indexes = Object.keys(holder).filter((k) => INDEX.test(k));
      if (indexes.length === Object.keys(holder).length) {
        const ordered = indexes.sort((a, b) => Number(a) - Number(b)).map((k) => normalise(holder[k] as TreeValue));
        if (keys[0] === 'member') return ordered;
        const map: Record<string, unknown> = {};
        for (const entry of ordered) {
          if (entry && typeof entry === 'object' && typeof (entry as Tree)['key'] === 'string') {
            map[(entry as Tree)['key'] as string] = (entry as Tree)['value'];
          }
        }
        return map;
      }
    }
  }
  // `X=` with no members is how the query serializers write an empty list.
  const out: Record<string, unknown> = {};
  for (const key of keys) out[key] = normalise(value[key] as TreeValue);
  return out;
}

// ---------------------------------------------------------------- shapes and validation

export type FieldSpec =
  | { readonly type: 'string'; readonly required?: boolean; readonly min?: number; readonly max?: number; readonly pattern?: RegExp; readonly patternText?: string; readonly enum?: readonly string[] }
  | { readonly type: 'integer'; readonly required?: boolean; readonly min?: number; readonly max?: number }
  | { readonly type: 'boolean'; readonly required?: boolean }
  | { readonly type: 'list'; readonly required?: boolean; readonly member: FieldSpec; readonly min?: number; readonly max?: number }
  | { readonly type: 'structure'; readonly required?: boolean; readonly members: Readonly<Record<string, FieldSpec>> };

export type InputSpec = Readonly<Record<string, FieldSpec>>;

/** A model pattern (`[\w+=,.@-]+`) as an anchored, Unicode-aware RegExp. */
export function modelPattern(source: string): { pattern: RegExp; patternText: string } {
  return { pattern: new RegExp(`^(?:${source})$`, 'u'), patternText: source };
}

const lowerFirst = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);

/**
 * Coerces the decoded form to the model's types and checks its constraints.
 * Unknown members are dropped (newer SDKs may send members this sandbox does
 * not know), as the real services ignore them.
 */
export function validateQueryInput(spec: InputSpec, raw: Record<string, unknown>): Record<string, unknown> {
  const problems: string[] = [];
  const value = checkStructure(spec, raw, '', problems);
  if (problems.length > 0) {
    const count = problems.length === 1 ? '1 validation error detected' : `${problems.length} validation errors detected`;
    throw validationError(`${count}: ${problems.join('; ')}`);
  }
  return value;
}

function checkStructure(spec: InputSpec, raw: unknown, path: string, problems: string[]): Record<string, unknown> {
  const source = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const out: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(spec)) {
    const where = path ? `${path}.${lowerFirst(name)}` : lowerFirst(name);
    const v = checkField(field, source[name], where, problems);
    if (v !== undefined) out[name] = v;
  }
  return out;
}

function checkField(field: FieldSpec, raw: unknown, where: string, problems: string[]): unknown {
  if (raw === undefined) {
    if (field.required) problems.push(`Value null at '${where}' failed to satisfy constraint: Member must not be null`);
    return undefined;
  }
  switch (field.type) {
    case 'string': {
      if (typeof raw !== 'string') return void problems.push(`Value at '${where}' failed to satisfy constraint: Member must be a string`);
      const length = [...raw].length;
      const shown = raw.length > 200 ? `${raw.slice(0, 200)}…` : raw;
      if (field.min !== undefined && length < field.min) problems.push(`Value '${shown}' at '${where}' failed to satisfy constraint: Member must have length greater than or equal to ${field.min}`);
      else if (field.max !== undefined && length > field.max) problems.push(`Value '${shown}' at '${where}' failed to satisfy constraint: Member must have length less than or equal to ${field.max}`);
      else if (field.pattern && !field.pattern.test(raw)) problems.push(`Value '${shown}' at '${where}' failed to satisfy constraint: Member must satisfy regular expression pattern: ${field.patternText ?? field.pattern.source}`);
      else if (field.enum && !field.enum.includes(raw)) problems.push(`Value '${shown}' at '${where}' failed to satisfy constraint: Member must satisfy enum value set: [${field.enum.join(', ')}]`);
      return raw;
    }
    case 'integer': {
      const n = typeof raw === 'string' && /^-?\d+$/.test(raw) ? Number(raw) : NaN;
      if (!Number.isSafeInteger(n)) return void problems.push(`Value '${String(raw)}' at '${where}' failed to satisfy constraint: Member must be an integer`);
      if (field.min !== undefined && n < field.min) problems.push(`Value '${n}' at '${where}' failed to satisfy constraint: Member must have value greater than or equal to ${field.min}`);
      else if (field.max !== undefined && n > field.max) problems.push(`Value '${n}' at '${where}' failed to satisfy constraint: Member must have value less than or equal to ${field.max}`);
      return n;
    }
    case 'boolean': {
      if (raw !== 'true' && raw !== 'false') return void problems.push(`Value '${String(raw)}' at '${where}' failed to satisfy constraint: Member must be a boolean`);
      return raw === 'true';
    }
    case 'list': {
      // An empty list is serialised as `X=` (an empty string).
      const items = raw === '' ? [] : raw;
      if (!Array.isArray(items)) return void problems.push(`Value at '${where}' failed to satisfy constraint: Member must be a list`);
      if (field.min !== undefined && items.length < field.min) problems.push(`Value at '${where}' failed to satisfy constraint: Member must have length greater than or equal to ${field.min}`);
      if (field.max !== undefined && items.length > field.max) problems.push(`Value at '${where}' failed to satisfy constraint: Member must have length less than or equal to ${field.max}`);
      return items.map((item, i) => checkField({ ...field.member, required: true }, item, `${where}.${i + 1}.member`, problems));
    }
    case 'structure':
      return checkStructure(field.members, raw, where, problems);
  }
}

// ---------------------------------------------------------------- responses

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', suppressEmptyNode: false, suppressBooleanAttributes: false });

/** Query-protocol XML for a result object: arrays become `<member>` lists, Dates ISO 8601, maps `<entry><key/><value/></entry>`. */
function toXmlTree(value: unknown): unknown {
  // AWS writes whole seconds: 2026-11-30T12:00:00Z.
  if (value instanceof Date) return value.toISOString().replace(/\.\d{3}Z$/, 'Z');
  if (value instanceof Map) return { entry: [...value].map(([key, v]) => ({ key, value: toXmlTree(v) })) };
  if (Array.isArray(value)) return value.length === 0 ? '' : { member: value.map(toXmlTree) };
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toXmlTree(v);
    return out;
  }
  return value;
}

export function requestIdFor(given: string | undefined): string {
  return given ?? randomUUID();
}

function xmlResponse(status: number, tree: Record<string, unknown>, requestId: string): ServiceResponse {
  const body = builder.build({ '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' }, ...tree }) as string;
  return { status, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId }, body };
}

/** 200 `<ActionResponse><ActionResult>…</ActionResult><ResponseMetadata>…`; `result` undefined omits the Result element. */
export function queryResult(action: string, xmlns: string, result: Record<string, unknown> | undefined, requestId: string): ServiceResponse {
  const inner: Record<string, unknown> = { '@_xmlns': xmlns };
  if (result !== undefined) inner[`${action}Result`] = toXmlTree(result);
  inner['ResponseMetadata'] = { RequestId: requestId };
  return xmlResponse(200, { [`${action}Response`]: inner }, requestId);
}

export function queryErrorResponse(xmlns: string, error: QueryError, requestId: string): ServiceResponse {
  return xmlResponse(
    error.status,
    {
      ErrorResponse: {
        '@_xmlns': xmlns,
        Error: { Type: error.type, Code: error.code, Message: error.message },
        RequestId: requestId,
      },
    },
    requestId,
  );
}

/** RFC 3986 encoding, as IAM returns policy documents (encodeURIComponent leaves !'()* alone). */
export function rfc3986(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

// ---------------------------------------------------------------- dispatch

export interface QueryOperation<C> {
  readonly input: InputSpec;
  /** Returns the Result members, or undefined for operations whose output is empty. */
  run(input: Record<string, unknown>, ctx: C, request: ServiceRequest): Record<string, unknown> | undefined;
}

export interface QueryService<C> {
  readonly version: string;
  readonly xmlns: string;
  readonly operations: Readonly<Record<string, QueryOperation<C>>>;
  /** The code for an unexpected failure: IAM `ServiceFailure`, STS `InternalFailure`. */
  readonly internalErrorCode: string;
}

/** Parses, validates and runs one query call; every failure becomes the protocol's XML error. */
export function dispatchQuery<C extends { readonly requestId?: string }>(
  service: QueryService<C>,
  request: ServiceRequest,
  ctx: C,
  log: (line: string) => void = () => undefined,
): ServiceResponse {
  const requestId = requestIdFor(ctx.requestId);
  try {
    const call = parseQueryCall(request);
    const operation = Object.hasOwn(service.operations, call.action) ? service.operations[call.action] : undefined;
    if (!operation || (call.version !== undefined && call.version !== service.version)) {
      throw new QueryError('InvalidAction', `Could not find operation ${call.action} for version ${call.version ?? 'NO_VERSION_SPECIFIED'}`, 400);
    }
    const input = validateQueryInput(operation.input, decodeQueryParams(call.params));
    return queryResult(call.action, service.xmlns, operation.run(input, ctx, request), requestId);
  } catch (error) {
    if (error instanceof QueryError) return queryErrorResponse(service.xmlns, error, requestId);
    log(`sandbox: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return queryErrorResponse(service.xmlns, new QueryError(service.internalErrorCode, 'The sandbox failed to handle the request', 500), requestId);
  }
}

// ---------------------------------------------------------------- errors the core raises for query services

export type CoreFault = 'throttle' | 'unavailable' | 'after-commit' | 'deny';

/**
 * The query-protocol errors for what the core decides before or after a
 * handler runs (fault injection, `deny=ACTION`), as IAM and STS answer them:
 * `Throttling` (400, "Rate exceeded": botocore and JS v3 retry it as a
 * throttle), `ServiceUnavailable` (503, retried as transient; also for
 * `after-commit`), `AccessDenied` (403) naming the action.
 */
export function coreFaultError(fault: CoreFault, detail: { action?: string; caller?: string; resource?: string } = {}): QueryError {
  switch (fault) {
    case 'throttle':
      return new QueryError('Throttling', 'Rate exceeded', 400);
    case 'unavailable':
    case 'after-commit':
      return new QueryError('ServiceUnavailable', 'Service unavailable (sandbox fault injection)', 503);
    case 'deny':
      return new QueryError(
        'AccessDenied',
        `User: ${detail.caller ?? 'arn:aws:iam::000000000000:root'} is not authorized to perform: ${detail.action ?? 'this action'}${detail.resource ? ` on resource: ${detail.resource}` : ''} (sandbox fault injection)`,
        403,
      );
  }
}

/** The credential errors of the core's SigV4 check, as IAM and STS answer them (all 403). */
export function signatureError(code: 'MissingAuthenticationToken' | 'InvalidClientTokenId' | 'ExpiredToken' | 'SignatureDoesNotMatch', message?: string): QueryError {
  const messages = {
    MissingAuthenticationToken: 'Request is missing Authentication Token',
    InvalidClientTokenId: 'The security token included in the request is invalid.',
    ExpiredToken: 'The security token included in the request is expired',
    SignatureDoesNotMatch: 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.',
  } as const;
  return new QueryError(code, message ?? messages[code], 403);
}
