import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ListAppInstancesCommand, RegisterAppInstanceUserEndpointCommand } from '@aws-sdk/client-chime-sdk-identity';
import { createChimeClient } from '../../../src/main/aws/chimeClient';
import type { CallRecord } from '../../../src/main/aws/activityLog';
import { SANDBOX_CREDENTIALS, startSandbox, type RunningSandbox } from '../../../src/main/sandbox';
import { WorkbenchCodes } from '../../../src/shared/errors';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, seed: 'demo' });
});
afterAll(() => sandbox.close());

const credentials = async () => ({ ...SANDBOX_CREDENTIALS });

describe('createChimeClient against the sandbox', () => {
  it('lists the demo AppInstance and records the call', async () => {
    const calls: CallRecord[] = [];
    const client = createChimeClient({ region: 'us-east-1', credentials, endpoint: sandbox.url, onCall: (c) => calls.push(c) });
    try {
      const out = await client.send(new ListAppInstancesCommand({}));
      expect(out.AppInstances?.map((a) => a.AppInstanceArn)).toContain(sandbox.demoAppInstanceArn);
      expect(calls).toEqual([
        expect.objectContaining({ operation: 'ListAppInstances', httpStatus: 200, attempts: 1, input: {}, output: expect.objectContaining({ AppInstances: expect.any(Array) }) }),
      ]);
      expect(calls[0]?.durationMs).toBeGreaterThanOrEqual(0);
    } finally {
      client.destroy();
    }
  });

  it('records a failed call with the mapped error', async () => {
    const calls: CallRecord[] = [];
    const client = createChimeClient({ region: 'us-east-1', credentials, endpoint: sandbox.url, onCall: (c) => calls.push(c) });
    const input = {
      AppInstanceUserArn: `${sandbox.demoAppInstanceArn}/user/nobody-here`,
      Type: 'APNS' as const,
      ResourceArn: 'arn:aws:mobiletargeting:us-east-1:000000000000:apps/abc',
      EndpointAttributes: { DeviceToken: 'f'.repeat(64) },
      ClientRequestToken: 'token-1',
    };
    try {
      await expect(client.send(new RegisterAppInstanceUserEndpointCommand(input))).rejects.toMatchObject({ name: 'NotFoundException' });
      expect(calls).toHaveLength(1);
      expect(calls[0]).toMatchObject({ operation: 'RegisterAppInstanceUserEndpoint', httpStatus: 404, error: { code: 'NotFoundException', httpStatus: 404, retryable: false } });
      expect(calls[0]?.input).toEqual(input);
    } finally {
      client.destroy();
    }
  });

  it('fails fast with NetworkError when nothing listens', async () => {
    const calls: CallRecord[] = [];
    const client = createChimeClient({ region: 'us-east-1', credentials, endpoint: 'http://127.0.0.1:9', maxAttempts: 1, onCall: (c) => calls.push(c) });
    try {
      await expect(client.send(new ListAppInstancesCommand({}))).rejects.toThrow();
      expect(calls[0]?.error).toMatchObject({ code: WorkbenchCodes.NetworkError, retryable: true });
    } finally {
      client.destroy();
    }
  });
});

describe('createChimeClient wire details', () => {
  let seen: IncomingHttpHeaders[] = [];
  let delayMs = 0;
  const server = createServer((req, res) => {
    seen.push(req.headers);
    setTimeout(() => {
      res.writeHead(200, { 'content-type': 'application/json', 'x-amzn-requestid': 'stand-in-1' });
      res.end('{"AppInstances":[]}');
    }, delayMs);
  });
  let url = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );

  it('signs, names the app in the user agent and reports the request id', async () => {
    seen = [];
    delayMs = 0;
    const calls: CallRecord[] = [];
    const client = createChimeClient({ region: 'eu-central-1', credentials, endpoint: url, appVersion: '9.9.9', onCall: (c) => calls.push(c) });
    try {
      await client.send(new ListAppInstancesCommand({}));
    } finally {
      client.destroy();
    }
    const headers = seen[0]!;
    expect(String(headers['user-agent'])).toMatch(/ChimeEndpointWorkbench\/9\.9\.9/);
    expect(String(headers['x-amz-user-agent'] ?? headers['user-agent'])).toMatch(/ChimeEndpointWorkbench/);
    expect(headers.authorization).toMatch(/Credential=SANDBOXACCESSKEY\/\d{8}\/eu-central-1\/chime\/aws4_request/);
    expect(headers['amz-sdk-request']).toMatch(/attempt=1/);
    expect(calls[0]).toMatchObject({ requestId: 'stand-in-1', httpStatus: 200 });
  });

  it('times out a call that takes longer than the per-call timeout', async () => {
    delayMs = 500;
    const calls: CallRecord[] = [];
    const client = createChimeClient({ region: 'us-east-1', credentials, endpoint: url, timeoutMs: 100, maxAttempts: 1, onCall: (c) => calls.push(c) });
    try {
      await expect(client.send(new ListAppInstancesCommand({}))).rejects.toMatchObject({ name: 'TimeoutError' });
      expect(calls[0]?.error).toMatchObject({ code: WorkbenchCodes.Timeout, retryable: true });
    } finally {
      client.destroy();
    }
  });

  it('stops a call when its AbortSignal fires', async () => {
    delayMs = 500;
    const client = createChimeClient({ region: 'us-east-1', credentials, endpoint: url });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    try {
      await expect(client.send(new ListAppInstancesCommand({}), { abortSignal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
    } finally {
      client.destroy();
    }
  });
});
