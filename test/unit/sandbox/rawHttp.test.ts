/** The wire as raw HTTP shows it: status codes, headers and error bodies the SDK would otherwise hide. */
import { request } from 'node:http';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../../src/main/sandbox';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
});
afterAll(() => sandbox.close());

const SIGNED = { Authorization: 'AWS4-HMAC-SHA256 Credential=X/20240101/us-east-1/chime/aws4_request, SignedHeaders=host, Signature=00' };

function call(method: string, path: string, options: { headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }>((resolve, reject) => {
    const req = request(`${sandbox.url}${path}`, { method, headers: options.headers }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

function expectError(response: Awaited<ReturnType<typeof call>>, status: number, type: string, code: string) {
  expect(response.status).toBe(status);
  expect(response.headers['x-amzn-errortype']).toBe(type);
  expect(response.headers['x-amzn-requestid']).toMatch(/^[0-9a-f-]{36}$/);
  expect(response.headers['content-type']).toBe('application/json');
  const body = JSON.parse(response.text) as Record<string, unknown>;
  expect(Object.keys(body).sort()).toEqual(['Code', 'Message']);
  expect(body['Code']).toBe(code);
}

test('an unsigned request is 401 UnauthorizedClientException', async () => {
  expectError(await call('GET', '/app-instances'), 401, 'UnauthorizedClientException', 'Unauthorized');
});

test('malformed JSON is 400 BadRequestException', async () => {
  const response = await call('POST', '/app-instances', { headers: { ...SIGNED, 'Content-Type': 'application/json' }, body: '{"Name": ' });
  expectError(response, 400, 'BadRequestException', 'BadRequest');
  expectError(await call('POST', '/app-instances', { headers: SIGNED, body: '[1,2]' }), 400, 'BadRequestException', 'BadRequest');
});

test('an unknown route or method is 404 UnknownOperationException', async () => {
  expectError(await call('GET', '/nothing-here', { headers: SIGNED }), 404, 'UnknownOperationException', 'NotFound');
  expectError(await call('PATCH', '/app-instances', { headers: SIGNED }), 404, 'UnknownOperationException', 'NotFound');
  expectError(await call('POST', '/tags?operation=explode-resource', { headers: SIGNED }), 404, 'UnknownOperationException', 'NotFound');
});

test('a success: 201 with JSON, then 204 with an empty body; unknown body members are ignored', async () => {
  const created = await call('POST', '/app-instances', { headers: SIGNED, body: JSON.stringify({ Name: 'Raw', ClientRequestToken: 'raw-token-1', Future: 1 }) });
  expect(created.status).toBe(201);
  expect(created.headers['x-amzn-requestid']).toMatch(/^[0-9a-f-]{36}$/);
  const arn = (JSON.parse(created.text) as { AppInstanceArn: string }).AppInstanceArn;
  const described = await call('GET', `/app-instances/${encodeURIComponent(arn)}`, { headers: SIGNED });
  const timestamp = (JSON.parse(described.text) as { AppInstance: { CreatedTimestamp: unknown } }).AppInstance.CreatedTimestamp;
  // Epoch seconds, not milliseconds.
  expect(typeof timestamp === 'number' && Math.abs(timestamp - Date.now() / 1000) < 60).toBe(true);
  const deleted = await call('DELETE', `/app-instances/${encodeURIComponent(arn)}`, { headers: SIGNED });
  expect([deleted.status, deleted.text, deleted.headers['x-amzn-requestid'] !== undefined]).toEqual([204, '', true]);
});

test('an empty path label (/app-instance-users//endpoints/) is a 400 naming the member', async () => {
  const response = await call('GET', '/app-instance-users//endpoints/', { headers: SIGNED });
  expectError(response, 400, 'BadRequestException', 'BadRequest');
  expect(response.text).toMatch(/AppInstanceUserArn/);
});

test('a Host that is not loopback is refused (DNS rebinding)', async () => {
  expectError(await call('GET', '/_sandbox/health', { headers: { Host: 'evil.example:80' } }), 403, 'ForbiddenException', 'Forbidden');
});

test('unknown members nested in structures are ignored too, and never stored', async () => {
  const body = { Name: 'Nested', ClientRequestToken: 'raw-token-nested', Tags: [{ Key: 'team', Value: 'mobile', Colour: 'blue' }] };
  const created = await call('POST', '/app-instances', { headers: SIGNED, body: JSON.stringify(body) });
  expect(created.status).toBe(201);
  const arn = (JSON.parse(created.text) as { AppInstanceArn: string }).AppInstanceArn;
  const tags = await call('GET', `/tags?arn=${encodeURIComponent(arn)}`, { headers: SIGNED });
  expect(JSON.parse(tags.text)).toEqual({ Tags: [{ Key: 'team', Value: 'mobile' }] });
  // Known members are still checked at every depth.
  const bad = await call('POST', '/app-instances', { headers: SIGNED, body: JSON.stringify({ ...body, ClientRequestToken: 'raw-token-bad', Tags: [{ Key: '', Value: 'x' }] }) });
  expectError(bad, 400, 'BadRequestException', 'BadRequest');
  expect(JSON.parse(bad.text).Message).toContain("'Tags.1.Key'");
});
