/**
 * Issue 10, defect 2: the harness transport answers every request it can
 * refuse with a JSON Result and a 4xx, checks the Origin before reading a
 * body, and a port in use is one plain sentence, not an unhandled 'error'.
 */
import http from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarnessServer, type HarnessServer } from '../../harness/server';
import type { MainServices } from '../../../src/main/services';
import { WorkbenchCodes, fail, ok } from '../../../src/shared/errors';
import { MAX_IPC_BODY_BYTES } from '../../../src/shared/limits';

let dir: string;
let server: HarnessServer;
const dispatched: Array<{ channel: string; trusted: boolean }> = [];
const fakeServices = {
  bus: { subscribe: () => () => undefined },
  dispatcher: {
    dispatch: async (channel: string, _input: unknown, trusted: boolean) => {
      dispatched.push({ channel, trusted });
      return trusted ? ok({ channel }) : fail({ code: WorkbenchCodes.ForbiddenSender, message: 'refused', retryable: false });
    },
  },
} as unknown as MainServices;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'cew-harness-'));
  await writeFile(path.join(dir, 'index.html'), '<html><script type="module" src="/a.js"></script></html>');
  server = await startHarnessServer({ port: 0, rendererDir: dir, services: fakeServices });
});
afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

interface Answer {
  status: number;
  type: string;
  body: string;
}

/** A raw request (fetch would refuse to send some of these); `declaredLength` lets a test announce more than it sends. */
function request(method: string, pathname: string, options: { origin?: string; body?: string; declaredLength?: number } = {}): Promise<Answer> {
  const url = new URL(server.url);
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { host: url.host };
    if (options.origin) headers.origin = options.origin;
    if (options.declaredLength !== undefined) headers['content-length'] = options.declaredLength;
    const req = http.request({ host: url.hostname, port: url.port, method, path: pathname, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body }));
    });
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    // With a declared length larger than what was written, the request stays open: the answer must not wait for it.
    if (options.declaredLength === undefined) req.end();
  });
}

function expectJsonError(answer: Answer, status: number, code: string) {
  expect(answer.status).toBe(status);
  expect(answer.type).toMatch(/application\/json/);
  const parsed = JSON.parse(answer.body) as { ok: boolean; error: { code: string; message: string } };
  expect(parsed.ok).toBe(false);
  expect(parsed.error.code).toBe(code);
}

describe('harness transport errors', () => {
  it('answers a malformed percent-escape in an IPC path with 400 and a JSON error', async () => {
    expectJsonError(await request('POST', '/__harness/ipc/%', { origin: server.url, body: '{}' }), 400, WorkbenchCodes.InvalidInput);
  });

  it('answers a malformed percent-escape in an asset path with 400 and a JSON error', async () => {
    expectJsonError(await request('GET', '/assets/%E0%A4%A'), 400, WorkbenchCodes.InvalidInput);
  });

  it('refuses a foreign Origin before reading its (oversized) body', async () => {
    const answer = await request('POST', '/__harness/ipc/app:info', { origin: 'https://evil.example', body: 'x'.repeat(1024), declaredLength: MAX_IPC_BODY_BYTES + 1 });
    expectJsonError(answer, 200, WorkbenchCodes.ForbiddenSender);
  });

  it('answers a same-origin body over the limit with 413 and a JSON error, without reading it all', async () => {
    const answer = await request('POST', '/__harness/ipc/app:info', { origin: server.url, body: 'x'.repeat(1024), declaredLength: MAX_IPC_BODY_BYTES + 1 });
    expectJsonError(answer, 413, WorkbenchCodes.InvalidInput);
    expect(dispatched.filter((d) => d.trusted)).toEqual([]);
  });

  it('still dispatches a good request', async () => {
    const answer = await request('POST', '/__harness/ipc/app:info', { origin: server.url, body: '{}' });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ ok: true, value: { channel: 'app:info' } });
  });

  it('says in one sentence that the port is in use', async () => {
    const port = Number(new URL(server.url).port);
    await expect(startHarnessServer({ port, rendererDir: dir, services: fakeServices })).rejects.toThrow(
      new RegExp(`^harness: cannot listen on 127\\.0\\.0\\.1:${port}: port ${port} is already in use\\.$`),
    );
  });
});
