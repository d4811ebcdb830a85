/**
 * The HTTP front of the sandbox: one listener that answers control routes,
 * then, for API calls, routes → checks the signature → applies faults →
 * validates → runs the handler → writes the restJson1 response.
 *
 * It binds to 127.0.0.1 only. A web page could still reach a loopback port
 * through DNS rebinding (its own hostname resolving to 127.0.0.1), so a
 * request whose Host is not a loopback name is refused: the control routes
 * need no signature and must not be driveable from a browser tab.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { OPERATIONS } from '../../shared/chime/operations';
import { checkSignature, type SigV4Keys } from './auth';
import type { SandboxControls } from './control';
import { SandboxError, badRequest } from './errors';
import type { Faults } from './faults';
import { HANDLERS, type HandlerContext } from './handlers';
import { buildInput, parseBody, validateInput } from './input';
import { matchRoute } from './router';

export interface ListenerDeps {
  readonly ctx: HandlerContext;
  readonly faults: Faults;
  readonly controls: SandboxControls;
  readonly keys: SigV4Keys | undefined;
  readonly onMutation: () => void;
  readonly log: (line: string) => void;
}

const MAX_BODY_BYTES = 1024 * 1024;
const LOOPBACK_HOST = /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/i;
const HAS_BODY_MEMBERS = new Set(
  Object.entries(OPERATIONS)
    .filter(([, op]) => Object.values(op.input).some((m) => m.in === 'body'))
    .map(([name]) => name),
);

export function createListener(deps: ListenerDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    res.setHeader('x-amzn-RequestId', randomUUID());
    handle(deps, req, res).catch((error: unknown) => sendError(deps, res, error));
  };
}

async function handle(deps: ListenerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (!LOOPBACK_HOST.test(req.headers.host ?? '')) {
    throw new SandboxError('ForbiddenException', `Host ${req.headers.host ?? '(none)'} is not a loopback name`);
  }
  const method = req.method ?? 'GET';
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const rawPath = q < 0 ? url : url.slice(0, q);
  const query = new URLSearchParams(q < 0 ? '' : url.slice(q + 1));
  const body = await readBody(req);

  if (rawPath.startsWith('/_sandbox/')) {
    const answer = deps.controls.handle(method, rawPath, body);
    return send(res, answer.status, answer.body);
  }
  const match = matchRoute(method, rawPath, query);
  if (!match) throw new SandboxError('UnknownOperationException', `No Chime SDK Identity operation matches ${method} ${rawPath}`);
  await checkSignature({ method, rawPath, query, headers: req.headers, body }, deps.keys, deps.ctx.region);
  await deps.faults.apply();

  const { operation, labels } = match;
  const json = HAS_BODY_MEMBERS.has(operation) ? parseBody(body) : {};
  const input = validateInput(operation, buildInput(operation, labels, query, json));
  const result = HANDLERS[operation](input, deps.ctx);
  if (method !== 'GET') deps.onMutation();
  send(res, OPERATIONS[operation].status, result);
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

function send(res: ServerResponse, status: number, body: Record<string, unknown> | undefined): void {
  if (status === 204 || body === undefined) {
    res.writeHead(status === 204 ? 204 : status).end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) }).end(text);
}

function sendError(deps: ListenerDeps, res: ServerResponse, error: unknown): void {
  let failure: SandboxError;
  if (error instanceof SandboxError) {
    failure = error;
  } else {
    deps.log(`sandbox: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    failure = new SandboxError('ServiceFailureException', 'The sandbox failed to handle the request');
  }
  if (res.headersSent) return void res.destroy();
  res.setHeader('x-amzn-ErrorType', failure.type);
  send(res, failure.status, failure.toBody());
}
