/**
 * The HTTP front of the sandbox: one listener for every service (see
 * core/service.ts for the request pipeline and how services register).
 *
 * It binds to 127.0.0.1 only. A web page could still reach a loopback port
 * through DNS rebinding (its own hostname resolving to 127.0.0.1), so a
 * request whose Host is not a loopback name is refused; and a web page can
 * POST to loopback directly, so every `/_sandbox/` control route refuses a
 * request that carries a browser `Origin` header (checked here, before the
 * body is read, so routes added later are covered).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { badRequest, SandboxError } from './errors';
import type { Faults } from './faults';
import type { ControlRoute, SandboxRequest, SandboxResponse, SandboxService } from './service';
import { checkSignature, signingScope, type IssuedKeys, type SigV4Keys } from './sigv4';

export interface ListenerDeps {
  readonly services: readonly SandboxService[];
  readonly controls: readonly ControlRoute[];
  readonly faults: Faults;
  readonly keys: SigV4Keys | undefined;
  readonly region: string;
  /** Resolves once the state is durable (group commit with --data; at once without). */
  readonly commit: () => Promise<void>;
  readonly log: (line: string) => void;
  /** Keys STS and the SSO portal issued: accepted by every SigV4 service with their session token. */
  readonly issued?: IssuedKeys;
  readonly now?: () => number;
}

const MAX_BODY_BYTES = 1024 * 1024;
const LOOPBACK_HOST = /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/i;

export function createListener(deps: ListenerDeps): (req: IncomingMessage, res: ServerResponse) => void {
  // Errors before a service is known (bad Host, no route) are written as Chime's, the sandbox's first service.
  const fallback = deps.services[0];
  if (!fallback) throw new Error('the sandbox needs at least one service');
  return (req, res) => {
    const requestId = randomUUID();
    res.setHeader('x-amzn-RequestId', requestId);
    const ctx = { service: fallback };
    handle(deps, req, res, requestId, ctx).catch((error: unknown) => sendError(deps, res, error, requestId, ctx.service));
  };
}

async function handle(deps: ListenerDeps, req: IncomingMessage, res: ServerResponse, requestId: string, ctx: { service: SandboxService }): Promise<void> {
  if (!LOOPBACK_HOST.test(req.headers.host ?? '')) {
    throw new SandboxError('ForbiddenException', `Host ${req.headers.host ?? '(none)'} is not a loopback name`);
  }
  const method = req.method ?? 'GET';
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const rawPath = q < 0 ? url : url.slice(0, q);
  const query = new URLSearchParams(q < 0 ? '' : url.slice(q + 1));

  if (rawPath.startsWith('/_sandbox/')) {
    if (req.headers.origin !== undefined) {
      req.resume();
      throw new SandboxError('ForbiddenException', 'Sandbox control routes refuse requests from web pages (Origin header present)');
    }
    const body = await readBody(req);
    const request: SandboxRequest = { method, rawPath, query, headers: req.headers, body, requestId };
    return send(res, await runControl(deps, request));
  }

  const body = await readBody(req);
  const request: SandboxRequest = { method, rawPath, query, headers: req.headers, body, requestId, scope: signingScope(req.headers.authorization) };
  let operation;
  for (const service of deps.services) {
    operation = service.match(request);
    if (operation) {
      ctx.service = service;
      break;
    }
  }
  if (!operation) throw new SandboxError('UnknownOperationException', `No operation of this sandbox matches ${method} ${rawPath}`);
  const service = ctx.service;
  if (service.auth.kind === 'sigv4' && !(operation.unsigned && req.headers.authorization === undefined)) {
    const regions = service.auth.globalRegion ? [deps.region, service.auth.globalRegion] : [deps.region];
    const issued = deps.issued ? { keys: deps.issued, now: (deps.now ?? Date.now)() } : undefined;
    await checkSignature({ method, rawPath, query, headers: req.headers, body }, deps.keys, { signingName: service.auth.signingName, regions }, service.faultErrors, issued);
  }
  await deps.faults.apply(service.faultErrors, `${service.actionPrefix}:${operation.name}`);
  const answer = await operation.run();
  if (operation.mutating) {
    await deps.commit();
    operation.committed?.();
    if (deps.faults.failsAfterCommit()) {
      throw service.faultErrors.unavailable('Service unavailable after the change was committed (sandbox fault injection: after-commit)');
    }
  }
  send(res, answer);
}

async function runControl(deps: ListenerDeps, req: SandboxRequest): Promise<SandboxResponse> {
  for (const route of deps.controls) {
    if (route.method !== req.method) continue;
    let groups: string[] | undefined;
    if (typeof route.path === 'string') groups = route.path === req.rawPath ? [] : undefined;
    else groups = route.path.exec(req.rawPath)?.slice(1).map((g) => decodeURIComponent(g ?? ''));
    if (!groups) continue;
    const answer = await route.handle(req, groups);
    if (route.mutating) await deps.commit();
    return answer;
  }
  throw new SandboxError('UnknownOperationException', `No sandbox control route ${req.method} ${req.rawPath}`);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => {
      if (size > MAX_BODY_BYTES) reject(badRequest(`The request body is larger than ${MAX_BODY_BYTES} bytes`));
      else resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
  });
}

function send(res: ServerResponse, answer: SandboxResponse): void {
  const { status, body } = answer;
  for (const [name, value] of Object.entries(answer.headers ?? {})) res.setHeader(name, value);
  if (status === 204 || body === undefined) {
    res.writeHead(status).end();
    return;
  }
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  if (typeof body !== 'string' && !res.hasHeader('Content-Type')) res.setHeader('Content-Type', 'application/json');
  res.writeHead(status, { 'Content-Length': Buffer.byteLength(text) }).end(text);
}

function sendError(deps: ListenerDeps, res: ServerResponse, error: unknown, requestId: string, service: SandboxService): void {
  let failure: SandboxError;
  if (error instanceof SandboxError) {
    failure = error;
  } else {
    deps.log(`sandbox: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    failure = service.faultErrors.internal('The sandbox failed to handle the request');
  }
  if (res.headersSent) return void res.destroy();
  send(res, service.renderError(failure, requestId));
}
