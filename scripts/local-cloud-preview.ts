/**
 * Development preview of the IAM, STS and Identity Center modules on one
 * loopback port, until the sandbox core routes to them:
 *
 *   npx tsx scripts/local-cloud-preview.ts [--port N]
 *
 * It prints `http://127.0.0.1:N` when ready. Signatures are not verified
 * (as the sandbox by default), but keys issued by STS or the SSO portal must
 * come with their session token and be unexpired: the check the core will do
 * through IssuedCredentials.check. State lives in memory only.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleIam, IAM_XMLNS, IamState, matchesIam } from '../src/main/sandbox/iam';
import { credentialScope, header, type ServiceRequest, type ServiceResponse } from '../src/main/sandbox/protocols/http';
import { QueryError, queryErrorResponse } from '../src/main/sandbox/protocols/query';
import { handleSsoControl, handleSsoOidc, handleSsoPortal, matchesSsoOidc, matchesSsoPortal, SsoState } from '../src/main/sandbox/sso';
import { handleSts, IssuedCredentials, matchesSts } from '../src/main/sandbox/sts';

const portArg = process.argv.indexOf('--port');
const port = portArg >= 0 ? Number(process.argv[portArg + 1]) : 0;
const base = { now: () => Date.now(), region: 'us-east-1', accountId: '000000000000' };
const iam = new IamState();
const sso = new SsoState();
const credentials = new IssuedCredentials();

function issuedKeyProblem(request: ServiceRequest, xmlns: string): ServiceResponse | undefined {
  const scope = credentialScope(request);
  if (!scope || !credentials.isIssuedKey(scope.accessKeyId)) return undefined;
  const check = credentials.check(scope.accessKeyId, header(request, 'x-amz-security-token'), Date.now());
  return check.ok ? undefined : queryErrorResponse(xmlns, new QueryError(check.code, check.message, 403), 'preview');
}

function answer(request: ServiceRequest): ServiceResponse {
  const control = handleSsoControl(request.method, request.path, request.body, { state: sso, now: base.now });
  if (control) return { status: control.status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(control.body) };
  if (matchesIam(request)) return issuedKeyProblem(request, IAM_XMLNS) ?? handleIam(request, { ...base, state: iam }, console.error);
  if (matchesSts(request)) return handleSts(request, { ...base, iam, credentials }, console.error);
  if (matchesSsoOidc(request)) return handleSsoOidc(request, { ...base, state: sso }, console.error);
  if (matchesSsoPortal(request)) return handleSsoPortal(request, { ...base, state: sso, credentials }, console.error);
  return { status: 404, headers: { 'content-type': 'text/plain' }, body: `No preview service matches ${request.method} ${request.path}` };
}

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const request: ServiceRequest = {
      method: req.method ?? 'GET',
      path: q < 0 ? url : url.slice(0, q),
      query: new URLSearchParams(q < 0 ? '' : url.slice(q + 1)),
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    };
    const out = answer(request);
    if (process.env['PREVIEW_LOG']) console.error(`${request.method} ${request.path} → ${out.status}`);
    res.writeHead(out.status, out.headers).end(out.body);
  });
});
server.listen(port, '127.0.0.1', () => {
  console.log(`local cloud preview listening on http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.close(() => process.exit(0)));
